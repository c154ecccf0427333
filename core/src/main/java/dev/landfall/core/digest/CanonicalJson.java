package dev.landfall.core.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a JSON value, so that two texts of the same value digest equal ({@code
 * {"a":1,"b":2}} and {@code { "b":2, "a":1 }}). The rules are in {@code docs/bundle-format.md},
 * section "Digests":
 *
 * <ul>
 *   <li>no whitespace;
 *   <li>object members sorted by name, comparing UTF-16 code units (JavaScript's default sort,
 *       {@link String#compareTo}); of duplicate names the last wins, as in {@code JSON.parse};
 *   <li>numbers from their text as {@code [-]DIGITS[eEXP]}: DIGITS without leading or trailing
 *       zeros, the exponent in decimal and left out when zero ({@code 100} is {@code 1e2}, {@code
 *       1.50} is {@code 15e-1}, {@code -0.0} is {@code 0});
 *   <li>strings escaped as {@code JSON.stringify} does: {@code \"}, {@code \\}, {@code \b \t \n \f
 *       \r}, other controls and lone surrogates as lower-case hex escapes (backslash, {@code u},
 *       four digits); everything else as is.
 * </ul>
 */
public final class CanonicalJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CanonicalJson() {}

    /**
     * The canonical text of one JSON value.
     *
     * @throws LandfallException FAILED when the text is not exactly one JSON value
     */
    public static String canonicalize(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            String canonical = canonicalize(parser);
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "more than one JSON value");
            }
            return canonical;
        } catch (JsonProcessingException e) {
            throw LandfallException.failed(
                    "not valid JSON: " + JsonProblem.describe(e) + " at column "
                            + e.getLocation().getColumnNr(),
                    "metadata must be exactly one JSON value",
                    e);
        } catch (IOException e) {
            throw LandfallException.internal("reading a string failed", e);
        }
    }

    /**
     * Reads the next JSON value from the parser (or the current one, if the parser is on a value's
     * first token) and returns its canonical text. The parser is left on the value's last token.
     */
    public static String canonicalize(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.FIELD_NAME) {
            token = parser.nextToken();
        }
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "expected a JSON value, found the end");
        }
        StringBuilder out = new StringBuilder();
        write(parser, out);
        return out.toString();
    }

    private static void write(JsonParser p, StringBuilder out) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, String> members = new TreeMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    StringBuilder value = new StringBuilder();
                    write(p, value);
                    members.put(name, value.toString());
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, String> m : members.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(m.getKey(), out);
                    out.append(':').append(m.getValue());
                }
                out.append('}');
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(p, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> writeString(p.getText(), out);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(number(p.getText()));
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default ->
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + p.currentToken());
        }
    }

    /** The canonical form of a JSON number's text: {@code [-]DIGITS[eEXP]}. */
    public static String number(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && text.charAt(i) == '-') {
            negative = true;
            i++;
        }
        StringBuilder digits = new StringBuilder(text.length());
        int fractionDigits = 0;
        boolean inFraction = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                if (inFraction) {
                    fractionDigits++;
                }
            } else if (c == '.' && !inFraction) {
                inFraction = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                throw new IllegalArgumentException("not a JSON number: " + text);
            }
        }
        BigInteger exponent = BigInteger.ZERO;
        if (i < text.length()) {
            String exp = text.substring(i + 1);
            if (exp.startsWith("+")) {
                exp = exp.substring(1);
            }
            exponent = new BigInteger(exp);
        }
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0') {
            start++;
        }
        if (start == digits.length()) {
            return "0";
        }
        int end = digits.length();
        int trailing = 0;
        while (digits.charAt(end - 1) == '0') {
            end--;
            trailing++;
        }
        exponent = exponent.subtract(BigInteger.valueOf(fractionDigits)).add(BigInteger.valueOf(trailing));
        StringBuilder out = new StringBuilder(end - start + 8);
        if (negative) {
            out.append('-');
        }
        out.append(digits, start, end);
        if (exponent.signum() != 0) {
            out.append('e').append(exponent);
        }
        return out.toString();
    }

    /** Appends a string in canonical escaping, with quotes. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        hexEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        hexEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void hexEscape(char c, StringBuilder out) {
        String hex = Integer.toHexString(c);
        out.append("\\u");
        for (int k = hex.length(); k < 4; k++) {
            out.append('0');
        }
        out.append(hex);
    }
}
