package dev.landfall.core.checkpoint;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.OwnerOnly;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.Checkpoint;
import dev.landfall.core.spi.RefusedValue;
import dev.landfall.core.text.JsonEscapes;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An append-only journal of committed checkpoints, one JSON object a line, fsynced after each
 * append. A checkpoint is appended only after the data before it is durable in the sink (STYLE.md
 * §3), so after a crash the last line of a scope says where to resume, and replaying from there
 * applies nothing twice in effect.
 *
 * <p>Lines: {@code {"scope":ID,"checkpoint":{"lastKey":BASE64,"position":{…}},"at":ISO}} and
 * {@code {"scope":ID,"done":true,"entries":N,"at":ISO}}; and {@code {"scope":ID,"refused":{…},"at":ISO}}
 * for a value the source could not carry. A torn last line (a crash mid-append) is ignored and cut
 * off on open. One journal holds what it needs per scope in memory, not per key (refused values
 * excepted: they are few, and every one must be reported).
 *
 * <p>Thread-safe: scopes copied at once ({@link dev.landfall.core.copy.ConcurrentCopy}) share it,
 * each line written whole. Their appends are committed as a group: each line is written under the
 * journal's lock but forced outside it, and one force makes every line written before it durable,
 * so threads that append together share an fsync instead of queueing for one each (on a small
 * machine the queue was most of the time of many small Durable Objects).
 */
public final class RunJournal implements Closeable {
    // Escaped to ASCII: a refused key may hold any UTF-16 string, a lone surrogate included, and
    // controls (DEL too) stay JSON escapes, so nothing in the file acts on a terminal.
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .characterEscapes(new JsonEscapes())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final Path file;
    private final Clock clock;
    private final Map<String, Checkpoint> last = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Map<String, RefusedValue> refused = new LinkedHashMap<>();
    private final Map<String, RefusedValue> pendingRefused = new LinkedHashMap<>();
    /** Held while forcing, never with {@code this}: appends go on while a force runs. */
    private final Object forcing = new Object();
    /** The file's length when the last completed force began: everything before it is durable. */
    private volatile long forcedThrough;
    /** Opened last in the constructor: reading it fills the maps above. */
    private final JournalFile lines;

    private RunJournal(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.lines = JournalFile.open(file, this::readLine);
    }

    /**
     * Opens the journal at {@code file}, creating it (owner-only) if it does not exist, and reads
     * what it holds.
     *
     * @throws LandfallException FAILED naming the file and line when a line before the last is
     *     damaged
     */
    public static RunJournal open(Path file, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        if (!Files.exists(file)) {
            // The journal's directory is often the bundle or run directory itself: owner-only too.
            OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnly.newFile(file).close();
        }
        return new RunJournal(file, clock);
    }

    /** Whether the journal holds anything at all. */
    public synchronized boolean isEmpty() {
        return last.isEmpty() && done.isEmpty() && refused.isEmpty();
    }

    /**
     * Records a value the source met and could not carry. It is written with the next checkpoint or
     * done mark, ahead of it and in the same write: a checkpoint past the value is never on disk
     * without it, and a value met after the last checkpoint is met again on resume.
     */
    public synchronized void refuse(RefusedValue value) {
        Objects.requireNonNull(value, "value");
        String id = refusalId(value);
        if (!refused.containsKey(id)) {
            pendingRefused.putIfAbsent(id, value);
        }
    }

    /**
     * Every value refused in this journal's runs, each once (by scope and key), in the order first
     * met; with those not yet written.
     */
    public synchronized List<RefusedValue> refused() {
        List<RefusedValue> all = new ArrayList<>(refused.values());
        all.addAll(pendingRefused.values());
        return List.copyOf(all);
    }

    /** The last committed checkpoint of the scope, or {@link Checkpoint#START}. */
    public synchronized Checkpoint lastCheckpoint(Scope scope) {
        return last.getOrDefault(scope.id(), Checkpoint.START);
    }

    /** Whether the scope was copied to its end and committed. */
    public synchronized boolean isDone(Scope scope) {
        return done.contains(scope.id());
    }

