// Capture for live migration (docs/export-worker-protocol.md §7): every KV binding of env is
// wrapped so that put and delete first record the key in the change log, then write. The
// operator applies it in one line where the Worker reads env:
//
//   env = withLandfallCapture(env);
//
// A change names the binding it was written through; Landfall finds the namespace by that name as
// its title. Where a binding is named otherwise, say which namespace it is:
//
//   env = withLandfallCapture(env, { SESSIONS: "prod-sessions" });
//
// A change is recorded before its write and awaited: if recording fails, the write is not made
// and the error reaches the application, so no write is ever made unrecorded. A recorded change
// whose write then fails is harmless: Landfall re-reads the key.
import { changeRecorder } from "./change-recorder.mjs";

// env is the same object for every request an isolate serves, so the wrapping happens once (per
// naming of the bindings).
const wrapped = new WeakMap();

/**
 * env with every KV binding capturing its writes; throws at once when capture cannot work.
 *
 * @param names optional {BINDING: "namespace title"} for bindings not named like their namespace
 */
export function withLandfallCapture(env, names) {
  const naming = names === undefined ? "" : JSON.stringify(names);
  let byNaming = wrapped.get(env);
  if (byNaming === undefined) {
    if (byNaming === undefined && isWrapped(env)) return env; // wrapping twice must not record twice
    wrapped.set(env, (byNaming = new Map()));
  }
  let out = byNaming.get(naming);
  if (out === undefined) {
    out = capture(env, names ?? {});
    byNaming.set(naming, out);
    outputs.add(out);
  }
  return out;
}

const outputs = new WeakSet();
const isWrapped = (env) => outputs.has(env);

function capture(env, names) {
  if (names === null || typeof names !== "object" || Array.isArray(names)) {
    throw new Error("withLandfallCapture: names must be an object {BINDING: \"namespace title\"}");
  }
  for (const [binding, title] of Object.entries(names)) {
    if (!isKv(env[binding]) || typeof title !== "string" || title === "") {
      throw new Error(
        `withLandfallCapture: names maps ${JSON.stringify(binding)}, which must be a KV binding of this Worker ` +
          "and map to the namespace's title",
      );
    }
  }
  const send = changeRecorder(env, "withLandfallCapture");
  const record = (binding, key, op, expiration) =>
    send(binding, key, op, expiration).catch((e) => {
      throw new Error(`${e.message} So the write was not made.`);
    });
  const out = { ...env };
  for (const name of Object.keys(env)) {
    if (isKv(env[name])) out[name] = capturingKv(names[name] ?? name, env[name], record);
  }
  return out;
}

const isKv = (b) =>
  b !== null &&
  typeof b === "object" &&
  ["get", "getWithMetadata", "list", "put", "delete"].every((m) => typeof b[m] === "function");

function capturingKv(binding, kv, record) {
  return {
    get: (...args) => kv.get(...args),
    getWithMetadata: (...args) => kv.getWithMetadata(...args),
    list: (...args) => kv.list(...args),
    async put(key, value, options) {
      const expiration = expirationOf(options);
      const recorded = Date.now();
      await record(binding, key, "put", expiration);
      await kv.put(key, value, options);
      await again(recorded, () => record(binding, key, "put", expiration));
    },
    async delete(key) {
      const recorded = Date.now();
      await record(binding, key, "delete", null);
      await kv.delete(key);
      await again(recorded, () => record(binding, key, "delete", null));
    },
  };
}

// Landfall re-reads a key one consistency window after its change was recorded. A write that took
// longer than this to be made after its change was recorded is recorded once more, so the re-read
// comes after the write, however slow it was. Workers KV's window (60 s) dwarfs it; it matters
// where the window is short (a local rehearsal) or a write stalls.
const RERECORD_AFTER_MS = 500;

async function again(recorded, rerecord) {
  if (Date.now() - recorded > RERECORD_AFTER_MS) await rerecord();
}

/** The absolute expiry (epoch seconds) a put sets, or null. */
function expirationOf(options) {
  if (options === null || typeof options !== "object") return null;
  const at = Number(options.expiration);
  if (options.expiration !== undefined && options.expiration !== null && Number.isFinite(at)) return Math.floor(at);
  const ttl = Number(options.expirationTtl);
  if (options.expirationTtl !== undefined && options.expirationTtl !== null && Number.isFinite(ttl)) {
    return Math.floor(Date.now() / 1000) + Math.floor(ttl);
  }
  return null;
}
