import { enc, Unencodable } from './ref.mjs';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

// [name, js] — the expected typed JSON is JSON.stringify(enc(structuredClone(eval(js)))).
const V = [
  ['null', 'null'], ['true', 'true'], ['false', 'false'],
  ['zero', '0'], ['integer', '42'], ['negative integer', '-1'], ['fraction', '42.5'], ['one tenth', '0.1'],
  ['float sum keeps all digits', '0.1 + 0.2'],
  ['1e21 uses exponent form', '1e21'], ['just below 1e21 stays plain', '999999999999999900000'],
  ['1e-7 uses exponent form', '1e-7'], ['1e-6 stays plain', '0.000001'], ['small with digits', '123e-20'],
  ['smallest subnormal', '5e-324'], ['largest double', '1.7976931348623157e308'], ['smallest normal', '2.2250738585072014e-308'],
  ['2^53', '2**53'], ['2^53+2 stays a plain number', '2**53 + 2'], ['-(2^53)', '-(2**53)'], ['2^64 as a number', '2**64'],
  ['1e23 shortest form', '1e23'], ['negative exponent form', '-1.5e-10'],
  ['NaN', 'NaN'], ['Infinity', 'Infinity'], ['-Infinity', '-Infinity'], ['-0', '-0'], ['-0 and 0 in an array', '[-0, 0]'],
  ['empty string', '""'],
  ['escapes', '"quote\\" backslash\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f nul\\u0000 us\\u001f del\\u007f"'],
  ['line and paragraph separators stay literal', '"a\\u2028b\\u2029c"'],
  ['unicode', '"héllo 😀 日本 \\u00a0"'],
  ['lone high surrogate', '"\\uD800"'], ['lone low surrogate inside text', '"a\\uDC00b"'],
  ['reversed surrogate pair', '"\\uDC00\\uD800"'], ['highest code point', '"\\uDBFF\\uDFFF"'],
  ['empty array', '[]'], ['empty object', '{}'],
  ['nested object', '({a: 1, nested: {d: new Date(0), list: [1, "two", null, true]}})'],
  ['member order: index names first, ascending', '({b: 1, 10: 2, a: 3, 2: 4, "01": 5, "4294967295": 6, "4294967294": 7})'],
  ['odd member names', '({"": 1, "a b": 2, "\\u0000": 3, "\\uD83D\\uDE00": 4, "ü": 5})'],
  ['own __proto__ member', 'JSON.parse(\'{"__proto__": {"a": 1}, "b": 2}\')'],
  ['member name with a lone surrogate uses entries', '({a: 1, "\\uD800": [2], 7: 3})'],
  ['entries form also covers $t', '({$t: 1, "x\\uDC00": new Date(0)})'],
  ['shared reference is written twice', '(() => { const s = {x: 1}; return {a: s, b: s}; })()'],
  ['undefined in an array', '[undefined]'], ['undefined as a member', '({a: undefined})'],
  ['BigInt zero', '0n'], ['BigInt -1', '-1n'], ['BigInt beyond 2^64', '12345678901234567890123456789n'],
  ['huge BigInt', '2n ** 1000n'], ['huge negative BigInt', '-(10n ** 100n) - 1n'],
  ['Date', 'new Date("2024-01-02T03:04:05.678Z")'], ['Date epoch', 'new Date(0)'], ['Date before epoch', 'new Date(-1)'],
  ['invalid Date', 'new Date(NaN)'], ['largest Date', 'new Date(8.64e15)'], ['smallest Date', 'new Date(-8.64e15)'],
  ['Date year 0', 'new Date("0000-01-01T00:00:00.000Z")'], ['Date year -1', 'new Date("-000001-12-31T23:59:59.999Z")'],
  ['Date year 10000', 'new Date("+010000-01-01T00:00:00.000Z")'],
  ['ArrayBuffer', 'new Uint8Array([0, 1, 2, 255]).buffer'], ['empty ArrayBuffer', 'new ArrayBuffer(0)'],
  ['Uint8Array', 'new Uint8Array([9, 8, 7])'], ['empty Uint8Array', 'new Uint8Array(0)'],
  ['Int8Array', 'new Int8Array([-1, 127, -128])'], ['Uint8ClampedArray', 'new Uint8ClampedArray([0, 255, 128])'],
  ['Int16Array', 'new Int16Array([1, -2])'], ['Uint16Array', 'new Uint16Array([65535, 1])'],
  ['Int32Array', 'new Int32Array([-1, 2147483647])'], ['Uint32Array', 'new Uint32Array([4294967295, 1])'],
  ['Float16Array', 'new Float16Array([1.5, -2])'],
  ['Float32Array', 'new Float32Array([1.5, -0])'], ['Float64Array', 'new Float64Array([1.5, -2, NaN])'],
  ['BigInt64Array', 'new BigInt64Array([-1n, 2n ** 63n - 1n])'], ['BigUint64Array', 'new BigUint64Array([2n ** 64n - 1n])'],
  ['DataView', 'new DataView(new Uint8Array([1, 2, 3]).buffer)'],
  ['view of part of a buffer keeps only the viewed bytes', 'new Uint8Array([1, 2, 3, 4, 5, 6]).subarray(2, 4)'],
  ['empty Map', 'new Map()'], ['Map', 'new Map([["k", 1], [2, {a: 1}]])'],
  ['Map with non-string keys', 'new Map([[1, "a"], [true, "b"], [null, "c"], [undefined, "d"], [NaN, "e"], [10n, "f"], [{}, "g"], [[1], "h"], [new Date(0), "i"], [-1.5, "j"]])'],
  ['Map with two equal-looking object keys', 'new Map([[{}, 1], [{}, 2]])'],
  ['Map keeps -0 key as 0', 'new Map([[-0, "zero"]])'],
  ['nested Map', 'new Map([["m", new Map([[new Set([1]), new Map()]])]])'],
  ['empty Set', 'new Set()'], ['Set', 'new Set([1, "two", NaN, undefined, null, {}, []])'],
  ['RegExp', '/ab+c/gi'], ['RegExp with every flag but v', '/a/dgimsuy'], ['RegExp with v flag', '/[\\p{L}--[a-z]]/v'],
  ['empty RegExp', 'new RegExp("")'], ['RegExp with slash', '/a\\/b/'],
  ['object with $t is wrapped', '({$t: "Date", v: 1})'], ['object whose $t is not a string', '({$t: 5})'],
  ['object with $t last keeps member order', '({a: 1, $t: null})'],
  ['nested escape', '({$t: "Object", v: {$t: "x"}})'], ['$t holding a tagged value', '({$t: {$t: new Date(0)}})'],
  ['object with $t inside an array', '[{$t: "Undefined"}]'],
  ['array with a hole', '[1, , 3]'], ['array of one hole', '[,]'], ['array of holes', 'new Array(3)'],
  ['hole differs from undefined', '[, undefined]'],
  ['longest sparse array', '(() => { const a = []; a[4294967294] = "last"; return a; })()'],
  ['sparse array with trailing holes', '(() => { const a = [1, 2]; a.length = 5; return a; })()'],
  ['Error', '(() => { const e = new RangeError("boom"); delete e.stack; return e; })()'],
  ['Error without message', '(() => { const e = new Error(); delete e.stack; return e; })()'],
  ['Error with stack', '(() => { const e = new TypeError("bad"); e.stack = "TypeError: bad\\n    at f (worker.js:1:1)"; return e; })()'],
  ['Error with cause', '(() => { const inner = new Error("inner"); delete inner.stack; const e = new SyntaxError("outer", {cause: inner}); delete e.stack; return e; })()'],
  ['Error with undefined cause', '(() => { const e = new Error("m", {cause: undefined}); delete e.stack; return e; })()'],
  ['every built-in Error name', '["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"].map(n => { const e = new globalThis[n]("x"); delete e.stack; return e; })'],
  ['boxed number', 'new Number(1.5)'], ['boxed NaN', 'new Number(NaN)'], ['boxed string', 'new String("x")'],
  ['boxed boolean', 'new Boolean(false)'], ['boxed BigInt', 'Object(10n)'],
  ['everything nested', '({list: [new Map([["s", new Set([new Date(0), 1n, undefined])]])], bytes: new Uint8Array([1]), re: /x/g, n: [NaN, -0], sparse: [, 1], err: (() => { const e = new Error("e"); delete e.stack; return e; })(), $t: [new Number(1)]})'],
];

