package dev.landfall.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.store.OneByteInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0, 0",
        "0.000, 0",
        "0e5, 0",
        "1, 1",
        "10, 1e1",
        "100, 1e2",
        "120, 12e1",
        "1.50, 15e-1",
        "1.5e10, 15e9",
        "-0.0010, -1e-3",
        "1E+2, 1e2",
        "1e-0, 1",
        "123.456e3, 123456",
        "12345678901234567890, 1234567890123456789e1",
        "5e-324, 5e-324",
        "1e400, 1e400",
        "-7, -7",
    })
    void numbersHaveOneForm(String text, String canonical) {
        assertEquals(canonical, CanonicalJson.number(text));
        assertEquals(canonical, CanonicalJson.canonicalize(text));
    }

    @Test
    void membersAreSortedByUtf16CodeUnits() {
        // UTF-16: "B" (0042) < "a" (0061) < "😀" (D83D DE00) < "Ａ" (FF21); UTF-8 bytes would put 😀 last.
        assertEquals(
                "{\"B\":4,\"a\":3,\"😀\":1,\"Ａ\":2}", CanonicalJson.canonicalize("{\"😀\":1,\"Ａ\":2,\"a\":3,\"B\":4}"));
    }

    @Test
    void whitespaceGoesAndNestedObjectsAreSorted() {
        assertEquals(
                "{\"a\":\"x\",\"b\":[1,{\"c\":null,\"d\":true}]}",
                CanonicalJson.canonicalize("{ \"b\" : [ 1 , { \"d\" : true , \"c\" : null } ],\n \"a\" : \"x\" }"));
        assertEquals("[]", CanonicalJson.canonicalize(" [ ] "));
        assertEquals("{}", CanonicalJson.canonicalize("{ }"));
    }

    @Test
    void theLastOfDuplicateNamesWins() {
        assertEquals("{\"a\":2}", CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"));
    }

    @Test
    void stringsAreEscapedAsJsonStringifyDoes() {
        assertEquals(
                "\"q\\\"b\\\\ \\b\\t\\n\\f\\r \\u0001\\u001f \u007f\u2028 é😀\"",
                CanonicalJson.canonicalize("\"q\\\"b\\\\ \\b\\t\\n\\f\\r \\u0001\\u001F \\u007f\\u2028 \\u00e9😀\""));
        assertEquals("\"\\ud800x\"", CanonicalJson.canonicalize("\"\\uD800x\""));
        assertEquals("\"/\"", CanonicalJson.canonicalize("\"\\/\""));
    }

    @Test
    void scalarsStayAsTheyAre() {
        assertEquals("\"just a string\"", CanonicalJson.canonicalize("\"just a string\""));
        assertEquals("true", CanonicalJson.canonicalize(" true "));
        assertEquals("null", CanonicalJson.canonicalize("null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{} {}", "NaN", "{\"a\":1,}", "'a'", "[1,]"})
    void invalidJsonFails(String json) {
        LandfallException e = assertThrows(LandfallException.class, () -> CanonicalJson.canonicalize(json));
        assertEquals(ErrorKind.FAILED, e.kind());
    }

    @Test
    void readsFromAStreamDeliveringOneByteAtATime() throws IOException {
        String json = "{ \"z\": [1.0, \"é😀\", {\"y\": null, \"x\": 1e3}], \"a\": -0.5 }";
        try (JsonParser p = new JsonFactory()
                .createParser(
                        new OneByteInputStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))) {
            assertEquals(CanonicalJson.canonicalize(json), CanonicalJson.canonicalize(p));
        }
        assertEquals("{\"a\":-5e-1,\"z\":[1,\"é😀\",{\"x\":1e3,\"y\":null}]}", CanonicalJson.canonicalize(json));
    }
}
