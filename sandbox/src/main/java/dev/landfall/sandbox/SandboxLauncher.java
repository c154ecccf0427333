package dev.landfall.sandbox;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code landfall sandbox} as a library: the flags become a {@link SandboxConfig} (checked before
 * anything starts), then the server starts, external Durable Objects are registered and the
 * environment lines are written to the env file, owner-only.
 */
public final class SandboxLauncher {
    private SandboxLauncher() {}

    /**
     * The flags of {@code landfall sandbox}, as given; {@code null} for an absent optional one.
     *
     * @param port 0 for a free port
     * @param seedKv {@code NAME=COUNT[:VALUE_BYTES]} each
     * @param seedDo {@code CLASS=OBJECTSxKEYS} each
     * @param externalDo {@code CLASS=IDS_FILE[:sqlite]} each
     * @param invalidUtf8 {@code replace} or {@code error}
     * @param capture {@code --capture}
     * @param captureShards {@code --capture-shards}, 1..256
     * @param captureCapacity {@code --capture-capacity}, 1..10,000,000
     * @param writes {@code --writes N/s}; implies {@code --capture}
     */
    public record Flags(
            int port,
            String token,
            String accountId,
            String rateLimit,
            String faults,
            String latency,
            Long randomSeed,
            List<String> seedKv,
            List<String> seedDo,
            List<String> externalDo,
            Path envFile,
            String invalidUtf8,
            boolean capture,
            Integer captureShards,
            Integer captureCapacity,
            String writes) {
        public Flags {
            seedKv = List.copyOf(seedKv);
            seedDo = List.copyOf(seedDo);
            externalDo = List.copyOf(externalDo);
        }
    }

    /**
     * What to start: checked, with the external object ids read.
     *
     * @param envFile where the environment lines also go
     */
    public record Options(SandboxConfig config, List<ExternalObjects> external, Optional<Path> envFile) {
        public Options {
            Objects.requireNonNull(config, "config");
            external = List.copyOf(external);
            Objects.requireNonNull(envFile, "envFile");
        }
    }

    /**
     * Checks every flag and reads the id files, before anything starts.
     *
     * @throws LandfallException USAGE naming the flag
     */
    public static Options options(Flags f) {
        if (f.port() < 0 || f.port() > 65535) {
            throw LandfallException.usage(
                    "--port " + f.port() + " is out of range", "use 1..65535, or 0 for a free port");
        }
        SandboxConfig.Builder config = SandboxConfig.builder().port(f.port());
        if (f.token() != null) {
            if (f.token().isBlank()) {
                throw LandfallException.usage("--token is empty", "give a non-empty token, or leave --token out");
            }
            config.token(f.token());
        }
        if (f.accountId() != null) {
            if (!f.accountId().matches("[0-9A-Za-z_-]{1,64}")) {
                throw LandfallException.usage(
                        "--account-id '" + f.accountId() + "' is not an account id",
                        "use letters, digits, '-' or '_' (Cloudflare's are 32 hex characters)");
            }
            config.accountId(f.accountId());
        }
        if (f.rateLimit() != null) {
            config.rateLimit(parse("--rate-limit", f.rateLimit(), RateLimit::parse));
        }
        if (f.faults() != null) {
            config.faults(parse("--faults", f.faults(), Faults::parse));
        }
        if (f.latency() != null) {
            config.latency(parse("--latency", f.latency(), SandboxConfig::parseDuration));
        }
        if (f.invalidUtf8() != null) {
            config.invalidUtf8(parse("--invalid-utf8", f.invalidUtf8(), InvalidUtf8::parse));
        }
        if (f.randomSeed() != null) {
            config.randomSeed(f.randomSeed());
        }
        SandboxConfig checked = config.seedKv(all("--seed-kv", f.seedKv(), KvSeed::parse))
                .seedDo(all("--seed-do", f.seedDo(), DoSeed::parse))
                .capture(capture(f))
                .build();
        List<ExternalObjects> external =
                f.externalDo().stream().map(ExternalObjects::parse).toList();
        return new Options(checked, external, Optional.ofNullable(f.envFile()));
    }