const F16 = { 'new Float16Array([1.5, -2])': { $t: 'Bytes', view: 'Float16Array', b64: Buffer.from([0x00, 0x3e, 0x00, 0xc0]).toString('base64') } };
const evalJs = js => (0, eval)('(' + js + ')');

const vectors = V.map(([name, js]) => {
  let typed;
  if (F16[js]) typed = F16[js];
  else {
    const value = evalJs(js);
    typed = enc(structuredClone(value));
    const direct = enc(value);
    if (!isDeepStrictEqual(typed, direct)) throw new Error('not clone-stable: ' + name);
  }
  return { name, js, typed: JSON.stringify(typed) };
});
const names = new Set(); for (const v of vectors) { if (names.has(v.name)) throw new Error('dup ' + v.name); names.add(v.name); }

// Non-canonical spellings the decoder accepts: [name, text, canonical typed JSON text]
const N = [
  ['whitespace', ' { "a" : [ 1 , 2 ] ,\n\t"b" : { } } \n', '{"a":[1,2],"b":{}}'],
  ['number spellings', '[1.0, 1E2, 1e-0, 0.10, 100000000000000000000000, 9007199254740993, 1e-400, 123456789012345678901234567890]',
    '[1,100,1,0.1,1e+23,9007199254740992,0,1.2345678901234568e+29]'],
  ['plain -0 means -0', '[-0, -0.0, -0e5]', '[{"$t":"Number","v":"-0"},{"$t":"Number","v":"-0"},{"$t":"Number","v":"-0"}]'],
  ['string escapes', '"\\u0041\\/\\u00e9\\uD83D\\uDE00\\u001F\\u2028"', '"A/é😀\\u001f\u2028"'],
  ['member order after $t', '{"$t":"Bytes","b64":"AQ==","view":"Uint8Array"}', '{"$t":"Bytes","view":"Uint8Array","b64":"AQ=="}'],
  ['Error member order', '{"$t":"Error","cause":1,"message":"m","name":"Error"}', '{"$t":"Error","name":"Error","message":"m","cause":1}'],
  ['index member names move first', '{"b":1,"1":2,"0":3,"a":{"z":0,"7":1}}', '{"0":3,"1":2,"b":1,"a":{"7":1,"z":0}}'],
  ['index member names inside an Object wrapper', '{"$t":"Object","v":{"$t":1,"0":2}}', '{"$t":"Object","v":{"0":2,"$t":1}}'],
];
const normalized = N.map(([name, text, typed]) => { JSON.parse(typed); return { name, text, typed }; });

