package dev.landfall.sandbox.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real wrangler CLI (pinned in {@code test-peers/package.json}) against a fake Cloudflare
 * API, hermetically: the environment is built from scratch as in {@code
 * shared/reference/cloudflare-peers.md} §2.2, so wrangler sends no metrics, error reports or update
 * checks and keeps its cache, logs and temp files under one directory per test class. Standard
 * input is closed, and every command has a deadline.
 */
final class WranglerCli {

    /** The version the fidelity tests were written against; see the peers reference. */
    static final String PINNED_VERSION = "4.86.0";

    private final Path executable;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final AtomicInteger invocations = new AtomicInteger();
    private long totalMillis;

    private WranglerCli(Path executable, Path workDir, Map<String, String> environment, Duration timeout) {
        this.executable = executable;
        this.workDir = workDir;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * Where {@code npm ci --prefix test-peers} puts the wrangler launcher: under {@code
     * $LANDFALL_PROJECT_DIR}, else under the nearest parent of the working directory that holds
     * {@code test-peers/package.json}.
     */
    static Optional<Path> locate() {
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
                .map(root -> root.resolve("test-peers/node_modules/.bin/wrangler"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * A runner whose wrangler talks only to {@code apiBaseUrl} on loopback.
     *
     * @param stateDir an empty directory owned by the caller; wrangler's cache, config, logs and
     *     temp files go below it
     */
    static WranglerCli hermetic(Path executable, Path stateDir, String apiBaseUrl, String token, String accountId)
            throws IOException {
        Objects.requireNonNull(executable, "executable");
        Path work = Files.createDirectories(stateDir.resolve("work"));
        Path tmp = Files.createDirectories(stateDir.resolve("tmp"));
        Path home = Files.createDirectories(stateDir.resolve("home"));
        // Pre-seeded update-check cache: without it wrangler asks the npm registry on every error exit.
        Path updateCheck = Files.createDirectories(tmp.resolve("update-check"));
        Files.writeString(
                updateCheck.resolve("wrangler-latest.json"),
                "{\"latest\":\"" + PINNED_VERSION + "\",\"lastUpdate\":99999999999999}\n",
                StandardCharsets.UTF_8);

        Map<String, String> env = new LinkedHashMap<>();
        // Only what node needs to start; nothing else leaks in from the developer's or CI's shell.
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        // shared/reference/cloudflare-peers.md §2.2, exactly.
        env.put("CLOUDFLARE_API_BASE_URL", apiBaseUrl);
        env.put("CLOUDFLARE_API_TOKEN", token);
        env.put("CLOUDFLARE_ACCOUNT_ID", accountId);
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
        env.put("WRANGLER_HIDE_BANNER", "true");
        env.put("CI", "true");
        env.put("CLOUDFLARE_CF_FETCH_ENABLED", "false");
        env.put("WRANGLER_CACHE_DIR", stateDir.resolve("wcache").toString());
        env.put("XDG_CONFIG_HOME", stateDir.resolve("xdg").toString());
        env.put("TMPDIR", tmp.toString());
        env.put("npm_registry", "http://127.0.0.1:9/");
        // Plain stderr, so failure messages in assertions are readable.
        env.put("FORCE_COLOR", "0");
        return new WranglerCli(executable, work, Map.copyOf(env), Duration.ofSeconds(45));
    }

    /** The directory wrangler runs in; relative file arguments resolve against it. */
    Path workDir() {
        return workDir;
    }

    int invocations() {
        return invocations.get();
    }

    synchronized Duration totalTime() {
        return Duration.ofMillis(totalMillis);
    }

    /** Runs {@code wrangler ARGS...} to completion, or kills it at the deadline and throws. */
    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        int n = invocations.incrementAndGet();
        Path out = workDir.resolve("stdout-" + n + ".bin");
        Path err = workDir.resolve("stderr-" + n + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // stdin closed: wrangler can never wait for a prompt
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("wrangler " + String.join(" ", args) + " did not finish within " + timeout
                        + "; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            synchronized (this) {
                totalMillis += millis;
            }
            return new Result(
                    List.copyOf(command.subList(1, command.size())),
                    process.exitValue(),
                    Files.readAllBytes(out),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8),
                    Duration.ofMillis(millis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running wrangler", e);
        }
    }

    /** What one wrangler invocation did. {@code stdout} is the raw bytes wrangler wrote. */
    record Result(List<String> args, int exitCode, byte[] stdout, String stderr, Duration elapsed) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** A description for assertion messages. */
        String describe() {
            return "wrangler " + String.join(" ", args) + " → exit " + exitCode + " in " + elapsed.toMillis()
                    + " ms\n--- stdout\n" + abbreviate(stdoutText()) + "\n--- stderr\n" + abbreviate(stderr);
        }

        private static String abbreviate(String text) {
            return text.length() <= 4000 ? text : text.substring(0, 4000) + "… (" + text.length() + " chars)";
        }
    }
}
