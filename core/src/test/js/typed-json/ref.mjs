// Reference encoder for docs/typed-json.md (throwaway; used to generate the vectors).
export class Unencodable extends Error {
  constructor(path, reason, type) { super(`${path}: ${reason}${type ? ' (' + type + ')' : ''}`); this.path = path; this.reason = reason; this.type = type; }
}
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const seg = k => IDENT.test(k) ? '.' + k : '[' + JSON.stringify(k) + ']';
const tagOf = v => Object.prototype.toString.call(v).slice(8, -1);
const VIEWS = new Set(['Int8Array','Uint8Array','Uint8ClampedArray','Int16Array','Uint16Array','Int32Array','Uint32Array','Float16Array','Float32Array','Float64Array','BigInt64Array','BigUint64Array','DataView']);
const b64 = u8 => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');
const ERROR_NAMES = new Set(['Error','EvalError','RangeError','ReferenceError','SyntaxError','TypeError','URIError']);
export function enc(v, path = '$', stack = new Set(), depth = 0) {
  if (depth > 1000) throw new Unencodable(path, 'too-deep');
  switch (typeof v) {
    case 'string': case 'boolean': return v;
    case 'number':
      if (Number.isNaN(v)) return { $t: 'Number', v: 'NaN' };
      if (v === Infinity) return { $t: 'Number', v: 'Infinity' };
      if (v === -Infinity) return { $t: 'Number', v: '-Infinity' };
      if (Object.is(v, -0)) return { $t: 'Number', v: '-0' };
      return v;
    case 'bigint': return { $t: 'BigInt', v: v.toString() };
    case 'undefined': return { $t: 'Undefined' };
    case 'object': break;
    default: throw new Unencodable(path, 'unsupported-type', typeof v);
  }
  if (v === null) return null;
  if (stack.has(v)) throw new Unencodable(path, 'cycle');
  stack.add(v);
  try { return encObject(v, path, stack, depth); } finally { stack.delete(v); }
}
function encObject(v, path, stack, depth) {
  const t = tagOf(v), d = depth + 1;
  if (Array.isArray(v)) {
    const extra = Object.keys(v).filter(k => !(String(k >>> 0) === k && (k >>> 0) !== 4294967295));
    if (extra.length) throw new Unencodable(path, 'array-properties');
    let holes = false; for (let i = 0; i < v.length && !holes; i++) if (!(i in v)) holes = true;
    if (v.length > 0 && Object.keys(v).length < v.length) holes = true;
    if (!holes) return v.map((x, i) => enc(x, path + '[' + i + ']', stack, d));
    const present = Object.keys(v).map(Number);
    return { $t: 'Array', length: v.length, v: present.map((i, j) => [i, enc(v[i], path + '.v[' + j + '][1]', stack, d + 2)]) };
  }
  switch (t) {
    case 'Date': return { $t: 'Date', v: Number.isNaN(v.getTime()) ? null : v.toISOString() };
    case 'RegExp': return { $t: 'RegExp', source: v.source, flags: v.flags };
    case 'Map': return { $t: 'Map', v: [...v].map(([k, x], i) => [enc(k, path + '.v[' + i + '][0]', stack, d + 2), enc(x, path + '.v[' + i + '][1]', stack, d + 2)]) };
    case 'Set': return { $t: 'Set', v: [...v].map((x, i) => enc(x, path + '.v[' + i + ']', stack, d + 1)) };
    case 'ArrayBuffer': return { $t: 'Bytes', view: 'ArrayBuffer', b64: b64(new Uint8Array(v)) };
    case 'Number': case 'String': case 'Boolean': case 'BigInt':
      return { $t: 'Boxed', v: enc(v.valueOf(), path + '.v', stack, d) };
    case 'Error': {
      const o = { $t: 'Error', name: ERROR_NAMES.has(v.name) ? v.name : 'Error' };
      if (Object.hasOwn(v, 'message')) o.message = String(v.message);
      if (typeof v.stack === 'string') o.stack = v.stack;
      if (Object.hasOwn(v, 'cause')) o.cause = enc(v.cause, path + '.cause', stack, d);
      return o;
    }
  }
  if (VIEWS.has(t)) return { $t: 'Bytes', view: t, b64: b64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  if (t !== 'Object') throw new Unencodable(path, 'unsupported-type', t);
  const keys = Object.keys(v);
  if (!keys.every(k => k.isWellFormed())) {
    return { $t: 'Object', entries: keys.map((k, i) => [k, enc(v[k], path + '.entries[' + i + '][1]', stack, d + 2)]) };
  }
  const wrap = keys.includes('$t');
  const base = wrap ? path + '.v' : path, out = {};
  for (const k of keys) Object.defineProperty(out, k, { value: enc(v[k], base + seg(k), stack, d + (wrap ? 1 : 0)), enumerable: true, writable: true, configurable: true });
  return wrap ? { $t: 'Object', v: out } : out;
}
