// What the capturing Workers, the change log and the router must agree on
// (docs/export-worker-protocol.md §7): the binding's name, the variables, and which shard holds
// a key. A Worker that computed a shard differently would write changes Landfall never reads.

export const CHANGES_BINDING = "LANDFALL_CHANGES";
export const SHARDS_VAR = "LANDFALL_CAPTURE_SHARDS";
export const CAPACITY_VAR = "LANDFALL_CAPTURE_CAPACITY";
export const ACCOUNT_VAR = "LANDFALL_ACCOUNT_ID";
export const DEFAULT_SHARDS = 8;
export const MAX_SHARDS = 256;
export const DEFAULT_CAPACITY = 100000;
export const MAX_CAPACITY = 10000000;

const encoder = new TextEncoder();

/** The shard count configured in env, checked: a wrong value throws, naming the variable. */
export function shardCount(env) {
  return setting(env, SHARDS_VAR, DEFAULT_SHARDS, MAX_SHARDS);
}

/** The per-shard capacity configured in env, checked like shardCount. */
export function capacity(env) {
  return setting(env, CAPACITY_VAR, DEFAULT_CAPACITY, MAX_CAPACITY);
}

function setting(env, name, fallback, max) {
  const raw = env[name];
  if (raw === undefined || raw === null || raw === "") return fallback;
  const text = String(raw).trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} is ${JSON.stringify(raw)}: set it to a whole number from 1 to ${max} (default ${fallback})`);
  }
  return n;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of text. */
export function fnv1a32(text) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash >>> 0;
}

/** The shard that holds every change of this key: all of them, so their order is kept. */
export function shardOf(binding, key, shards) {
  return fnv1a32(binding + "\n" + key) % shards;
}

/** The name of a shard's object (idFromName). */
export function shardName(shard) {
  return "landfall-changes-" + shard;
}

/** Whether a binding is a Durable Object namespace. */
export const isNamespace = (b) => b !== null && typeof b === "object" && typeof b.idFromName === "function" && typeof b.idFromString === "function";
