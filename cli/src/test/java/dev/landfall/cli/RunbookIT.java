package dev.landfall.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.landfall.cli.runbook.Runbook;
import dev.landfall.cli.runbook.RunbookRunner;
import dev.landfall.cloudflare.worker.MiniflarePeer;
import dev.landfall.core.config.Secret;
import dev.landfall.infra.cutover.FakeAws;
import dev.landfall.infra.cutover.GateState;
import dev.landfall.infra.cutover.WorkerPeer;
import dev.landfall.infra.cutover.WriteGate;
import dev.landfall.sandbox.Capture;
import dev.landfall.sandbox.DoSeed;
import dev.landfall.sandbox.KvSeed;
import dev.landfall.sandbox.SandboxConfig;
import dev.landfall.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * docs/operator-runbook.md, executed: every command block, in order, pasted into bash in one working
 * directory with {@code landfall} on the PATH, against the sandbox (with capture on and its writer
 * as the application), a local old/new service pair, Global Accelerator and ECS answered by {@link
 * FakeAws} ({@code AWS_ENDPOINT_URL}), and the generated cutover Worker in workerd for the write
 * gate. Every exit code the page promises is asserted, so the page cannot drift from the tool.
 *
 * <p>What differs from a real account, all of it here: the site values; waits an operator spends in
 * minutes ({@code --bake}, {@code --duration}) are seconds; the follower's consistency window is 1 s
 * and the edge propagation 1 s, because the sandbox's KV is consistent at once; when the follower is
 * stopped for the switch the sandbox's writer pauses, as the application's writes would start asking
 * the frozen gate; and blocks marked {@code cloud} (deploys, DNS) are checked for syntax only.
 */
class RunbookIT {
    private static final Path PAGE = Path.of("..", "docs", "operator-runbook.md");
    private static final String CUTOVER_SECRET = "runbook-cutover-secret-0123456789abcdef";

    @TempDir
    Path dir;