    private static Capture capture(Flags f) {
        boolean on = f.capture() || f.writes() != null;
        if (!on && (f.captureShards() != null || f.captureCapacity() != null)) {
            String flag = f.captureShards() != null ? "--capture-shards" : "--capture-capacity";
            throw LandfallException.usage(flag + " needs capture on", "add --capture (or --writes N/s)");
        }
        if (!on) {
            return Capture.OFF;
        }
        Capture c = Capture.on();
        if (f.captureShards() != null) {
            c = c.withShards(
                    countInRange("--capture-shards", f.captureShards(), Capture.MAX_SHARDS, Capture.DEFAULT_SHARDS));
        }
        if (f.captureCapacity() != null) {
            c = c.withCapacity(countInRange(
                    "--capture-capacity", f.captureCapacity(), Capture.MAX_CAPACITY, Capture.DEFAULT_CAPACITY));
        }
        if (f.writes() != null) {
            c = c.withWrites(parse("--writes", f.writes(), Capture::parseWrites));
        }
        return c;
    }

    private static int countInRange(String flag, int n, int max, int byDefault) {
        if (n < 1 || n > max) {
            throw LandfallException.usage(
                    flag + " " + n + " is out of range", "use 1.." + max + " (default " + byDefault + ")");
        }
        return n;
    }

    /**
     * Starts the sandbox and writes the env file; the caller closes the server. Warnings go to
     * stderr.
     *
     * @throws LandfallException USAGE when the env file cannot be written (the server is closed)
     */
    public static SandboxServer start(Options options) {
        return start(options, line -> System.err.println(line));
    }

    /**
     * As {@link #start(Options)}, with the sandbox's warnings (an overflowing change log, a writer
     * that falls behind) going to {@code warnings}, a line each.
     */
    public static SandboxServer start(Options options, Consumer<String> warnings) {
        SandboxServer server = SandboxServer.start(options.config(), Clock.systemUTC(), warnings);
        options.external().forEach(e -> server.registerDurableObjects(e.className(), e.sqlite(), e.ids()));
        if (options.envFile().isPresent()) {
            Path file = options.envFile().get();
            try {
                writeOwnerOnly(file, environmentLines(server));
            } catch (IOException e) {
                server.close();
                throw LandfallException.usage(
                        "--env-file " + file + ": cannot write it ("
                                + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                        "name a file in a directory you can write, or leave --env-file out",
                        e);
            }
        }
        return server;
    }

    /** {@code NAME=value} lines of the sandbox's environment, one a line. */
    public static String environmentLines(SandboxServer server) {
        StringBuilder lines = new StringBuilder();
        server.environment()
                .forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
        return lines.toString();
    }

    /**
     * What the sandbox captures, for its start-up lines: empty when capture is off, else one line
     * naming the shards, capacity, the change-log URL and the writer's rate.
     */
    public static Optional<String> captureLine(SandboxServer server) {
        Capture c = server.config().capture();
        if (!c.enabled()) {
            return Optional.empty();
        }
        String writer = server.writer()
                .map(w -> "; writer: " + w.perSecond() + " writes/s into "
                        + String.join(
                                ", ",
                                server.config().seedKv().stream()
                                        .map(KvSeed::title)
                                        .toList()))
                .orElse("; no writer (--writes N/s starts one)");
        return Optional.of("landfall sandbox: capture on: " + c.shards() + " shards of up to " + c.capacity()
                + " pending changes at " + server.exportWorkerUrl() + "/landfall/v2/changes/{shard}; writes through"
                + " the REST API are not captured" + writer);
    }

    /** Runs a sandbox parser, naming the flag in its error. */
    private static <T> T parse(String flag, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (LandfallException e) {
            throw LandfallException.usage(flag + " " + e.getMessage(), e.hint().orElse(null));
        }
    }

    private static <T> List<T> all(String flag, List<String> texts, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String text : texts) {
            out.add(parse(flag, text, parser));
        }
        return out;
    }

    // The file holds the token: AtomicFile makes its temp file owner-only before writing, then renames it.
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
