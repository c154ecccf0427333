package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvLimits;
import dev.landfall.core.model.Scope;
import dev.landfall.core.report.Quoted;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One entry as one NDJSON line, shaped as a {@code wrangler kv bulk put} item for every scope kind:
 *
 * <pre>{"key":"k","value":"text or base64","base64":true,"expiration":1900000000,"metadata":{…}}</pre>
 *
 * {@code value} is the value's UTF-8 text when the bytes are valid UTF-8, otherwise their base64
 * (standard alphabet, padded) with {@code "base64":true}. {@code base64}, {@code expiration} and
 * {@code metadata} are left out when false or absent. Durable Object values (typed JSON in UTF-8)
 * are therefore a JSON string holding the typed-JSON text, kept byte for byte.
 */
final class EntryLines {
    private EntryLines() {}

    /** Writes the entry and a newline. */
    static void write(JsonGenerator g, Entry e) throws IOException {
        byte[] key = e.key().bytes();
        if (!Utf8.isValid(key)) {
            throw LandfallException.failed(
                    "key 0x" + HexFormat.of().formatHex(key) + " in "
                            + e.scope().describe() + " is not valid UTF-8 and cannot be written to a bundle",
                    "Cloudflare keys are strings; the source that produced this key has a bug");
        }
        KvLimits.violation(e).ifPresent(problem -> {
            throw LandfallException.failed(
                    "key " + Quoted.of(e.key().text()) + " in " + e.scope().describe()
                            + " cannot be written to a bundle: " + problem,
                    "Workers KV would refuse it too; fix or delete the key where it comes from");
        });
        byte[] value = e.value();
        boolean text = Utf8.isValid(value);
        g.writeStartObject();
        g.writeFieldName("key");
        g.writeUTF8String(key, 0, key.length);
        g.writeFieldName("value");
        if (text) {
            g.writeUTF8String(value, 0, value.length);
        } else {
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, value, 0, value.length);
            g.writeBooleanField("base64", true);
        }
        if (e.expiration() != null) {
            g.writeNumberField("expiration", e.expiration());
        }
        if (e.metadataJson() != null) {
            g.writeFieldName("metadata");
            try {
                BundleJson.copyText(e.metadataJson(), g);
            } catch (JsonParseException ex) {
                throw LandfallException.failed(
                        "metadata of key '" + e.key() + "' in " + e.scope().describe() + " is not valid JSON: "
                                + JsonProblem.describe(ex),
                        "the source produced metadata that is not JSON; this is a bug in that source",
                        ex);
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /**
     * Reads the entry whose {@code START_OBJECT} the parser is on; leaves it on the {@code
     * END_OBJECT}.
     *
     * @throws JsonParseException at the offending token when the line is not a valid entry
     */
    static Entry read(JsonParser p, Scope scope) throws IOException {
        return read(p, scope, null);
    }

    /**
     * As {@link #read(JsonParser, Scope)}, and also accepts wrangler's {@code expiration_ttl}
     * (seconds from now) when {@code ttlBase} (now, in epoch seconds) is given.
     */
    static Entry read(JsonParser p, Scope scope, Long ttlBase) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected an entry object, found " + p.currentToken());
        }
        JsonLocation start = p.currentTokenLocation();
        byte[] key = null;
        byte[] value = null;
        Boolean base64 = null;
        Long expiration = null;
        String metadata = null;
        boolean seenExpiration = false;
        boolean seenMetadata = false;
        Long ttl = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "key" -> {
                    duplicate(p, key != null, name);
                    key = text(p, t, name);
                }
                case "value" -> {
                    duplicate(p, value != null, name);
                    value = text(p, t, name);
                }
                case "base64" -> {
                    duplicate(p, base64 != null, name);
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw new JsonParseException(p, "base64 must be true or false");
                    }
                    base64 = t == JsonToken.VALUE_TRUE;
                }
                case "expiration" -> {
                    duplicate(p, seenExpiration, name);
                    seenExpiration = true;
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        throw new JsonParseException(p, "expiration must be an integer (epoch seconds)");
                    }
                    expiration = p.getLongValue();
                }
                case "metadata" -> {
                    duplicate(p, seenMetadata, name);
                    seenMetadata = true;
                    metadata = BundleJson.compact(p);
                }
                case "expiration_ttl" -> {
                    if (ttlBase == null) {
                        throw new JsonParseException(p, "unknown field '" + name + "'");
                    }
                    duplicate(p, ttl != null, name);
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                        throw new JsonParseException(p, "expiration_ttl must be a whole number of seconds");
                    }
                    ttl = p.getLongValue();
                    String tooShort = KvLimits.ttlViolation(ttl).orElse(null);
                    if (tooShort != null) {
                        throw new KvLimitBreach(p, tooShort, p.currentTokenLocation());
                    }
                }
                default -> throw new JsonParseException(p, "unknown field '" + name + "'");
            }
        }
        if (key == null) {
            throw new JsonParseException(p, "entry has no key");
        }
        if (value == null) {
            throw new JsonParseException(p, "entry has no value");
        }
        if (ttl != null) {
            if (seenExpiration) {
                throw new JsonParseException(p, "give expiration or expiration_ttl, not both");
            }
            expiration = ttlBase + ttl;
        }
        if (Boolean.TRUE.equals(base64)) {
            try {
                value = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(p, "value is not valid base64: " + e.getMessage());
            }
        }
        Entry entry = new Entry(scope, Key.ofBytes(key), value, metadata, expiration);
        String problem = KvLimits.violation(entry).orElse(null);
        if (problem != null) {
            // Named at the item's first line: in a pretty-printed wrangler file the key is there.
            throw new KvLimitBreach(p, problem, start);
        }
        return entry;
    }

    private static byte[] text(JsonParser p, JsonToken t, String name) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, name + " must be a string");
        }
        try {
            return Utf8.encode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(p, name + " is not valid Unicode text (" + e.getMessage() + ")");
        }
    }

    private static void duplicate(JsonParser p, boolean seen, String name) throws JsonParseException {
        if (seen) {
            throw new JsonParseException(p, "field '" + name + "' appears twice");
        }
    }
}
