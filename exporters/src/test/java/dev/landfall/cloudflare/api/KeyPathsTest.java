package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.model.Key;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPathsTest {
    private static final HttpUrl BASE =
            HttpUrl.get("https://api.cloudflare.com/client/v4/accounts/a/storage/kv/namespaces/n/values");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a/b c:d?é%+#|a%2Fb%20c%3Ad%3F%C3%A9%25%2B%23",
                "plain-key_1.txt|plain-key_1.txt",
                "~tilde!*()'|~tilde!*()'",
                "...|...",
                ".hidden|.hidden",
                "..x|..x",
                "%2F-literal|%252F-literal",
                "tab\tkey|tab%09key",
                "back\\slash|back%5Cslash",
                "quote\"d|quote%22d",
                "emoji 🔑|emoji%20%F0%9F%94%91",
                "a&b=c;d,e@f$|a%26b%3Dc%3Bd%2Ce%40f%24",
                "[x]{y}<z>^`|%5Bx%5D%7By%7D%3Cz%3E%5E%60"
            })
    void encodesLikeEncodeUriComponent(String key, String expected) {
        assertEquals(expected, KeyPaths.segment(Key.of(key)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a/b c:d?é%+#", "...", ".hidden", "%2F-literal", "x/../y", "./z", "a%2e%2E"})
    void okHttpKeepsTheSegmentAsOneSegment(String key) {
        HttpUrl url = BASE.newBuilder()
                .addEncodedPathSegment(KeyPaths.segment(Key.of(key)))
                .build();
        String last = url.encodedPathSegments().get(url.encodedPathSegments().size() - 1);
        assertEquals(KeyPaths.segment(Key.of(key)), last, "no normalisation of " + key);
        assertEquals(10, url.encodedPathSegments().size(), url.encodedPath());
        assertEquals(key, URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8));
        assertTrue(url.toString().endsWith("/values/" + last), url.toString());
    }

    @Test
    void keysOf512BytesEncodeWhole() {
        String ascii = "long-" + "x".repeat(507);
        assertEquals(ascii, KeyPaths.segment(Key.of(ascii)));
        assertEquals("long%3A" + "x".repeat(507), KeyPaths.segment(Key.of("long:" + "x".repeat(507))));
        String twoByte = "é".repeat(256);
        assertEquals(512, Key.of(twoByte).size());
        assertEquals("%C3%A9".repeat(256), KeyPaths.segment(Key.of(twoByte)));
    }

    @Test
    void theVerticalBarToo() {
        assertEquals("a%7Cb", KeyPaths.segment(Key.of("a|b")));
    }

    @Test
    void dotSegmentsAndEmptyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyPaths.segment(Key.of(".")));
        assertThrows(IllegalArgumentException.class, () -> KeyPaths.segment(Key.of("..")));
        assertThrows(IllegalArgumentException.class, () -> KeyPaths.segment(Key.of("")));
    }
}
