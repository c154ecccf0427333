package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.MemoryKvAccess;
import dev.landfall.core.time.FakeClock;
import dev.landfall.serve.workerd.WorkerdKvHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which part of {@code landfall serve} answers a request, with the routes {@code landfall serve}
 * mounts ({@link MountedRoutes}): workerd's binding beside the REST routes, and the probes.
 */
class ServeRoutingTest {
    private static final String NS = "0123456789abcdef0123456789abcdef";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryKvAccess store = new MemoryKvAccess().with(new KvNamespace(NS, "CONFIG"));
    private final HttpClient client = HttpClient.newHttpClient();
    private ServeServer server;

    @BeforeEach
    void start() {
        KvService kv = new KvService(
                store,
                new CacheSettings(1 << 20, Duration.ofSeconds(10)),
                clock,
                () -> clock.millis() * 1_000_000L,
                Runnable::run);
        ServeConfig config = new ServeConfig(
                ListenAddress.parse("127.0.0.1:0"), Optional.empty(), kv.cacheSettings(), 4, Duration.ofSeconds(5));
        server = ServeServer.start(config, kv, MountedRoutes.of(kv), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                .method(method, method.equals("GET") ? BodyPublishers.noBody() : BodyPublishers.ofString("x"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), BodyHandlers.ofString());
    }

    /**
     * workerd's KV binding sends {@code CF-KV-FLPROD-405} on every request: without the namespace
     * header, such a request is the binding's, misconfigured, and is told so, where serve's own
     * routes answered 404 (7003), which a Worker's get reads as "no such key".
     */
    @ParameterizedTest
    @CsvSource({
        "GET, /k?urlencoded=true",
        "PUT, /k?urlencoded=true",
        "DELETE, /k?urlencoded=true",
        "GET, /?prefix=a",
        "POST, /bulk/get",
        "GET, /healthz?urlencoded=true"
    })
    void aBindingRequestWithoutTheNamespaceHeaderIsToldHowToSetIt(String method, String pathAndQuery) throws Exception {
        HttpResponse<String> r =
                send(method, pathAndQuery, WorkerdKvHandler.BINDING_HEADER, "https://fake-host" + pathAndQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body())
                .startsWith("No X-Landfall-Namespace header")
                .contains("injectRequestHeaders = [(name = \"X-Landfall-Namespace\", value = \"NAMESPACE_ID\")]");
    }

    @Test
    void aRequestWithNeitherHeaderGoesToServesOwnRoutes() throws Exception {
        assertThat(send("GET", "/healthz").body()).isEqualTo("ok\n");
        assertThat(send("GET", "/k?urlencoded=true").statusCode()).isEqualTo(404);
    }

    /** Walked: GET /nothing was answered "Could not route to /client/v4/nothing", a path never sent. */
    @ParameterizedTest
    @CsvSource({"/nothing", "/client/v4/nothing", "/client/v4/accounts/a/elsewhere", "/accounts/a/storage/kv/x"})
    void aPathThatIsNoRouteIsNamedAsTheClientSentIt(String path) throws Exception {
        HttpResponse<String> r = send("GET", path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        JsonNode errors = new ObjectMapper().readTree(r.body()).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(KvErrorCodes.COULD_NOT_ROUTE);
        assertThat(errors.get(0).get("message").asText())
                .isEqualTo("Could not route to " + path + ", perhaps your object identifier is invalid?");
        assertThat(errors.get(1).get("code").asInt()).isEqualTo(KvErrorCodes.NO_ROUTE);
    }

    @ParameterizedTest
    @CsvSource({"POST, /healthz", "PUT, /healthz", "DELETE, /healthz", "POST, /readyz", "DELETE, /readyz"})
    void probesTakeGetAndHeadOnly(String method, String path) throws Exception {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("method not allowed: use GET or HEAD\n");
    }

    @ParameterizedTest
    @CsvSource({"/healthz, ok", "/readyz, ready"})
    void aProbeByHeadIsAnsweredWithoutABody(String path, String word) throws Exception {
        HttpResponse<String> head = send("HEAD", path);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(send("GET", path).body()).isEqualTo(word + "\n");
    }

    @ParameterizedTest
    @CsvSource({"POST, /statusz", "PUT, /flagz", "DELETE, /metrics", "HEAD, /statusz"})
    void zPagesTakeGetOnly(String method, String path) throws Exception {
        HttpResponse<String> r = send(method, path);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }
}