// Invalid input: [name, input (text), path or null, error substring]
const I = [
  ['unknown type tag', '{"a":{"b":[0,1,{"$t":"Foo"}]}}', '$.a.b[2]', 'unknown type tag "Foo"'],
  ['type tag is case-sensitive', '{"$t":"date","v":null}', '$', 'unknown type tag "date"'],
  ['type tag not a string', '{"$t":5}', '$', 'type tag must be a string'],
  ['type tag null', '[{"$t":null}]', '$[0]', 'type tag must be a string'],
  ['$t not first', '{"a":1,"$t":"Date"}', '$', 'member "$t" must come first'],
  ['missing member', '{"$t":"Date"}', '$', 'Date is missing member "v"'],
  ['Bytes missing b64', '{"$t":"Bytes","view":"Uint8Array"}', '$', 'Bytes is missing member "b64"'],
  ['RegExp missing flags', '{"$t":"RegExp","source":"a"}', '$', 'RegExp is missing member "flags"'],
  ['unexpected member', '{"$t":"Date","v":null,"ms":0}', '$', 'unexpected member "ms" in Date'],
  ['Undefined with a member', '{"$t":"Undefined","v":1}', '$', 'unexpected member "v" in Undefined'],
  ['duplicate member in a tag', '{"$t":"BigInt","v":"1","v":"2"}', '$', 'duplicate member "v"'],
  ['duplicate $t', '{"$t":"Undefined","$t":"Undefined"}', '$', 'duplicate member "$t"'],
  ['duplicate member in an object', '{"x":{"a":1,"a":2}}', '$.x', 'duplicate member "a"'],
  ['Number tag value', '{"$t":"Number","v":"nan"}', '$.v', 'invalid Number "nan"'],
  ['Number tag with a finite number', '{"$t":"Number","v":"1"}', '$.v', 'invalid Number "1"'],
  ['Number tag with a JSON number', '{"$t":"Number","v":0}', '$.v', 'expected a string, got a number'],
  ['BigInt with a letter', '{"$t":"BigInt","v":"12a"}', '$.v', 'invalid BigInt "12a"'],
  ['BigInt -0', '{"$t":"BigInt","v":"-0"}', '$.v', 'invalid BigInt "-0"'],
  ['BigInt leading zero', '{"$t":"BigInt","v":"007"}', '$.v', 'invalid BigInt "007"'],
  ['BigInt plus sign', '{"$t":"BigInt","v":"+1"}', '$.v', 'invalid BigInt "+1"'],
  ['BigInt empty', '{"$t":"BigInt","v":""}', '$.v', 'invalid BigInt ""'],
  ['BigInt as a JSON number', '{"$t":"BigInt","v":1}', '$.v', 'expected a string, got a number'],
  ['Date month 13', '{"$t":"Date","v":"2024-13-01T00:00:00.000Z"}', '$.v', 'invalid Date "2024-13-01T00:00:00.000Z"'],
  ['Date February 30', '{"$t":"Date","v":"2024-02-30T00:00:00.000Z"}', '$.v', 'invalid Date'],
  ['Date without milliseconds', '{"$t":"Date","v":"2024-01-02T03:04:05Z"}', '$.v', 'invalid Date'],
  ['Date with offset', '{"$t":"Date","v":"2024-01-02T03:04:05.678+00:00"}', '$.v', 'invalid Date'],
  ['Date with needless 6-digit year', '{"$t":"Date","v":"+002024-01-02T03:04:05.678Z"}', '$.v', 'invalid Date'],
  ['Date year -000000', '{"$t":"Date","v":"-000000-01-01T00:00:00.000Z"}', '$.v', 'invalid Date'],
  ['Date beyond the range', '{"$t":"Date","v":"+275760-09-13T00:00:00.001Z"}', '$.v', 'invalid Date'],
  ['Date as epoch number', '{"$t":"Date","v":0}', '$.v', 'expected a string, got a number'],
  ['Date Invalid Date text', '{"$t":"Date","v":"Invalid Date"}', '$.v', 'invalid Date'],
  ['base64 bad character', '{"$t":"Bytes","view":"Uint8Array","b64":"AA!A"}', '$.b64', 'invalid base64'],
  ['base64 without padding', '{"$t":"Bytes","view":"Uint8Array","b64":"AA"}', '$.b64', 'invalid base64'],
  ['base64 non-zero padding bits', '{"$t":"Bytes","view":"Uint8Array","b64":"AB=="}', '$.b64', 'invalid base64'],
  ['base64 URL alphabet', '{"$t":"Bytes","view":"Uint8Array","b64":"-_8="}', '$.b64', 'invalid base64'],
  ['base64 with a line break', '{"$t":"Bytes","view":"Uint8Array","b64":"AAAA\\nAAAA"}', '$.b64', 'invalid base64'],
  ['unknown view', '{"$t":"Bytes","view":"Uint128Array","b64":""}', '$.view', 'unknown Bytes view "Uint128Array"'],
  ['view length not whole elements', '{"$t":"Bytes","view":"Int16Array","b64":"AQID"}', '$', 'Int16Array needs a whole number of 2-byte elements'],
  ['Map v not an array', '{"$t":"Map","v":{}}', '$.v', 'expected an array of [key, value] pairs, got an object'],
  ['Map entry of one element', '{"$t":"Map","v":[[1]]}', '$.v[0]', 'expected a [key, value] pair'],
  ['Map entry of three elements', '{"$t":"Map","v":[[1,2,3]]}', '$.v[0]', 'expected a [key, value] pair'],
  ['Map entry not an array', '{"$t":"Map","v":[1]}', '$.v[0]', 'expected a [key, value] pair'],
  ['Map duplicate string key', '{"$t":"Map","v":[["a",1],["a",2]]}', '$.v', 'duplicate Map key "a"'],
  ['Map duplicate NaN key', '{"$t":"Map","v":[[{"$t":"Number","v":"NaN"},1],[{"$t":"Number","v":"NaN"},2]]}', '$.v', 'duplicate Map key NaN'],
  ['Map -0 key', '{"$t":"Map","v":[[{"$t":"Number","v":"-0"},1]]}', '$.v', 'never -0'],
  ['Set duplicate', '{"$t":"Set","v":[1,1.0]}', '$.v', 'duplicate Set element 1'],
  ['Set v not an array', '{"$t":"Set","v":null}', '$.v', 'expected an array, got null'],
  ['Object wrapper without $t', '{"$t":"Object","v":{"a":1}}', '$.v', 'Object wrapper is only for objects with a "$t" member'],
  ['Object wrapper around an array', '{"$t":"Object","v":[]}', '$.v', 'expected an object, got an array'],
  ['Object wrapper with a duplicate member', '{"$t":"Object","v":{"$t":1,"$t":2}}', '$.v', 'duplicate member "$t"'],
  ['error deep inside', '{"m":{"$t":"Map","v":[["k",{"$t":"Set","v":[{"$t":"Date","v":"x"}]}]]}}', '$.m.v[0][1].v[0].v', 'invalid Date "x"'],
  ['path with an odd member name', '{"a b":{"c":{"$t":"Foo"}}}', '$["a b"].c', 'unknown type tag'],
  ['path with an index member name', '{"0":{"$t":"Foo"}}', '$["0"]', 'unknown type tag'],
  ['path inside an Object wrapper', '{"$t":"Object","v":{"$t":{"$t":"Foo"}}}', '$.v.$t', 'unknown type tag'],
  ['RegExp repeated flag', '{"$t":"RegExp","source":"a","flags":"gg"}', '$.flags', 'invalid RegExp flags "gg"'],
  ['RegExp flags out of order', '{"$t":"RegExp","source":"a","flags":"ig"}', '$.flags', 'invalid RegExp flags "ig"'],
  ['RegExp unknown flag', '{"$t":"RegExp","source":"a","flags":"x"}', '$.flags', 'invalid RegExp flags "x"'],
  ['RegExp u and v', '{"$t":"RegExp","source":"a","flags":"uv"}', '$.flags', 'invalid RegExp flags "uv"'],
  ['sparse array without holes', '{"$t":"Array","length":2,"v":[[0,1],[1,2]]}', '$', 'no holes'],
  ['sparse index beyond length', '{"$t":"Array","length":2,"v":[[2,1]]}', '$', 'not below length'],
  ['sparse indices descending', '{"$t":"Array","length":5,"v":[[3,1],[1,2]]}', '$', 'strictly ascending'],
  ['sparse length too large', '{"$t":"Array","length":4294967296,"v":[]}', '$', 'outside 0..4294967295'],
  ['sparse length not an integer', '{"$t":"Array","length":2.0,"v":[]}', '$.length', 'expected an array length'],
  ['sparse negative index', '{"$t":"Array","length":2,"v":[[-1,1]]}', '$.v[0][0]', 'expected an array index'],
  ['sparse index as a string', '{"$t":"Array","length":2,"v":[["0",1]]}', '$.v[0][0]', 'expected an array index'],
  ['Boxed null', '{"$t":"Boxed","v":null}', '$.v', 'a Boxed value wraps a boolean, number, string or BigInt'],
  ['Boxed object', '{"$t":"Boxed","v":{}}', '$.v', 'a Boxed value wraps'],
  ['Error without name', '{"$t":"Error","message":"m"}', '$', 'Error is missing member "name"'],
  ['Error message not a string', '{"$t":"Error","name":"Error","message":null}', '$.message', 'expected a string, got null'],
  ['Object with v and entries', '{"$t":"Object","v":{"$t":1},"entries":[["\\ud800",1]]}', '$', 'Object needs exactly one of the members "v" and "entries"'],
  ['entries without a lone surrogate', '{"$t":"Object","entries":[["a",1]]}', '$.entries', 'the entries form is only for objects with a member name holding a lone surrogate'],
  ['entries name not a string', '{"$t":"Object","entries":[[1,1]]}', '$.entries[0][0]', 'expected a string, got a number'],
  ['entries pair of one element', '{"$t":"Object","entries":[["\\ud800"]]}', '$.entries[0]', 'expected a [name, value] pair'],
  ['entries duplicate name', '{"$t":"Object","entries":[["\\ud800",1],["\\ud800",2]]}', '$.entries', 'duplicate member'],
  ['lone surrogate in a member name', '{"\\ud800":1}', null, 'malformed JSON'],
  ['Object wrapper without v', '{"$t":"Object"}', '$', 'Object needs exactly one of the members "v" and "entries"'],
  ['Error name not a string', '{"$t":"Error","name":1}', '$.name', 'expected a string, got a number'],
  ['number beyond double range', '[1e400]', '$[0]', 'out of range for a JavaScript number'],
  ['trailing value', '[1] [2]', '$', 'trailing content after the value'],
  ['trailing garbage', '{"a":1} x', '$', 'trailing content after the value'],
  ['empty input', '', '$', 'no JSON value'],
  ['only whitespace', ' \n ', '$', 'no JSON value'],
  ['truncated', '{"a":[1,', null, 'malformed JSON'],
  ['trailing comma', '[1,]', null, 'malformed JSON'],
  ['single quotes', "{'a':1}", null, 'malformed JSON'],
  ['NaN literal', '[NaN]', null, 'malformed JSON'],
  ['leading zero', '[01]', null, 'malformed JSON'],
  ['unescaped control character', '["a\u0001"]', null, 'malformed JSON'],
  ['comment', '[1 /* c */]', null, 'malformed JSON'],
];
const invalid = I.map(([name, text, path, error]) => {
  const wellFormedNames = x => x === null || typeof x !== 'object' ||
    Object.entries(x).every(([k, y]) => k.isWellFormed() && wellFormedNames(y));
  let exact = false; try { exact = JSON.stringify(JSON.parse(text)) === text && wellFormedNames(JSON.parse(text)); } catch {}
  const o = exact ? { name, typed: JSON.parse(text) } : { name, text };
  if (path !== null) o.path = path; o.error = error; return o;
});

