// The router of the export Worker (docs/export-worker-protocol.md): checks the bearer secret,
// forwards Durable Object requests to the object named in the path, reads bound KV namespaces
// so KV can be exported without spending the REST API budget, and (protocol 2) reads and trims
// the change log of live migration. Every protocol-1 route is answered under /landfall/v1 and
// /landfall/v2 alike.
//
//   import { exportRouter } from "./landfall/router.mjs";
//   export default exportRouter;
import { PREFIX, PROTOCOLS, PROTOCOL_HEADER, WRAPPER_PROTOCOL, authorized, json, limit, readBody, unauthorized } from "./protocol.mjs";
import { TYPED_JSON_VERSION, base64 } from "./typed-json.mjs";
import { ACCOUNT_VAR, CHANGES_BINDING, capacity, isNamespace, shardCount, shardName } from "./capture-config.mjs";

const MAX_KEYS = 1000;
const MAX_VALUES = 100;

export const exportRouter = {
  async fetch(request, env) {
    if (!(await authorized(request, env))) return unauthorized(request);
    try {
      return await route(request, env);
    } catch (e) {
      if (e instanceof Response) return e;
      return json(500, { error: "export Worker failure", detail: String(e && e.message) });
    }
  },
};

const VERSIONED = /^\/landfall\/v([0-9]+)\/(.+)$/;

async function route(request, env) {
  const match = VERSIONED.exec(new URL(request.url).pathname);
  const version = match ? Number(match[1]) : 0;
  const parts = PROTOCOLS.includes(version) ? match[2].split("/") : [];
  if (parts.length === 1 && parts[0] === "info" && request.method === "GET") return info(env, version);
  if (request.method !== "POST") return json(parts.length ? 405 : 404, { error: "not found" });
  if (parts[0] === "changes" && parts.length === 3 && version >= 2) return changes(request, env, parts);
  if (parts[0] === "do" && parts.length === 4) return durableObject(request, env, parts.map(decodeURIComponent));
  if (parts[0] === "kv" && parts.length === 3) {
    const kv = kvBinding(env, decodeURIComponent(parts[1]));
    if (parts[2] === "keys") return kvKeys(kv, await readBody(request));
    if (parts[2] === "values") return kvValues(kv, await readBody(request));
    if (parts[2] === "current" && version >= 2) return kvValues(kv, await readBody(request), true);
  }
  // Read the body first: a runtime that answers before it was read resets the connection, and a
  // client reusing it would see a reset instead of the 404.
  await request.arrayBuffer().catch(() => undefined);
  return json(404, { error: "not found" });
}

function bindings(env, test) {
  return Object.keys(env).filter((name) => test(env[name], name)).sort();
}

// The change log is Landfall's own object, not the operator's data: it is never exported.
const isOperatorNamespace = (b, name) => isNamespace(b) && name !== CHANGES_BINDING;
const isKv = (b) => b !== null && typeof b === "object" && typeof b.getWithMetadata === "function" && typeof b.list === "function";

/** LANDFALL_DO_CLASSES ("BINDING=Class,…", written by the scaffold) names each binding's class. */
function classes(env) {
  const out = {};
  for (const pair of String(env.LANDFALL_DO_CLASSES ?? "").split(",")) {
    const [binding, className] = pair.split("=").map((s) => s.trim());
    if (binding && className) out[binding] = className;
  }
  return out;
}

/** The answer of the version asked: a v1 client sees exactly the v1 answer. */
function info(env, version) {
  const names = classes(env);
  const answer = {
    protocol: version,
    typedJson: TYPED_JSON_VERSION,
    durableObjects: bindings(env, isOperatorNamespace).map((binding) => ({ binding, className: names[binding] ?? null })),
    kv: bindings(env, isKv),
  };
  if (version >= 2) answer.capture = capture(env);
  return json(200, answer);
}

function capture(env) {
  if (!isNamespace(env[CHANGES_BINDING])) return null;
  const account = env[ACCOUNT_VAR];
  return {
    binding: CHANGES_BINDING,
    shards: configured(shardCount, env),
    capacity: configured(capacity, env),
    account: typeof account === "string" && account !== "" ? account : null,
  };
}

