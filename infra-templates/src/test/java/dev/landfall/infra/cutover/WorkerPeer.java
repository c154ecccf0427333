package dev.landfall.infra.cutover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cutover Worker running in Miniflare ({@code src/test/node/cutover-peer.mjs}), with a line
 * protocol on stdin to set the dial key in its KV namespace.
 */
public final class WorkerPeer implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final URI url;
    private final Path log;

    private WorkerPeer(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = answers.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IllegalStateException("miniflare did not start: " + Files.readString(log));
        }
        this.url = URI.create(ready.substring("ready ".length()));
    }

    /** Starts the Worker with the old side reached by service binding or by URL. */
    static WorkerPeer start(URI oldOrigin, URI newOrigin, String sticky, boolean oldAsBinding) throws IOException {
        return start(oldOrigin, newOrigin, sticky, oldAsBinding, Map.of(), true);
    }

    /**
     * Starts the Worker with extra {@code vars} (the write rules, {@code LANDFALL_CUTOVER_SECRET})
     * and, if {@code gate}, the write gate bound as the generated wrangler.toml binds it.
     */
    public static WorkerPeer start(
            URI oldOrigin, URI newOrigin, String sticky, boolean oldAsBinding, Map<String, String> vars, boolean gate)
            throws IOException {
        ObjectNode options = new ObjectMapper().createObjectNode();
        vars.forEach(options.putObject("vars")::put);
        options.put("gate", gate);
        Path peers = TestPeers.locate();
        Path persist = Files.createTempDirectory("landfall-cutover-mf");
        Path log = persist.resolve("miniflare.log");
        Path module = moduleDir();
        ProcessBuilder builder = new ProcessBuilder(
                        "node",
                        module.resolve("src/test/node/cutover-peer.mjs").toString(),
                        module.resolve("src/main/resources/dev/landfall/infra/cutover/worker.js")
                                .toString(),
                        oldOrigin.toString(),
                        newOrigin.toString(),
                        sticky,
                        persist.toString(),
                        oldAsBinding ? "binding" : "url",
                        options.toString())
                .redirectError(log.toFile());
        builder.environment().put("LANDFALL_TEST_PEERS", peers.toString());
        return new WorkerPeer(builder.start(), log);
    }

    /**
     * The infra-templates module's directory: the working directory of its own tests, a sibling
     * of it for another module's (the cli's live-migration test).
     */
    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir, dir.resolve("infra-templates")}) {
                if (Files.isRegularFile(candidate.resolve("src/test/node/cutover-peer.mjs"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no infra-templates/src/test/node/cutover-peer.mjs above " + here);
    }

    public URI url() {
        return url;
    }

    /** Writes {@code json} as the dial key, as {@code landfall cutover} does through the API. */
    public void dial(String json) throws IOException {
        commands.write("dial " + json + "\n");
        commands.flush();
        String answer = answers.readLine();
        if (!"ok".equals(answer)) {
            throw new IllegalStateException("dial not set: " + answer + "; " + Files.readString(log));
        }
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