const js = x => JSON.stringify(x);
const lines = [];
lines.push('{');
lines.push('  "version": 1,');
lines.push('  "spec": "docs/typed-json.md",');
lines.push('  "about": ' + js('Shared test vectors for the typed JSON codec. vectors: `js` is a JavaScript expression; `typed` is the canonical typed JSON of structuredClone(value), byte for byte as it appears here (compact, UTF-8). normalized: decoding `text` and encoding again gives `typed`. invalid: decoding the input fails, where the input is `typed` (a JSON value, byte for byte as here) or `text` (a string holding input that is not JSON, would not survive JSON.parse, or has a member name that strict parsers refuse); the message starts with `path` + ": " when path is given, and contains `error`. unencodable: the Worker must report the value of `js` as an error with this `path` and `reason` instead of encoding it.') + ',');
const section = (name, items, fmt, last) => {
  lines.push(`  "${name}": [`);
  items.forEach((it, i) => lines.push('    ' + fmt(it) + (i < items.length - 1 ? ',' : '')));
  lines.push('  ]' + (last ? '' : ','));
};
section('vectors', vectors, v => `{"name": ${js(v.name)}, "js": ${js(v.js)}, "typed": ${v.typed}}`);
section('normalized', normalized, v => `{"name": ${js(v.name)}, "text": ${js(v.text)}, "typed": ${v.typed}}`);
section('invalid', invalid, v => '{' + Object.entries(v).map(([k, x]) => `${js(k)}: ${js(x)}`).join(', ') + '}');

