package dev.landfall.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real wrangler CLI from {@code test-peers/} against a sandbox, hermetic as {@code
 * shared/reference/cloudflare-peers.md} §2.2 says: a fresh environment, no metrics, error reports
 * or update checks, its cache and logs under one directory, stdin closed, a deadline per command.
 * (The sandbox's fidelity tests have a fuller runner; this one only runs commands.)
 */
final class HermeticWrangler {
    /** What one command did; {@code stdout} is the raw bytes. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private final Path executable;
    private final Path work;
    private final Map<String, String> env;

    private HermeticWrangler(Path executable, Path work, Map<String, String> env) {
        this.executable = executable;
        this.work = work;
        this.env = env;
    }

    /** The wrangler launcher under the nearest {@code test-peers/node_modules}, if installed. */
    static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path bin = dir.resolve("test-peers/node_modules/.bin/wrangler");
            if (Files.isExecutable(bin)) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    /** A runner that talks only to {@code sandbox} (its base URL, token and account). */
    static HermeticWrangler against(Path executable, Path stateDir, Map<String, String> sandbox) throws IOException {
        Path work = Files.createDirectories(stateDir.resolve("work"));
        Path tmp = Files.createDirectories(stateDir.resolve("tmp"));
        Path updateCheck = Files.createDirectories(tmp.resolve("update-check"));
        // Pre-seeded: without it wrangler asks the npm registry on every error exit.
        Files.writeString(
                updateCheck.resolve("wrangler-latest.json"), "{\"latest\":\"4.86.0\",\"lastUpdate\":99999999999999}\n");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", Files.createDirectories(stateDir.resolve("home")).toString());
        env.put("LANG", "C.UTF-8");
        for (String name : List.of("CLOUDFLARE_API_BASE_URL", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID")) {
            env.put(name, sandbox.get(name));
        }
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
        env.put("WRANGLER_HIDE_BANNER", "true");
        env.put("CI", "true");
        env.put("CLOUDFLARE_CF_FETCH_ENABLED", "false");
        env.put("WRANGLER_CACHE_DIR", stateDir.resolve("wcache").toString());
        env.put("XDG_CONFIG_HOME", stateDir.resolve("xdg").toString());
        env.put("TMPDIR", tmp.toString());
        env.put("npm_registry", "http://127.0.0.1:9/");
        env.put("FORCE_COLOR", "0");
        return new HermeticWrangler(executable, work, Map.copyOf(env));
    }

    /** Runs {@code wrangler ARGS…}; kills it after 60 s. */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".bin");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("wrangler " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    }
}
