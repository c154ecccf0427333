package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /__sandbox/writer}: an operator rehearsing by hand stops and restarts the writer. */
class WriterControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(SandboxServer s, String method, String path) throws Exception {
        URI root = URI.create(s.baseUrl()).resolve("/");
        return http.send(
                HttpRequest.newBuilder(root.resolve(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pauseStopsTheWritesAndResumeLetsThemGoOn() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxConfig.builder()
                .seedKv(List.of(KvSeed.parse("SESSIONS=20")))
                .writes(500)
                .build())) {
            JsonNode state = JSON.readTree(call(s, "GET", "/__sandbox/writer").body());
            assertEquals(500, state.path("perSecond").asInt());
            JsonNode paused =
                    JSON.readTree(call(s, "POST", "/__sandbox/writer/pause").body());
            assertTrue(paused.path("paused").asBoolean());
            assertTrue(s.writer().orElseThrow().paused(), "the writer itself is paused");
            JsonNode resumed =
                    JSON.readTree(call(s, "POST", "/__sandbox/writer/resume").body());
            assertTrue(!resumed.path("paused").asBoolean());
            assertEquals(404, call(s, "POST", "/__sandbox/writer/stop").statusCode());
            assertEquals(404, call(s, "GET", "/__sandbox/writer/pause").statusCode());
        }
    }
}
