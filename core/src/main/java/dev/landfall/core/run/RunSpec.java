package dev.landfall.core.run;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.text.JsonEscapes;
import dev.landfall.core.time.RequestBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a migration run was asked to do: the {@link Migrator}'s options, kept in its run directory
 * so {@code --resume DIR} continues with exactly the same source, source options (budget
 * included), store, mode, selection and batch size. Locations are kept with passwords masked: a
 * resumed run takes a password from the flag given again, or from the store's own sources.
 *
 * @param from the source, password masked
 * @param to the store, password masked
 * @param mode the write mode
 * @param source the source options ({@code --kv}, {@code --do}, {@code --via}, budget, …); the
 *     trace is not kept
 * @param bundle where a remote source is exported first, or null for a local source read directly
 * @param batch entries per store transaction
 * @param followWindowMillis for a run that follows the source's change log ({@code --follow}), its
 *     consistency window in milliseconds; null for a run that does not
 */
public record RunSpec(
        String from,
        String to,
        WriteMode mode,
        SourceOptions source,
        String bundle,
        int batch,
        Long followWindowMillis) {
    private static final ObjectMapper JSON = new ObjectMapper(
            new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build());

    /** Entries per store transaction when not given. */
    public static final int DEFAULT_BATCH = 10_000;

    public RunSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
        if (batch < 1 || batch > 1_000_000) {
            throw LandfallException.usage("--batch " + batch + " is out of range", "use 1..1000000");
        }
    }

    /** A run that does not follow a change log. */
    public RunSpec(String from, String to, WriteMode mode, SourceOptions source, String bundle, int batch) {
        this(from, to, mode, source, bundle, batch, null);
    }

    /** Whether the run follows the source's change log after the full load. */
    public boolean follows() {
        return followWindowMillis != null;
    }

    /** Whether the source is exported into {@link #bundle()} before the import. */
    public boolean staged() {
        return bundle != null;
    }

    /**
     * The location a resumed run uses: the one given again (which must be the run's), or the run's
     * own. A password the run masked is dropped, so the store's own sources of passwords
     * (PGPASSWORD, ~/.pgpass) apply.
     *
     * @param flag the option, for messages
     * @param given the location given again, or null
     * @param kept the run's location, masked
     */
    public static String resumeLocation(String flag, String given, String kept) {
        if (given != null) {
            if (!StoreUri.parse(given).toString().equals(kept)) {
                throw LandfallException.usage(
                        flag + " " + StoreUri.parse(given) + " is not the run's " + kept,
                        "give the same location (only to supply its password), or start a new run");
            }
            return given;
        }
        return kept.replaceFirst("^([a-z]+://[^:/@]*):\\*\\*\\*\\*@", "$1@");
    }

    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 1);
        n.put("from", from);
        n.put("to", StoreUri.parse(to).toString());
        n.put("mode", mode.flag());
        ArrayNode k = n.putArray("kv");
        source.kv().forEach(k::add);
        ArrayNode d = n.putArray("do");
        source.durableObjects().forEach(d::add);
        if (!source.prefix().isEmpty()) {
            n.put("prefix", source.prefix());
        }
        n.put("via", source.via().name().toLowerCase(java.util.Locale.ROOT));
        source.exportWorker().ifPresent(w -> n.put("exportWorker", w));
        n.put("concurrency", source.concurrency());
        n.put("apiBudget", source.budget().spec());
        n.put("batch", batch);
        if (bundle != null) {
            n.put("bundle", bundle);
        }
        if (followWindowMillis != null) {
            n.put("followWindowMillis", followWindowMillis);
        }
        // Through JSON's writer, not toPrettyString(): that one ignores the escapes, and a namespace
        // title with a bidirectional override would sit raw in run.json.
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a run description; runs written before the source options were kept get the defaults. */
    static RunSpec fromJson(String text, String where) {
        try {
            JsonNode n = JSON.readTree(text);
            List<String> kv = new ArrayList<>();
            n.path("kv").forEach(x -> kv.add(x.asText()));
            List<String> dos = new ArrayList<>();
            n.path("do").forEach(x -> dos.add(x.asText()));
            SourceOptions d = SourceOptions.DEFAULTS;
            SourceOptions source = new SourceOptions(
                    kv,
                    dos,
                    n.path("prefix").asText(""),
                    SourceOptions.Via.valueOf(n.path("via").asText("rest").toUpperCase(java.util.Locale.ROOT)),
                    Optional.ofNullable(
                            n.hasNonNull("exportWorker") ? n.get("exportWorker").asText() : null),
                    n.path("concurrency").asInt(d.concurrency()),
                    n.hasNonNull("apiBudget")
                            ? RequestBudget.parse(n.get("apiBudget").asText())
                            : d.budget(),
                    d.trace());
            return new RunSpec(
                    n.get("from").asText(),
                    n.get("to").asText(),
                    WriteMode.parse(n.get("mode").asText()),
                    source,
                    n.hasNonNull("bundle") ? n.get("bundle").asText() : null,
                    n.path("batch").asInt(DEFAULT_BATCH),
                    n.hasNonNull("followWindowMillis")
                            ? n.get("followWindowMillis").asLong()
                            : null);
        } catch (RuntimeException | java.io.IOException e) {
            throw LandfallException.usage(
                    where + " is not a run description: " + e.getMessage(),
                    "give --resume the run directory an earlier 'landfall migrate' wrote");
        }
    }
}
