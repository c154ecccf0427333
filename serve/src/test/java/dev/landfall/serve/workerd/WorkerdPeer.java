package dev.landfall.serve.workerd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real workerd binary (npm {@code workerd}, pinned in {@code test-peers/package.json}) running
 * {@code kv-worker.mjs} on 127.0.0.1, its {@code CONFIG} KV binding pointed at an external service:
 * the shape {@code docs/serve.md} tells a team to use. The listening port comes from workerd's
 * control messages, so no port is guessed.
 */
final class WorkerdPeer implements AutoCloseable {
    private static final Pattern LISTEN = Pattern.compile("\"event\":\"listen\",\"socket\":\"http\",\"port\":(\\d+)");

    private final Process process;
    private final Path log;
    private final String url;

    private WorkerdPeer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * The binary, or empty so the test skips when the test peers are not installed; with {@code
     * LANDFALL_IT_REQUIRED=1} (CI) a failure instead, so a missing install cannot pass as skipped.
     */
    static Optional<Path> locateForTests() {
        Optional<Path> found = locate();
        if (found.isEmpty() && "1".equals(System.getenv("LANDFALL_IT_REQUIRED"))) {
            throw new AssertionError("workerd is not installed (run npm ci --prefix test-peers)");
        }
        return found;
    }

    private static Optional<Path> locate() {
        List<Path> roots = new ArrayList<>();
        String projectDir = System.getenv("LANDFALL_PROJECT_DIR");
        if (projectDir != null && !projectDir.isBlank()) {
            roots.add(Path.of(projectDir));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("test-peers/package.json"))) {
                roots.add(dir);
                break;
            }
        }
        return roots.stream()
                .flatMap(root -> List.of(
                        root.resolve("test-peers/node_modules/@cloudflare/workerd-linux-64/bin/workerd"),
                        root.resolve("test-peers/node_modules/workerd/bin/workerd"))
                        .stream())
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The workerd config: one Worker, its KV binding an external service that names the namespace;
     * with {@code namespaceId} null, one that does not (the mistake serve must report).
     */
    static String config(String servedAddress, String namespaceId) {
        String http = namespaceId == null
                ? "()"
                : "(injectRequestHeaders = [(name = \"%s\", value = \"%s\")])"
                        .formatted(WorkerdKvHandler.NAMESPACE_HEADER, namespaceId);
        return """
                using Workerd = import "/workerd/workerd.capnp";

                const config :Workerd.Config = (
                  services = [
                    (name = "main", worker = .worker),
                    (name = "landfall-kv", external = (
                      address = "%s",
                      http = %s)),
                  ],
                  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
                );

                const worker :Workerd.Worker = (
                  modules = [(name = "kv-worker.mjs", esModule = embed "kv-worker.mjs")],
                  compatibilityDate = "2024-09-23",
                  bindings = [(name = "CONFIG", kvNamespace = "landfall-kv")],
                );
                """.formatted(servedAddress, http);
    }

    /**
     * Starts workerd in {@code workDir} (an empty directory the caller owns) against serve at {@code
     * servedAddress}; {@code namespaceId} null leaves the namespace header out of the binding.
     */
    static WorkerdPeer start(Path binary, Path workDir, String servedAddress, String namespaceId)
            throws IOException, InterruptedException {
        try (InputStream worker = WorkerdPeer.class.getResourceAsStream("/workerd/kv-worker.mjs")) {
            Files.write(workDir.resolve("kv-worker.mjs"), worker.readAllBytes());
        }
        Files.writeString(workDir.resolve("config.capnp"), config(servedAddress, namespaceId));
        Path log = workDir.resolve("workerd.log");
        Process process = new ProcessBuilder(binary.toString(), "serve", "config.capnp", "--control-fd=1")
                .directory(workDir.toFile())
                .redirectError(log.toFile())
                .start();
        BufferedReader control =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = control.readLine(); line != null; line = control.readLine()) {
            Matcher m = LISTEN.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> drain(control), "workerd-stdout");
                drain.setDaemon(true);
                drain.start();
                return new WorkerdPeer(process, log, "http://127.0.0.1:" + m.group(1));
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IOException("workerd exited before listening: " + Files.readString(log));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // workerd's stdout carries nothing the test reads after the listen event.
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }

    String url() {
        return url;
    }

    /** What workerd logged, for a failure message. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
