package dev.landfall.verify.latency.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsRequestsAndStartsAgainAtTheEnd() throws Exception {
        Path f = dir.resolve("r.ndjson");
        Files.writeString(f, """
                # a comment
                {"path":"/a"}

                {"method":"post","path":"/b?x=1","headers":{"content-type":"application/json"},"body":{"k":[1,2]}}
                {"method":"PUT","path":"/c","body":"raw text"}
                """);
        try (NdjsonCorpus c = NdjsonCorpus.open(f)) {
            assertEquals(CorpusRequest.of("GET", "/a"), c.next());
            CorpusRequest b = c.next();
            assertEquals("POST", b.method());
            assertEquals("/b?x=1", b.path());
            assertEquals(List.of(new CorpusRequest.Header("content-type", "application/json")), b.headers());
            assertArrayEquals("{\"k\":[1,2]}".getBytes(StandardCharsets.UTF_8), b.body());
            assertEquals("raw text", new String(c.next().body(), StandardCharsets.UTF_8));
            assertEquals(CorpusRequest.of("GET", "/a"), c.next(), "starts again");
        }
    }

    @Test
    void aBadLineIsNamedByFileAndLine() throws Exception {
        Path f = dir.resolve("bad.ndjson");
        Files.writeString(f, "{\"path\":\"/ok\"}\n{\"path\":\"no-slash\"}\n");
        // Refused when opened, before any request is sent.
        LandfallException e = assertThrows(LandfallException.class, () -> NdjsonCorpus.open(f));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains(f + " line 2"), e.getMessage());
        for (String[] bad : new String[][] {
            {"{not json", "is not JSON"},
            {"[1]", "is not a JSON object"},
            {"{\"path\":\"/\",\"verb\":\"GET\"}", "has an unknown field \"verb\""},
            {"{\"path\":\"/\",\"headers\":{\"a\":1}}", "header \"a\""},
            {"{\"path\":\"/\",\"method\":\"G T\"}", "not an HTTP method"},
        }) {
            Files.writeString(f, bad[0] + "\n");
            LandfallException refused = assertThrows(LandfallException.class, () -> NdjsonCorpus.open(f), bad[0]);
            assertTrue(
                    refused.getMessage().contains(" line 1 ")
                            && refused.getMessage().contains(bad[1]),
                    refused.getMessage());
        }
    }

    @Test
    void missingOrEmptyFilesAreUsageErrors() throws Exception {
        LandfallException missing =
                assertThrows(LandfallException.class, () -> NdjsonCorpus.open(dir.resolve("none.ndjson")));
        assertEquals(ErrorKind.USAGE, missing.kind());
        assertTrue(missing.getMessage().contains("no such file"));
        Path empty = dir.resolve("empty.ndjson");
        Files.writeString(empty, "# only a comment\n\n");
        LandfallException e = assertThrows(LandfallException.class, () -> NdjsonCorpus.open(empty));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("holds no request"), e.getMessage());
    }
}
