// Typed JSON encoder (format version 1), the JavaScript half of docs/typed-json.md.
// The Java half is dev.landfall.core.codec; both pass docs/typed-json-vectors.json.
// No dependencies and no Node APIs: it runs in workerd as shipped.

export const TYPED_JSON_VERSION = 1;
const MAX_DEPTH = 1000;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** A value with no typed JSON form (docs/typed-json.md §8); never carries the value itself. */
export class UnencodableError extends Error {
  constructor(reason, path, message, type) {
    super(message);
    this.name = "UnencodableError";
    this.reason = reason;
    this.path = path;
    if (type !== undefined) this.type = type;
  }

  /** The `error` member of an export response entry. */
  toJSON() {
    const out = { reason: this.reason };
    if (this.path !== undefined) out.path = this.path;
    if (this.type !== undefined) out.type = this.type;
    out.message = this.message;
    return out;
  }
}

/** Canonical typed JSON text of `value`; throws UnencodableError. */
export function encode(value) {
  return JSON.stringify(toTyped(value, "$", 0, new Set()));
}

export function memberPath(path, name) {
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function container(path, depth) {
  if (depth + 1 > MAX_DEPTH) {
    throw new UnencodableError("too-deep", path, `value nests deeper than ${MAX_DEPTH} levels at ${path}`);
  }
  return depth + 1;
}

function toTyped(v, path, depth, ancestors) {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "undefined":
      container(path, depth);
      return { $t: "Undefined" };
    case "number":
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      container(path, depth);
      return { $t: "Number", v: Object.is(v, -0) ? "-0" : String(v) };
    case "bigint":
      container(path, depth);
      return { $t: "BigInt", v: v.toString() };
    case "object":
      if (v === null) return null;
      if (ancestors.has(v)) {
        throw new UnencodableError("cycle", path, `value refers to its own ancestor at ${path}`);
      }
      ancestors.add(v);
      try {
        return objectToTyped(v, path, depth, ancestors);
      } finally {
        ancestors.delete(v);
      }
    default:
      throw new UnencodableError("unsupported-type", path, `a ${typeof v} has no typed JSON form (at ${path})`, typeof v);
  }
}

function objectToTyped(v, path, depth, ancestors) {
  if (Array.isArray(v)) return arrayToTyped(v, path, depth, ancestors);
  const kind = Object.prototype.toString.call(v).slice(8, -1);
  if (ArrayBuffer.isView(v)) {
    container(path, depth);
    const view = kind === "DataView" ? "DataView" : v[Symbol.toStringTag];
    return { $t: "Bytes", view, b64: base64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  const d = container(path, depth);
  switch (kind) {
    case "Object":
      return plainObjectToTyped(v, path, depth, ancestors);
    case "ArrayBuffer":
      return { $t: "Bytes", view: "ArrayBuffer", b64: base64(new Uint8Array(v)) };
    case "Date": {
      const t = v.getTime();
      return { $t: "Date", v: Number.isNaN(t) ? null : v.toISOString() };
    }
    case "Map": {
      const inner = container(`${path}.v`, d);
      const pairs = [];
      let i = 0;
      for (const [key, value] of v) {
        const at = `${path}.v[${i}]`;
        const p = container(at, inner);
        pairs.push([toTyped(key, `${at}[0]`, p, ancestors), toTyped(value, `${at}[1]`, p, ancestors)]);
        i++;
      }
      return { $t: "Map", v: pairs };
    }
    case "Set": {
      const inner = container(`${path}.v`, d);
      const items = [];
      let i = 0;
      for (const item of v) items.push(toTyped(item, `${path}.v[${i++}]`, inner, ancestors));
      return { $t: "Set", v: items };
    }
    case "RegExp":
      return { $t: "RegExp", source: v.source, flags: v.flags };
    case "Error": {
      const out = { $t: "Error", name: String(v.name) };
      if (Object.prototype.hasOwnProperty.call(v, "message")) out.message = String(v.message);
      if (typeof v.stack === "string") out.stack = v.stack;
      if (Object.prototype.hasOwnProperty.call(v, "cause")) out.cause = toTyped(v.cause, `${path}.cause`, d, ancestors);
      return out;
    }
    case "Number":
    case "String":
    case "Boolean":
    case "BigInt":
      return { $t: "Boxed", v: toTyped(v.valueOf(), `${path}.v`, d, ancestors) };
    default:
      throw new UnencodableError("unsupported-type", path, `a ${kind} has no typed JSON form (at ${path})`, kind);
  }
}

function arrayToTyped(a, path, depth, ancestors) {
  const names = Object.keys(a);
  for (const name of names) {
    if (!ARRAY_INDEX.test(name) || Number(name) >= 4294967295) {
      throw new UnencodableError("array-properties", path, `an array with named properties has no typed JSON form (at ${path})`);
    }
  }
  const d = container(path, depth);
  if (names.length === a.length) {
    const out = new Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = toTyped(a[i], `${path}[${i}]`, d, ancestors);
    return out;
  }
  const inner = container(`${path}.v`, d);
  const pairs = [];
  names.forEach((name, i) => {
    const at = `${path}.v[${i}]`;
    const p = container(at, inner);
    pairs.push([Number(name), toTyped(a[name], `${at}[1]`, p, ancestors)]);
  });
  return { $t: "Array", length: a.length, v: pairs };
}

function plainObjectToTyped(o, path, depth, ancestors) {
  const names = Object.keys(o);
  if (names.some((n) => LONE_SURROGATE.test(n))) {
    const d = container(path, depth);
    const inner = container(`${path}.entries`, d);
    const entries = names.map((name, i) => {
      const at = `${path}.entries[${i}]`;
      return [name, toTyped(o[name], `${at}[1]`, container(at, inner), ancestors)];
    });
    return { $t: "Object", entries };
  }
  if (Object.prototype.hasOwnProperty.call(o, "$t")) {
    const d = container(path, depth);
    return { $t: "Object", v: members(o, names, `${path}.v`, d, ancestors) };
  }
  return members(o, names, path, depth, ancestors);
}

function members(o, names, path, depth, ancestors) {
  const d = container(path, depth);
  const out = {};
  for (const name of names) {
    // defineProperty, not assignment: a member called __proto__ must stay an own member.
    Object.defineProperty(out, name, {
      value: toTyped(o[name], memberPath(path, name), d, ancestors),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard padded base64 (RFC 4648 §4) of a Uint8Array. */
export function base64(bytes) {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  if (i < bytes.length) {
    const rest = bytes.length - i;
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + (rest === 2 ? ALPHABET[(n >> 6) & 63] : "=") + "=";
  }
  return out;
}
