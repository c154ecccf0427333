package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JavaScriptJson#roundTrip} gives what JavaScript gives: every expected text below was
 * printed by Node.js 20 for {@code JSON.stringify(JSON.parse(text))}.
 */
class JavaScriptJsonTest {
    static Stream<Arguments> printedByNode() {
        return Stream.of(
                Arguments.of(
                        "{\"b\":1,\"a\":1.50,\"c\":\"\\u00e9\",\"d\":1e2}",
                        "{\"b\":1,\"a\":1.5,\"c\":\"é\",\"d\":100}"),
                Arguments.of(
                        "{\"b\":1,\"2\":\"x\",\"1\":\"y\",\"01\":\"z\",\"4294967295\":\"not an index\",\"4294967294\":\"an index\"}",
                        "{\"1\":\"y\",\"2\":\"x\",\"4294967294\":\"an index\",\"b\":1,\"01\":\"z\",\"4294967295\":\"not an index\"}"),
                Arguments.of("{\"v\":1,\"tags\":[\"a\"],\"s\":\"é 😀\"}", "{\"v\":1,\"tags\":[\"a\"],\"s\":\"é 😀\"}"),
                Arguments.of(" { \"a\" : [ 1 , 2 ] ,\n\t\"b\":{} } ", "{\"a\":[1,2],\"b\":{}}"),
                Arguments.of(
                        "[1e21,1e-7,0.1,-0.0,123456789012345678901234567890,5e-324,1E400,-1e400,0.000001,123e-20,2e23,-12.50e+3,9007199254740993,0.30000000000000004,1.7976931348623157e308]",
                        "[1e+21,1e-7,0.1,0,1.2345678901234568e+29,5e-324,null,null,0.000001,1.23e-18,2e+23,-12500,9007199254740992,0.30000000000000004,1.7976931348623157e+308]"),
                Arguments.of(
                        "{\"c\":\"\\u001f\\/\\u2028\\b\\f\\n\\r\\t\\u0000\\u007f\\\"\\\\\"}",
                        "{\"c\":\"\\u001f/\u2028\\b\\f\\n\\r\\t\\u0000\u007f\\\"\\\\\"}"),
                Arguments.of("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}"),
                Arguments.of(
                        "{\"s\":\"\\ud800x\\udc00\",\"n\":[\"\\udbff\",\"\\uD83D\\uDE00\"]}",
                        "{\"s\":\"\\ud800x\\udc00\",\"n\":[\"\\udbff\",\"😀\"]}"),
                Arguments.of(
                        "{\"__proto__\":{\"x\":1},\"constructor\":null}",
                        "{\"__proto__\":{\"x\":1},\"constructor\":null}"),
                Arguments.of("\"text\"", "\"text\""),
                Arguments.of("null", "null"),
                Arguments.of("true", "true"),
                Arguments.of("-12.50e+3", "-12500"),
                Arguments.of("[]", "[]"),
                Arguments.of("{}", "{}"),
                Arguments.of("[[[{\"deep\":[false]}]]]", "[[[{\"deep\":[false]}]]]"));
    }

    @ParameterizedTest
    @MethodSource("printedByNode")
    void givesWhatJsonStringifyOfJsonParseGives(String text, String javaScript) {
        assertEquals(javaScript, JavaScriptJson.roundTrip(text));
    }

    @ParameterizedTest
    @MethodSource("printedByNode")
    void isItsOwnFixedPoint(String text, String javaScript) {
        assertEquals(javaScript, JavaScriptJson.roundTrip(javaScript));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "1 2", "{\"a\":1}x", "'a'", "NaN", "[1,]"})
    void refusesWhatIsNotOneJsonValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaScriptJson.roundTrip(text));
        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
    }
}
