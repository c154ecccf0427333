package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainJsonRendererTest {
    private final TypedJsonDecoder decoder = new TypedJsonDecoder();
    private final PlainJsonRenderer renderer = new PlainJsonRenderer();

    private String plain(String typedJson) {
        return new String(renderer.render(decoder.decode(typedJson)), StandardCharsets.UTF_8);
    }

    @Test
    void jsonNativeValuesAreUnchanged() {
        String json = "{\"a\":[1,\"x\",null,true,{}],\"é\":0.1}";
        assertEquals(json, plain(json));
    }

    @Test
    void tagsBecomeTheirReadableForms() {
        assertEquals("\"2024-01-02T03:04:05.678Z\"", plain("{\"$t\":\"Date\",\"v\":\"2024-01-02T03:04:05.678Z\"}"));
        assertEquals("null", plain("{\"$t\":\"Date\",\"v\":null}"));
        assertEquals(
                "\"123456789012345678901234567890\"",
                plain("{\"$t\":\"BigInt\",\"v\":\"123456789012345678901234567890\"}"));
        assertEquals("\"AQID\"", plain("{\"$t\":\"Bytes\",\"view\":\"Int8Array\",\"b64\":\"AQID\"}"));
        assertEquals(
                "[null,null,0]",
                plain("[{\"$t\":\"Number\",\"v\":\"NaN\"},{\"$t\":\"Number\",\"v\":\"-Infinity\"},"
                        + "{\"$t\":\"Number\",\"v\":\"-0\"}]"));
        assertEquals("\"/a\\\\/b/gi\"", plain("{\"$t\":\"RegExp\",\"source\":\"a\\\\/b\",\"flags\":\"gi\"}"));
        assertEquals(
                "{\"name\":\"Error\",\"message\":\"\"}",
                plain("{\"$t\":\"Error\",\"name\":\"Error\",\"stack\":\"s\"}"));
        assertEquals("[1.5,\"s\"]", plain("[{\"$t\":\"Boxed\",\"v\":1.5},{\"$t\":\"Boxed\",\"v\":\"s\"}]"));
        assertEquals("[1,2]", plain("{\"$t\":\"Set\",\"v\":[1,2]}"));
    }

    @Test
    void mapsBecomeObjectsOnlyWithStringKeys() {
        assertEquals(
                "{\"b\":1,\"a\":2}",
                plain("{\"$t\":\"Map\",\"v\":[[\"b\",1],[\"a\",2],[\"u\",{\"$t\":\"Undefined\"}]]}"));
        assertEquals("[[\"b\",1],[2,null]]", plain("{\"$t\":\"Map\",\"v\":[[\"b\",1],[2,{\"$t\":\"Undefined\"}]]}"));
    }

    @Test
    void undefinedIsLeftOutOfObjectsAndNullElsewhere() {
        assertEquals("{\"b\":[null]}", plain("{\"a\":{\"$t\":\"Undefined\"},\"b\":[{\"$t\":\"Undefined\"}]}"));
        assertEquals("null", plain("{\"$t\":\"Undefined\"}"));
    }

    @Test
    void holesBecomeNullAndEscapedObjectsLoseTheirWrapper() {
        assertEquals("[null,1,null,null]", plain("{\"$t\":\"Array\",\"length\":4,\"v\":[[1,1]]}"));
        assertEquals("{\"$t\":\"Date\",\"v\":1}", plain("{\"$t\":\"Object\",\"v\":{\"$t\":\"Date\",\"v\":1}}"));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertEquals(
                "{\"\ufffd\":\"a\ufffdb😀\"}",
                plain("{\"$t\":\"Object\",\"entries\":[[\"\\ud800\",\"a\\udc00b\\ud83d\\ude00\"]]}"));
    }
}
