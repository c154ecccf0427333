package dev.landfall.cli.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.sandbox.RateLimit;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

/** The KV conformance suite against the sandbox's own KV routes (in memory, bearer token required). */
class SandboxKvRestContractTest extends AbstractKvRestContractTest {
    @Override
    protected KvRestTarget start(Clock clock, String title) throws Exception {
        SandboxServer sandbox = SandboxServer.start(
                SandboxConfig.builder().rateLimit(RateLimit.UNLIMITED).build(), clock, line -> {});
        Map<String, String> auth = Map.of("Authorization", "Bearer " + sandbox.token());
        String namespaces = sandbox.baseUrl() + "/accounts/" + sandbox.accountId() + "/storage/kv/namespaces";
        // The sandbox makes namespaces as Cloudflare does: POST a title, read the id back.
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(namespaces))
                                .header("Authorization", auth.get("Authorization"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String id = new ObjectMapper()
                .readTree(created.body())
                .get("result")
                .get("id")
                .asText();
        return new KvRestTarget(namespaces, id, auth, sandbox);
    }

    @Override
    protected boolean listsSayListComplete() {
        return false;
    }
}
