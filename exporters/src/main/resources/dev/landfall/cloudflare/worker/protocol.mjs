// Shared pieces of the export-Worker protocol (docs/export-worker-protocol.md): the path prefix,
// the constant-time bearer check and JSON responses.

/** The newest protocol the router speaks; it answers every older one too, each under its own path. */
export const PROTOCOL_VERSION = 2;
export const PROTOCOLS = [1, 2];
/** The path of the Durable Object wrapper's requests: its protocol is still version 1. */
export const PREFIX = "/landfall/v1";
/** Header the Durable Object wrapper adds, so the router can tell an unwrapped class. */
export const PROTOCOL_HEADER = "landfall-export-protocol";
export const WRAPPER_PROTOCOL = 1;
export const SECRET_BINDING = "LANDFALL_EXPORT_SECRET";
export const MIN_SECRET_LENGTH = 32;

const encoder = new TextEncoder();

export function json(status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * The one answer to a missing or wrong secret: it says nothing about what exists. The request
 * body is read first (up to 64 KiB), because a runtime that answers before the body was read
 * resets the connection, and a client reusing it would see a reset instead of the 401.
 */
export async function unauthorized(request) {
  await discardBody(request);
  return json(401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="landfall-export"' });
}

async function discardBody(request) {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (let read = 0; read < 65536; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.length;
    }
    await reader.cancel();
  } catch {
    // the client went away; nothing to answer
  }
}

/**
 * Whether the request carries `Authorization: Bearer <secret>` for the configured secret.
 * Both sides are hashed first and the digests compared with no early exit, so the time taken
 * says nothing about the secret, not even its length.
 */
export async function authorized(request, env) {
  const secret = env[SECRET_BINDING];
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) return false;
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  const [a, b] = await Promise.all([digest(given), digest(secret)]);
  let diff = header.startsWith("Bearer ") ? 0 : 1;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

async function digest(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** The JSON body of a POST, or {} when empty; throws a 400 Response when it is not an object. */
export async function readBody(request) {
  const text = await request.text();
  if (text === "") return {};
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw json(400, { error: "the request body is not JSON" });
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw json(400, { error: "the request body must be a JSON object" });
  }
  return body;
}

/** An integer option between 1 and max, or the default. */
export function limit(value, fallback, max) {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw json(400, { error: `limit must be an integer from 1 to ${max}` });
  }
  return value;
}