/** A capture setting, or a 500 naming the variable to fix. */
function configured(setting, env) {
  try {
    return setting(env);
  } catch (e) {
    throw json(500, { error: "the export Worker's capture is misconfigured", detail: e.message });
  }
}

/** read, trim or reset one shard of the change log; the object checks the body. */
async function changes(request, env, [, shardText, op]) {
  // Read first: a runtime that answers before the body was read resets the connection.
  const body = await request.text();
  const log = env[CHANGES_BINDING];
  if (!isNamespace(log)) return json(404, { error: `capture is off: this Worker has no ${CHANGES_BINDING} binding` });
  const shards = configured(shardCount, env);
  const shard = /^(0|[1-9][0-9]{0,3})$/.test(shardText) ? Number(shardText) : -1;
  if (shard < 0 || shard >= shards) return json(404, { error: `no shard ${JSON.stringify(shardText)}: shards are 0 to ${shards - 1}` });
  if (!["read", "trim", "reset"].includes(op)) return json(404, { error: "not found" });
  const stub = log.get(log.idFromName(shardName(shard)));
  return stub.fetch(`https://landfall.invalid/${op}?shard=${shard}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
}

async function durableObject(request, env, [, binding, objectId, op]) {
  const namespace = env[binding];
  if (!isOperatorNamespace(namespace, binding)) return json(404, { error: `no Durable Object binding named ${JSON.stringify(binding)}` });
  let id;
  try {
    id = namespace.idFromString(objectId);
  } catch {
    return json(400, { error: "the object id is not a valid id of this namespace" });
  }
  const forwarded = new Request(`https://landfall.invalid${PREFIX}/do/${encodeURIComponent(binding)}/${objectId}/${op}`, {
    method: "POST",
    headers: { authorization: request.headers.get("authorization"), "content-type": "application/json" },
    body: await request.text(),
  });
  const answer = await namespace.get(id).fetch(forwarded);
  if (answer.headers.get(PROTOCOL_HEADER) !== String(WRAPPER_PROTOCOL)) {
    return json(502, {
      error: "the Durable Object class does not answer the export protocol: wrap it with withLandfallExport",
    });
  }
  return answer;
}

function kvBinding(env, name) {
  if (!isKv(env[name])) throw json(404, { error: `no KV binding named ${JSON.stringify(name)}` });
  return env[name];
}

/** One page of keys, in KV's order, with expiration and metadata as list() gives them. */
async function kvKeys(kv, body) {
  const options = { limit: limit(body.limit, MAX_KEYS, MAX_KEYS) };
  if (typeof body.cursor === "string" && body.cursor !== "") options.cursor = body.cursor;
  if (typeof body.prefix === "string" && body.prefix !== "") options.prefix = body.prefix;
  const page = await kv.list(options);
  const keys = page.keys.map((k) => {
    const out = { name: k.name };
    if (k.expiration !== undefined) out.expiration = k.expiration;
    if (k.metadata !== undefined) out.metadata = k.metadata;
    return out;
  });
  return json(200, { keys, cursor: page.list_complete ? null : page.cursor });
}

/**
 * Values (base64, byte-exact) and metadata of up to 100 keys; a missing key has no value. With
 * withExpiration (protocol 2's `current`), also each key's expiration, which a read does not give:
 * it comes from a list with the key as prefix, whose first name is the key itself when it exists.
 */
async function kvValues(kv, body, withExpiration = false) {
  const names = body.keys;
  if (!Array.isArray(names) || names.length > MAX_VALUES || names.some((k) => typeof k !== "string")) {
    return json(400, { error: `keys must be an array of at most ${MAX_VALUES} key names` });
  }
  const values = await Promise.all(
    names.map(async (key) => {
      const [{ value, metadata }, listed] = await Promise.all([
        kv.getWithMetadata(key, { type: "arrayBuffer" }),
        withExpiration ? kv.list({ prefix: key, limit: 1 }) : null,
      ]);
      if (value === null) return { key, missing: true };
      const out = { key, b64: base64(new Uint8Array(value)) };
      if (metadata !== null && metadata !== undefined) out.metadata = metadata;
      if (withExpiration) {
        const first = listed.keys[0];
        out.expiration = first !== undefined && first.name === key && first.expiration !== undefined ? first.expiration : null;
      }
      return out;
    }),
  );
  return json(200, { values });
}
