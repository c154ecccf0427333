package dev.landfall.core.checkpoint;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.AtomicFile;
import dev.landfall.core.text.JsonEscapes;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The follower's journal: where each change-log shard was when the run began (its epoch), and the
 * last change applied and committed in the store, per shard. One JSON object a line, fsynced after
 * each append; a torn last line (a crash mid-append) is cut off on open. A position is appended
 * only after the store holds everything up to it, so a resumed follower re-reads at most the
 * changes of one batch, and re-reading a change writes the same state again.
 *
 * <p>Lines: {@code {"start":{"shards":N,"windowMillis":W,"account":ID,"startedAt":MS},"at":ISO}},
 * {@code {"shard":I,"epoch":E,"position":SEQ,"at":ISO}} and {@code {"loaded":true,"at":ISO}} once
 * the full load is done. Not thread-safe.
 */
public final class FollowJournal implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
            .characterEscapes(new JsonEscapes())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build());

    /**
     * What a follow run began with.
     *
     * @param shards the log's shard count
     * @param windowMillis how long after a change its key is re-read (the source's consistency window)
     * @param account the account the log belongs to
     * @param startedAtMillis when the run began, by the log's clock
     */
    public record Start(int shards, long windowMillis, String account, long startedAtMillis) {
        public Start {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * A shard's committed place.
     *
     * @param epoch the shard's epoch when the run began
     * @param seq the last change applied, 0 before any
     */
    public record Position(String epoch, long seq) {
        public Position {
            Objects.requireNonNull(epoch, "epoch");
        }
    }

    private final Path file;
    private final Clock clock;
    private final Map<Integer, Position> positions = new TreeMap<>();
    private Start start;
    private boolean loaded;
    /** Opened last in the constructor: reading it fills the fields above. */
    private final JournalFile lines;

    private FollowJournal(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.lines = JournalFile.open(file, this::read);
    }

    /** Whether a follow journal has begun at {@code file}. */
    public static boolean existsAt(Path file) {
        return Files.isRegularFile(file);
    }

    /**
     * Writes a new journal at {@code file} holding the run's beginning: the log's layout and every
     * shard's epoch at position 0. The file appears whole or not at all, so a run killed while it
     * began has no journal and begins again.
     *
     * @throws IllegalStateException when a journal exists there already
     */
    public static void begin(Path file, Start begun, Map<Integer, String> epochs, Clock clock) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalStateException("the follow journal " + file + " has begun already");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ObjectNode s = JSON.createObjectNode();
        s.putObject("start")
                .put("shards", begun.shards())
                .put("windowMillis", begun.windowMillis())
                .put("account", begun.account())
                .put("startedAt", begun.startedAtMillis());
        line(buf, s, clock);
        Map<Integer, Position> first = new TreeMap<>();
        epochs.forEach((shard, epoch) -> first.put(shard, new Position(epoch, 0)));
        positionLines(buf, first, clock);
        AtomicFile.write(file, buf.toByteArray());
    }

    /** Opens the journal at {@code file}, which {@link #begin} wrote, and reads it. */
    public static FollowJournal open(Path file, Clock clock) throws IOException {
        if (!Files.exists(file)) {
            throw LandfallException.failed(
                    "the run has not begun following: " + file + " does not exist",
                    "continue it with landfall migrate --resume DIR, which begins it");
        }
        return new FollowJournal(file, clock);
    }

    /** What the run began with; empty before {@link #begin}. */
    public Optional<Start> start() {
        return Optional.ofNullable(start);
    }

    /** Each shard's committed place. */
    public Map<Integer, Position> positions() {
        return Map.copyOf(positions);
    }

    /** Whether the full load finished. */
    public boolean loaded() {
        return loaded;
    }

    /** Records positions whose changes the store holds durably; returns once they are on disk. */
    public void commit(Map<Integer, Position> advanced) throws IOException {
        if (advanced.isEmpty()) {
            return;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        positionLines(buf, new TreeMap<>(advanced), clock);
        write(buf);
        positions.putAll(advanced);
    }

    /** Records that the full load finished, so a resumed run goes straight to following. */
    public void markLoaded() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        line(buf, JSON.createObjectNode().put("loaded", true), clock);
        write(buf);
        loaded = true;
    }

    /** The journal file, for messages. */
    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private static void positionLines(ByteArrayOutputStream buf, Map<Integer, Position> lines, Clock clock)
            throws IOException {
        for (Map.Entry<Integer, Position> e : lines.entrySet()) {
            line(
                    buf,
                    JSON.createObjectNode()
                            .put("shard", e.getKey())
                            .put("epoch", e.getValue().epoch())
                            .put("position", e.getValue().seq()),
                    clock);
        }
    }

    private static void line(ByteArrayOutputStream buf, ObjectNode node, Clock clock) throws IOException {
        node.put("at", clock.instant().toString());
        buf.write(JSON.writeValueAsBytes(node));
        buf.write('\n');
    }

    private void write(ByteArrayOutputStream buf) throws IOException {
        lines.append(buf.toByteArray());
        lines.force();
    }

    private void read(String text, int lineNo) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.has("start")) {
                JsonNode s = n.get("start");
                start = new Start(
                        s.get("shards").asInt(),
                        s.get("windowMillis").asLong(),
                        s.get("account").asText(),
                        s.get("startedAt").asLong());
            } else if (n.has("shard")) {
                positions.put(
                        n.get("shard").asInt(),
                        new Position(n.get("epoch").asText(), n.get("position").asLong()));
            } else if (n.path("loaded").asBoolean(false)) {
                loaded = true;
            } else {
                throw new IllegalArgumentException("neither a start, a position nor a loaded mark");
            }
        } catch (IOException | RuntimeException e) {
            throw LandfallException.failed(
                    file + " line " + lineNo + " is damaged (" + e.getMessage() + ")",
                    "the journal was changed by hand or its disk failed; start a new run");
        }
    }
}
