package dev.landfall.infra.cutover;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The value of the edge split's dial key, {@code {"version":1,"percent":P,"shadow":S}} plus, for
 * the read split, {@code "split":true} and {@code "writes":"old"|"gate"|"new"}. Changing one member
 * keeps the others, including members this release does not know, so the cutover's steps and the
 * migration's switch can each set their part of one key. A value without {@code split} is written
 * byte for byte as before the read split existed.
 *
 * @param percent share of stickiness buckets on the new backend (of reads only, with the read split on)
 * @param shadow share of the requests kept on the old side that are mirrored to the new backend
 * @param split whether percent and shadow move reads only, writes following {@code writes}
 * @param writes where writes go while the read split is on
 * @param others the members this release does not know, kept as read
 */
public record DialValue(double percent, double shadow, boolean split, WriteRoute writes, Map<String, JsonNode> others) {
    /** What a missing key means to the Worker: 0 %, no shadow, no read split. */
    public static final DialValue EMPTY = new DialValue(0, 0, false, WriteRoute.OLD, Map.of());

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final Set<String> KNOWN = Set.of("version", "percent", "shadow", "split", "writes");

    public DialValue {
        Objects.requireNonNull(writes, "writes");
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    /**
     * Reads a key's value as the Worker does: a missing number is 0, {@code split} is on only when
     * it is {@code true}, and a {@code writes} that names no route (or none) means old.
     *
     * @throws IllegalArgumentException when it is not JSON (the Worker then reads 0 %, as it reads any
     *     JSON but an object)
     */
    public static DialValue parse(byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        JsonNode writes = node.path("writes");
        WriteRoute route = writes.isTextual()
                ? JsonEnum.parse(WriteRoute.class, writes.textValue()).orElse(WriteRoute.OLD)
                : WriteRoute.OLD;
        Map<String, JsonNode> others = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!KNOWN.contains(member.getKey())) {
                others.put(member.getKey(), member.getValue());
            }
        }
        return new DialValue(
                node.path("percent").asDouble(0),
                node.path("shadow").asDouble(0),
                node.path("split").isBoolean() && node.path("split").booleanValue(),
                route,
                others);
    }

    /**
     * The dial a key holds, for a change: a missing or unreadable key counts as {@link #EMPTY},
     * which is what the Worker makes of it.
     */
    public static DialValue orEmpty(Optional<byte[]> value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        try {
            return parse(value.get());
        } catch (IllegalArgumentException e) {
            return EMPTY;
        }
    }

    /** This dial at {@code percent} with {@code shadow} mirrored, the rest kept. */
    public DialValue withTraffic(double percent, double shadow) {
        return new DialValue(percent, shadow, split, writes, others);
    }

    /**
     * This dial with the read split on or off.
     *
     * @throws LandfallException USAGE when turning it off while writes go anywhere but the old Worker
     */
    public DialValue withSplit(boolean on) {
        if (!on && writes != WriteRoute.OLD) {
            throw LandfallException.usage(
                    "the read split cannot be turned off while the dial sends writes to " + writes.json()
                            + ": every write would follow the percentage again",
                    "send writes back to old first (the dial's writes member), or keep the read split on");
        }
        return new DialValue(percent, shadow, on, writes, others);
    }

    /**
     * This dial with writes sent by {@code route}.
     *
     * @throws LandfallException USAGE when the read split is off, since the Worker then ignores it
     */
    public DialValue withWrites(WriteRoute route) {
        if (!split && route != WriteRoute.OLD) {
            throw LandfallException.usage(
                    "the dial's writes member counts only with the read split on (\"split\": true); without it"
                            + " every request follows the percentage",
                    "turn the read split on first (DialValue.withSplit(true)), then route writes");
        }
        return new DialValue(percent, shadow, split, route, others);
    }

    /**
     * The key's value: version, percent and shadow as always, then {@code split} and {@code writes}
     * only when they differ from what their absence means, then the members kept from the read.
     */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", 1);
        node.put("percent", new BigDecimal(Percent.format(percent)));
        node.put("shadow", new BigDecimal(Percent.format(shadow)));
        if (split) {
            node.put("split", true);
        }
        if (writes != WriteRoute.OLD) {
            node.put("writes", writes.json());
        }
        others.forEach(node::set);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }
}