const U = [
  ['cycle through an object', '(() => { const o = {a: {}}; o.a.back = o; return o; })()', '$.a.back', 'cycle'],
  ['cycle through a Map value', '(() => { const m = new Map(); m.set("self", m); return m; })()', '$.v[0][1]', 'cycle'],
  ['cycle through an array', '(() => { const a = [1]; a.push(a); return a; })()', '$[1]', 'cycle'],
  ['array with a named property', 'Object.assign([1, 2], {extra: true})', '$', 'array-properties'],
  ['function', '({f: () => 1})', '$.f', 'unsupported-type'],
  ['symbol', '({s: Symbol("x")})', '$.s', 'unsupported-type'],
  ['WeakMap', '({w: new WeakMap()})', '$.w', 'unsupported-type'],
  ['nesting deeper than 1000', '(() => { let v = 0; for (let i = 0; i < 1001; i++) v = [v]; return v; })()', null, 'too-deep'],
];
const unencodable = U.map(([name, jsx, path, reason]) => {
  try { enc(evalJs(jsx)); throw new Error('encoded: ' + name); } catch (e) {
    if (!(e instanceof Unencodable)) throw e;
    if (e.reason !== reason || (path !== null && e.path !== path)) throw new Error(`${name}: got ${e.path} ${e.reason}`);
  }
  const o = { name, js: jsx }; if (path !== null) o.path = path; o.reason = reason; return o;
});
section('unencodable', unencodable, v => '{' + Object.entries(v).map(([k, x]) => `${js(k)}: ${js(x)}`).join(', ') + '}', true);
lines.push('}');
const out = lines.join('\n') + '\n';
JSON.parse(out);
fs.writeFileSync(process.argv[2], out);
console.log(vectors.length, normalized.length, invalid.length, unencodable.length);
