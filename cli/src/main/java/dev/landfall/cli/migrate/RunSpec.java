package dev.landfall.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.cli.option.WriteModeConverter;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.spi.WriteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a migration run was asked to do, kept in its run directory so {@code --resume DIR} continues
 * with exactly the same source, store, mode and selection. The store URI is kept with its password
 * masked: a resumed run takes the password from {@code --to} again or from the environment.
 *
 * @param from the source as given
 * @param to the store, password masked
 * @param mode the write mode
 * @param kv the {@code --kv} selection
 * @param durableObjects the {@code --do} selection
 * @param bundle the bundle directory the source is exported into (a Cloudflare source), or null
 */
public record RunSpec(
        String from, String to, WriteMode mode, List<String> kv, List<String> durableObjects, String bundle) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mode, "mode");
        kv = List.copyOf(kv);
        durableObjects = List.copyOf(durableObjects);
    }

    /** Whether the source is a Cloudflare account (exported into a bundle first). */
    public boolean fromCloudflare() {
        return from.startsWith("cloudflare:");
    }

    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 1);
        n.put("from", from);
        n.put("to", StoreUri.parse(to).toString());
        n.put("mode", WriteModeConverter.name(mode));
        ArrayNode k = n.putArray("kv");
        kv.forEach(k::add);
        ArrayNode d = n.putArray("do");
        durableObjects.forEach(d::add);
        if (bundle != null) {
            n.put("bundle", bundle);
        }
        return n.toPrettyString() + "\n";
    }

    static RunSpec fromJson(String text, String where) {
        try {
            JsonNode n = JSON.readTree(text);
            List<String> kv = new ArrayList<>();
            n.path("kv").forEach(x -> kv.add(x.asText()));
            List<String> dos = new ArrayList<>();
            n.path("do").forEach(x -> dos.add(x.asText()));
            return new RunSpec(
                    n.get("from").asText(),
                    n.get("to").asText(),
                    new WriteModeConverter().convert(n.get("mode").asText()),
                    kv,
                    dos,
                    n.hasNonNull("bundle") ? n.get("bundle").asText() : null);
        } catch (Exception e) {
            throw LandfallException.usage(
                    where + " is not a run description: " + e.getMessage(),
                    "give --resume the run directory an earlier 'landfall migrate' wrote");
        }
    }
}