    /** Records a checkpoint whose data is already durable in the sink; returns once it is on disk. */
    public void append(Scope scope, Checkpoint checkpoint) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.isStart()) {
            return;
        }
        long end;
        synchronized (this) {
            end = writeCheckpoint(scope, checkpoint);
        }
        forceThrough(end);
    }

    /** Records that the scope is complete and committed in the sink; returns once it is on disk. */
    public void markDone(Scope scope, long entries) throws IOException {
        long end;
        synchronized (this) {
            end = write(scope, g -> {
                g.writeBooleanField("done", true);
                g.writeNumberField("entries", entries);
            });
            done.add(scope.id());
        }
        forceThrough(end);
    }

    private long writeCheckpoint(Scope scope, Checkpoint checkpoint) throws IOException {
        long end = write(scope, g -> {
            g.writeObjectFieldStart("checkpoint");
            if (checkpoint.lastKey() != null) {
                g.writeStringField(
                        "lastKey",
                        Base64.getEncoder().encodeToString(checkpoint.lastKey().bytes()));
            }
            g.writeObjectFieldStart("position");
            for (Map.Entry<String, Object> e : checkpoint.position().entrySet()) {
                g.writeFieldName(e.getKey());
                Object v = e.getValue();
                if (v instanceof String s) {
                    g.writeString(s);
                } else if (v instanceof Long l) {
                    g.writeNumber(l);
                } else {
                    g.writeBoolean((Boolean) v);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        });
        last.put(scope.id(), checkpoint);
        return end;
    }

    /**
     * Returns once the file is durable through {@code end}: at once when a force that began after
     * those bytes were written has completed, else after forcing it (for every thread waiting).
     */
    private void forceThrough(long end) throws IOException {
        if (forcedThrough >= end) {
            return;
        }
        synchronized (forcing) {
            if (forcedThrough >= end) {
                return; // the force this thread waited behind covered its line
            }
            forcedThrough = lines.force();
        }
    }

    /** The journal file, for messages. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        lines.close();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Appends the lines (pending refusals, then this one) and returns the file's new length. */
    private long write(Scope scope, Fields fields) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        for (RefusedValue v : pendingRefused.values()) {
            line(buf, v.scope(), g -> writeRefused(g, v));
        }
        line(buf, scope, fields);
        long end = lines.append(buf.toByteArray());
        refused.putAll(pendingRefused);
        pendingRefused.clear();
        return end;
    }

    private void line(ByteArrayOutputStream buf, Scope scope, Fields fields) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("scope", scope.id());
            fields.write(g);
            g.writeStringField("at", clock.instant().toString());
            g.writeEndObject();
        }
        buf.write('\n');
    }

    private static void writeRefused(JsonGenerator g, RefusedValue v) throws IOException {
        g.writeObjectFieldStart("refused");
        if (v.scope() instanceof DurableObject d) {
            g.writeStringField("kind", "do");
            g.writeStringField("namespace", d.namespaceId());
            g.writeStringField("object", d.objectId());
        } else if (v.scope() instanceof KvNamespace ns) {
            g.writeStringField("kind", "kv");
            g.writeStringField("namespace", ns.namespaceId());
            g.writeStringField("title", ns.title());
        }
        g.writeStringField("key", v.key());
        g.writeStringField("reason", v.reason());
        if (v.path().isPresent()) {
            g.writeStringField("path", v.path().get());
        }
        g.writeStringField("description", v.description());
        g.writeEndObject();
    }

    private static RefusedValue readRefused(JsonParser p) throws IOException {
        Map<String, String> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken().isStructStart()) {
                p.skipChildren();
            } else {
                f.put(name, p.getValueAsString());
            }
        }
        String namespace = Objects.requireNonNull(f.get("namespace"), "refused.namespace");
        Scope scope = switch (String.valueOf(f.get("kind"))) {
            case "do" -> new DurableObject(namespace, Objects.requireNonNull(f.get("object"), "refused.object"));
            case "kv" -> new KvNamespace(namespace, Objects.requireNonNull(f.get("title"), "refused.title"));
            default -> throw new IllegalArgumentException("refused.kind is neither do nor kv");
        };
        return new RefusedValue(
                scope,
                Objects.requireNonNull(f.get("key"), "refused.key"),
                Objects.requireNonNull(f.get("reason"), "refused.reason"),
                Optional.ofNullable(f.get("path")),
                Objects.requireNonNull(f.get("description"), "refused.description"));
    }

    private static String refusalId(RefusedValue v) {
        return v.scope().id() + "\n" + v.key();
    }

    private void readLine(String line, int lineNo) throws IOException {
        String scope = null;
        boolean isDone = false;
        Key lastKey = null;
        RefusedValue refusal = null;
        Map<String, Object> position = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, lineNo, "not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "scope" -> scope = p.getText();
                    case "done" -> isDone = p.getBooleanValue();
                    case "refused" -> refusal = readRefused(p);
                    case "checkpoint" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("lastKey")) {
                                lastKey = Key.ofBytes(Base64.getDecoder().decode(p.getText()));
                            } else if (field.equals("position")) {
                                readPosition(p, position, lineNo);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw damaged(lineNo, e.getMessage());
        }
        expect(scope != null, lineNo, "no scope");
        if (refusal != null) {
            refused.putIfAbsent(refusalId(refusal), refusal);
        } else if (isDone) {
            done.add(scope);
        } else {
            last.put(scope, new Checkpoint(lastKey, position));
        }
    }

    private void readPosition(JsonParser p, Map<String, Object> position, int lineNo) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (t) {
                case VALUE_STRING -> position.put(field, p.getText());
                case VALUE_NUMBER_INT -> position.put(field, p.getLongValue());
                case VALUE_TRUE, VALUE_FALSE -> position.put(field, p.getBooleanValue());
                default -> throw damaged(lineNo, "position value " + field + " is not a string, integer or boolean");
            }
        }
    }

    private void expect(boolean ok, int lineNo, String what) {
        if (!ok) {
            throw damaged(lineNo, what);
        }
    }

    private LandfallException damaged(int lineNo, String what) {
        return LandfallException.failed(
                "run journal " + file + " line " + lineNo + " is damaged: " + what,
                "restore the file, or start over with --force (this re-exports everything)");
    }
}