    private SandboxServer sandbox;
    private HttpServer oldService;
    private HttpServer newService;
    private WireMockServer aws;
    private WorkerPeer cutoverWorker;
    private final FakeAws fakeAws = new FakeAws().region("us-east-1", 100).region("eu-west-1", 0);

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(SandboxConfig.builder()
                .randomSeed(System.nanoTime())
                .seedKv(List.of(KvSeed.parse("SESSIONS=400")))
                .seedDo(List.of(new DoSeed("Room", 4, 5)))
                .capture(Capture.on())
                .writes(20)
                .build());
        oldService = KeyService.start(() -> 0);
        newService = KeyService.start(() -> 0);
        aws = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().extensions(fakeAws));
        aws.start();
        aws.stubFor(post(urlEqualTo("/")).willReturn(ok()));
    }

    @AfterEach
    void stop() throws Exception {
        if (cutoverWorker != null) {
            cutoverWorker.close();
        }
        aws.stop();
        oldService.stop(0);
        newService.stop(0);
        sandbox.close();
    }

    @Test
    void everyCommandOfTheRunbookKeepsItsPromise() throws Exception {
        Optional<Path> peers = MiniflarePeer.locateForTests();
        Assumptions.assumeTrue(peers.isPresent(), "miniflare is not installed (npm ci in test-peers); skipping");
        cutoverWorker = WorkerPeer.start(
                url(oldService), url(newService), "ip", false, Map.of("LANDFALL_CUTOVER_SECRET", CUTOVER_SECRET), true);
        cutoverWorker.dial("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true,\"writes\":\"old\"}");
        try (RunbookRunner runner = runner()) {
            try {
                runner.run(Runbook.read(PAGE), "docs/operator-runbook.md");
            } finally {
                runner.transcript().forEach(line -> System.out.println("runbook: " + line));
            }
        }
        // The page ends where the way back leaves the gate: writes to the old Worker again. (The gate
        // gets there from new only through frozen, so --final's flip and the freeze before the copy
        // both took effect.)
        try (WriteGate gate = new WriteGate(cutoverWorker.url().toString(), Secret.of(CUTOVER_SECRET))) {
            assertEquals(GateState.OLD, gate.state().state());
        }
    }

    @Test
    void aWrongFlagInTheRunbookFailsIt() throws Exception {
        String page = Files.readString(PAGE);
        String wrong = page.replaceFirst("landfall inventory ", "landfall inventory --no-such-flag ");
        assertTrue(!wrong.equals(page), "the runbook runs landfall inventory");
        try (RunbookRunner runner = runner()) {
            AssertionFailedError e = assertThrows(
                    AssertionFailedError.class, () -> runner.run(Runbook.parse(wrong), "operator-runbook.md"));
            assertTrue(e.getMessage().contains("--no-such-flag"), e.getMessage());
        }
    }

    @Test
    void aWrongFlagInABlockShownForTheCloudFailsItToo() throws Exception {
        String page = Files.readString(PAGE);
        Runbook book = Runbook.parse(page);
        Runbook.Command cloud = book.blocks().stream()
                .filter(b -> b.mode() == Runbook.Mode.CLOUD)
                .flatMap(b -> b.commands().stream())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the runbook shows no command for the cloud"));
        // A quote left open, as a careless edit leaves one: bash refuses the line.
        String wrong = page.replace(cloud.text().substring(0, 20), cloud.text().substring(0, 20) + " 'no-such-flag");
        try (RunbookRunner runner = runner()) {
            // Only the cloud blocks: the others need the whole journey before them.
            Runbook onlyCloud = new Runbook(Runbook.parse(wrong).blocks().stream()
                    .filter(b -> b.mode() == Runbook.Mode.CLOUD)
                    .toList());
            AssertionFailedError e =
                    assertThrows(AssertionFailedError.class, () -> runner.run(onlyCloud, "operator-runbook.md"));
            assertTrue(e.getMessage().contains("not valid bash"), e.getMessage());
        }
    }

    private RunbookRunner runner() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        // landfall is not on the PATH: the page installs it from the clone, with the jar this build made.
        Path clone = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        Optional.ofNullable(System.getenv("JAVA_HOME")).ifPresent(j -> env.put("JAVA_HOME", j));
        env.put("CLOUDFLARE_API_BASE_URL", sandbox.environment().get("CLOUDFLARE_API_BASE_URL"));
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + aws.port());
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret-never-printed");
        env.put("AWS_REGION", "us-east-1");

        String dialNamespace = sandbox.kvStore().create("landfall-dial").id();
        Map<String, String> site = new HashMap<>();
        site.put("CLOUDFLARE_API_TOKEN", sandbox.environment().get("CLOUDFLARE_API_TOKEN"));
        site.put("CLOUDFLARE_ACCOUNT_ID", sandbox.accountId());
        site.put("LANDFALL_EXPORT_WORKER_URL", sandbox.environment().get("LANDFALL_EXPORT_WORKER_URL"));
        site.put("LANDFALL_EXPORT_SECRET", sandbox.environment().get("LANDFALL_EXPORT_SECRET"));
        site.put("LANDFALL_CUTOVER_SECRET", CUTOVER_SECRET);
        site.put("STORE", "sqlite:" + work.resolve("app.db"));
        site.put("OLD", url(oldService).toString());
        site.put("NEW", url(newService).toString());
        // As an operator writes a host: no trailing slash, so "$CUTOVER/__landfall/…" is one path.
        String cutover = cutoverWorker == null
                ? "http://127.0.0.1:9"
                : cutoverWorker.url().toString();
        site.put("CUTOVER", cutover.replaceAll("/+$", ""));
        site.put("DIAL_NS", dialNamespace);

        Consumer<Path> spec = file -> fillIn(file, dialNamespace);
        return new RunbookRunner(work, clone, env, site, Map.of("landfall.yaml", spec))
                .shorten("--bake \\S+", "--bake 2s")
                .shorten("--duration \\S+", "--duration 2s")
                .shorten("--follow ", "--follow --consistency-window 1s ")
                .shorten("--dial-namespace (\\S+)", "--dial-namespace $1 --edge-propagation 1s")
                .shorten("landfall cutover ", "landfall cutover --edge-propagation 1s ")
                // Latency is not judged here: a loaded runner's p99 says nothing about the service.
                .shorten("p99<=\\d+ms", "p99<=10s")
                .beforeStop(() -> sandbox.writer().ifPresent(w -> w.pause()));
    }

    /** What an operator fills in after 'landfall init': the two services and the edge split's dial. */
    private void fillIn(Path file, String dialNamespace) {
        try {
            String y = Files.readString(file);
            y = y.replaceAll("(?m)^(  slo:).*$", "$1 \"p99<=10s,errors<=1%,mismatch<=1%\"")
                    .replaceAll("(?m)^(  baseline:)\\s*\\S+", "$1 " + url(oldService))
                    .replaceAll("(?m)^(  candidate:)\\s*\\S+", "$1 " + url(newService));
            y += "  edge:\n    worker: api-worker\n    dialNamespace: " + dialNamespace + "\n";
            Files.writeString(file, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI url(HttpServer s) {
        return KeyService.url(s);
    }
}
