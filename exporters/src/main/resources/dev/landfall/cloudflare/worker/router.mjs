// The router of the export Worker (docs/export-worker-protocol.md): checks the bearer secret,
// forwards Durable Object requests to the object named in the path, and reads bound KV
// namespaces so KV can be exported without spending the REST API budget.
//
//   import { exportRouter } from "./landfall/router.mjs";
//   export default exportRouter;
import { PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, authorized, json, limit, readBody, unauthorized } from "./protocol.mjs";
import { TYPED_JSON_VERSION, base64 } from "./typed-json.mjs";

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

async function route(request, env) {
  const url = new URL(request.url);
  const parts = url.pathname.startsWith(PREFIX + "/") ? url.pathname.slice(PREFIX.length + 1).split("/") : [];
  if (parts.length === 1 && parts[0] === "info" && request.method === "GET") return info(env);
  if (request.method !== "POST") return json(parts.length ? 405 : 404, { error: "not found" });
  if (parts[0] === "do" && parts.length === 4) return durableObject(request, env, parts.map(decodeURIComponent));
  if (parts[0] === "kv" && parts.length === 3) {
    const kv = kvBinding(env, decodeURIComponent(parts[1]));
    if (parts[2] === "keys") return kvKeys(kv, await readBody(request));
    if (parts[2] === "values") return kvValues(kv, await readBody(request));
  }
  return json(404, { error: "not found" });
}

function bindings(env, test) {
  return Object.keys(env).filter((name) => test(env[name])).sort();
}

const isNamespace = (b) => b !== null && typeof b === "object" && typeof b.idFromString === "function";
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

function info(env) {
  const names = classes(env);
  return json(200, {
    protocol: PROTOCOL_VERSION,
    typedJson: TYPED_JSON_VERSION,
    durableObjects: bindings(env, isNamespace).map((binding) => ({ binding, className: names[binding] ?? null })),
    kv: bindings(env, isKv),
  });
}

async function durableObject(request, env, [, binding, objectId, op]) {
  const namespace = env[binding];
  if (!isNamespace(namespace)) return json(404, { error: `no Durable Object binding named ${JSON.stringify(binding)}` });
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
  if (answer.headers.get(PROTOCOL_HEADER) !== String(PROTOCOL_VERSION)) {
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

/** Values (base64, byte-exact) and metadata of up to 100 keys; a missing key has no value. */
async function kvValues(kv, body) {
  const names = body.keys;
  if (!Array.isArray(names) || names.length > MAX_VALUES || names.some((k) => typeof k !== "string")) {
    return json(400, { error: `keys must be an array of at most ${MAX_VALUES} key names` });
  }
  const values = await Promise.all(
    names.map(async (key) => {
      const { value, metadata } = await kv.getWithMetadata(key, { type: "arrayBuffer" });
      if (value === null) return { key, missing: true };
      const out = { key, b64: base64(new Uint8Array(value)) };
      if (metadata !== null && metadata !== undefined) out.metadata = metadata;
      return out;
    }),
  );
  return json(200, { values });
}
