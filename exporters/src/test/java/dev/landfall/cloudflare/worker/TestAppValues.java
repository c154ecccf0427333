package dev.landfall.cloudflare.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the test app (test-app.mjs) stores, as canonical typed JSON written by hand from
 * docs/typed-json.md: the expectations of every test that reads it back, through the Worker or
 * after a round trip through a bundle and a store.
 */
public final class TestAppValues {
    /** The test app's sampleValues() as canonical typed JSON, written from docs/typed-json.md. */
    public static final Map<String, String> SAMPLE = sample();

    private static Map<String, String> sample() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("v:array", "{\"$t\":\"Array\",\"length\":3,\"v\":[[0,1],[2,3]]}");
        m.put("v:arraybuffer", "{\"$t\":\"Bytes\",\"view\":\"ArrayBuffer\",\"b64\":\"AAEC/w==\"}");
        m.put("v:bigint", "{\"$t\":\"BigInt\",\"v\":\"12345678901234567890123456789\"}");
        m.put("v:bigint64array", "{\"$t\":\"Bytes\",\"view\":\"BigInt64Array\",\"b64\":\"//////////8=\"}");
        m.put("v:bool", "true");
        m.put("v:date", "{\"$t\":\"Date\",\"v\":\"2024-01-02T03:04:05.678Z\"}");
        m.put("v:dollar-t", "{\"$t\":\"Object\",\"v\":{\"$t\":\"Date\",\"v\":1}}");
        m.put("v:float", "42.5");
        m.put("v:float64array", "{\"$t\":\"Bytes\",\"view\":\"Float64Array\",\"b64\":\"AAAAAAAA+D8AAAAAAAAAwA==\"}");
        m.put("v:infinity", "{\"$t\":\"Number\",\"v\":\"Infinity\"}");
        m.put("v:integer", "42");
        m.put("v:map", "{\"$t\":\"Map\",\"v\":[[\"k\",1],[2,{\"a\":1}]]}");
        m.put("v:nan", "{\"$t\":\"Number\",\"v\":\"NaN\"}");
        m.put("v:neginfinity", "{\"$t\":\"Number\",\"v\":\"-Infinity\"}");
        m.put("v:negzero", "{\"$t\":\"Number\",\"v\":\"-0\"}");
        m.put(
                "v:nested",
                "{\"a\":1,\"nested\":{\"list\":[1,\"two\",null,{\"deep\":[true]}],"
                        + "\"d\":{\"$t\":\"Date\",\"v\":\"1970-01-01T00:00:00.000Z\"}}}");
        m.put("v:null", "null");
        m.put("v:set", "{\"$t\":\"Set\",\"v\":[1,\"two\"]}");
        m.put("v:string", "\"h\u00e9llo \ud83d\ude00 \u2028\"");
        m.put("v:uint8array", "{\"$t\":\"Bytes\",\"view\":\"Uint8Array\",\"b64\":\"CQgH\"}");
        m.put("v:undefined-member", "{\"u\":{\"$t\":\"Undefined\"}}");
        return Collections.unmodifiableMap(m);
    }

    /** The rows of table {@code people} of a seeded SQLite-backed object, as typed JSON arrays. */
    public static final List<String> PEOPLE_ROWS = List.of(
            "[1,\"Ada\",1.5,null]",
            "[2,\"Grace \u2713\",null,{\"$t\":\"Bytes\",\"view\":\"ArrayBuffer\",\"b64\":\"AP8Q\"}]",
            "[7,\"\",-0.25,{\"$t\":\"Bytes\",\"view\":\"ArrayBuffer\",\"b64\":\"\"}]");

    /** The rows of table {@code tags} (WITHOUT ROWID), in primary-key order. */
    public static final List<String> TAGS_ROWS = List.of("[\"a\",1]", "[\"b\",2]", "[\"c\",null]");

    /** Storage keys whose values cannot be encoded, and why. */
    public static final Map<String, String> UNENCODABLE =
            Map.of("x:array-properties", "array-properties", "x:cycle", "cycle");

    private TestAppValues() {}
}
