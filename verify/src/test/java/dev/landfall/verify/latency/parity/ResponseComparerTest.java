package dev.landfall.verify.latency.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseComparerTest {
    static Answer json(int status, String body) {
        return answer(status, "application/json", body);
    }

    static Answer answer(int status, String type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try {
            return new Answer(
                    status, type, b, true, MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private final ResponseComparer plain = new ResponseComparer(List.of());

    @Test
    void jsonComparesStructurallyNotByBytes() {
        assertEquals(
                List.of(),
                plain.compare(json(200, "{\"a\":1,\"b\":[1,2]}"), json(200, "{ \"b\":[1, 2.0], \"a\":1.00 }"), 10));
    }

    @Test
    void differencesNameTheirPathAndBothValues() {
        List<Difference> d = plain.compare(
                json(200, "{\"a\":1,\"items\":[{\"id\":1},{\"id\":2}],\"gone\":true}"),
                json(200, "{\"a\":2,\"items\":[{\"id\":1},{\"id\":3}],\"new\":null}"),
                10);
        assertEquals(
                List.of(
                        new Difference("$.a", "1", "2"),
                        new Difference("$.gone", "true", "(absent)"),
                        new Difference("$.items[1].id", "2", "3"),
                        new Difference("$.new", "(absent)", "null")),
                d);
    }

    @Test
    void statusIsAlwaysCompared() {
        List<Difference> d = plain.compare(json(200, "{}"), json(503, "{}"), 10);
        assertEquals(List.of(new Difference("status", "200", "503")), d);
    }

    @Test
    void ignoredPathsAndTheLimitAreHonoured() {
        ResponseComparer c =
                new ResponseComparer(List.of(PathPattern.parse("$.ts"), PathPattern.parse("$.items[*].at")));
        assertEquals(
                List.of(),
                c.compare(
                        json(200, "{\"ts\":1,\"items\":[{\"at\":1,\"id\":1}]}"),
                        json(200, "{\"ts\":2,\"items\":[{\"at\":9,\"id\":1}]}"),
                        10));
        assertEquals(
                1,
                plain.compare(json(200, "{\"a\":1,\"b\":1}"), json(200, "{\"a\":2,\"b\":2}"), 1)
                        .size());
    }

    @Test
    void otherBodiesCompareWholeAtTheRoot() {
        List<Difference> d = plain.compare(answer(200, "text/plain", "hello"), answer(200, "text/plain", "hullo"), 10);
        assertEquals(List.of(new Difference("$", "hello", "hullo")), d);
        assertEquals(List.of(), plain.compare(answer(200, "text/plain", "x"), answer(200, "text/html", "x"), 10));
        assertTrue(new ResponseComparer(List.of(PathPattern.parse("$")))
                .compare(answer(200, "", "a"), answer(200, "", "b"), 10)
                .isEmpty());
    }

    @Test
    void noiseIsWhatDiffersBetweenTwoBaselineAnswers() {
        NoiseDetector noise = new NoiseDetector();
        noise.learn(
                json(200, "{\"id\":\"r1\",\"v\":1,\"items\":[{\"at\":5,\"k\":1},{\"at\":6,\"k\":2}]}"),
                json(200, "{\"id\":\"r2\",\"v\":1,\"items\":[{\"at\":7,\"k\":1},{\"at\":6,\"k\":2}]}"));
        noise.learn(json(200, "{\"id\":\"r3\",\"v\":2}"), json(200, "{\"id\":\"r4\",\"v\":2}"));
        noise.learn(json(200, "{\"v\":3}"), json(500, "{\"v\":4}"));
        assertEquals(List.of(PathPattern.parse("$.id"), PathPattern.parse("$.items[*].at")), noise.noise());
        assertEquals(3, noise.samples());
    }
}
