package dev.landfall.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What Workers KV accepts, as Cloudflare documents it (kv/platform/limits, and the key rules of the
 * REST API): a key of 1 to 512 UTF-8 bytes that is not {@code .} or {@code ..}, a value of at most
 * 25 MiB, metadata of at most 1024 bytes serialized as JSON, and an {@code expiration_ttl} of at
 * least 60 seconds. Every reader of KV entries (wrangler files, bundles, stores read as a source)
 * holds its entries to these limits, so nothing Cloudflare would refuse reaches a store or a bundle.
 *
 * <p>Durable Object storage has other limits and is not checked here. {@link KvRefusals} refuses
 * a write that breaks them with Cloudflare's status and error code, for the sandbox and serve.
 */
public final class KvLimits {
    /** Longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 512;
    /** Largest value, in bytes (25 MiB). */
    public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    /** Largest metadata, in bytes of its compact JSON serialization. */
    public static final int MAX_METADATA_BYTES = 1024;
    /** Shortest {@code expiration_ttl} a write may give, in seconds. */
    public static final int MIN_TTL_SECONDS = 60;
    /** The most pairs one bulk write, and keys one bulk delete, may hold. */
    public static final int MAX_BULK_WRITE_ITEMS = 10_000;
    /** The largest bulk write request body, in bytes (100 MB). */
    public static final long MAX_BULK_WRITE_BYTES = 100L * 1000 * 1000;

    private static final JsonFactory JSON = new JsonFactory();

    private KvLimits() {}

    /**
     * The limit a KV entry breaks, as one phrase that names the limit (the first one broken), or
     * empty when the entry is within all of them; always empty for a Durable Object entry.
     */
    public static Optional<String> violation(Entry entry) {
        if (!(entry.scope() instanceof KvNamespace)) {
            return Optional.empty();
        }
        Optional<String> key = keyViolation(entry.key());
        if (key.isPresent()) {
            return key;
        }
        if (entry.value().length > MAX_VALUE_BYTES) {
            return Optional.of("the value is " + entry.value().length + " bytes, over Workers KV's limit of "
                    + MAX_VALUE_BYTES + " bytes (25 MiB)");
        }
        if (entry.metadataJson() != null && mayExceedMetadataLimit(entry.metadataJson())) {
            long size = serializedSize(entry.metadataJson());
            if (size > MAX_METADATA_BYTES) {
                return Optional.of("the metadata is " + size + " bytes serialized, over Workers KV's limit of "
                        + MAX_METADATA_BYTES + " bytes");
            }
        }
        return Optional.empty();
    }

    /** The limit a KV key breaks, as one phrase, or empty when Workers KV accepts it. */
    public static Optional<String> keyViolation(Key key) {
        if (key.size() == 0) {
            return Optional.of("the key is empty; Workers KV keys are 1 to " + MAX_KEY_BYTES + " bytes");
        }
        if (key.size() > MAX_KEY_BYTES) {
            return Optional.of("the key is " + key.size() + " bytes, over Workers KV's limit of " + MAX_KEY_BYTES
                    + " bytes (UTF-8)");
        }
        if (isDotOrDotDot(key.bytes())) {
            return Optional.of("the key is '" + key.text() + "', which Workers KV does not allow ('.' and '..')");
        }
        return Optional.empty();
    }

    // On the bytes: this runs for every entry read, and the key's text would be built only to compare it.
    private static boolean isDotOrDotDot(byte[] key) {
        return (key.length == 1 || key.length == 2) && key[0] == '.' && key[key.length - 1] == '.';
    }

    /**
     * Whether the metadata's serialization may be over the limit, by a bound on it from the text
     * alone: most metadata is far below the limit, and {@link #serializedSize} builds a parser and
     * a generator. Written compact, a character takes at most as many bytes as it does in the text
     * (escapes stay as short or get shorter, whitespace goes, numbers keep their text) except a
     * surrogate, which the generator writes as a 6-byte escape: so 1 byte for ASCII, 2 below
     * U+0800, 6 for a surrogate, else 3.
     */
    private static boolean mayExceedMetadataLimit(String json) {
        int chars = json.length();
        if ((long) chars * 6 <= MAX_METADATA_BYTES) {
            return false;
        }
        long bound = 0;
        for (int i = 0; i < chars && bound <= MAX_METADATA_BYTES; i++) {
            char c = json.charAt(i);
            bound += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 6 : 3;
        }
        return bound > MAX_METADATA_BYTES;
    }

    /** The limit an {@code expiration_ttl} breaks, as one phrase, or empty when it is long enough. */
    public static Optional<String> ttlViolation(long seconds) {
        if (seconds < MIN_TTL_SECONDS) {
            return Optional.of(
                    "expiration_ttl " + seconds + " is under Workers KV's minimum of " + MIN_TTL_SECONDS + " seconds");
        }
        return Optional.empty();
    }

    /**
     * Bytes of the metadata written as compact JSON, the form Cloudflare measures; numbers keep
     * their text, so whitespace a store added (PostgreSQL's {@code jsonb} prints some) does not count.
     * Text that is not JSON counts as it is: whoever reads it reports that it is not JSON.
     */
    private static long serializedSize(String json) {
        CountingStream counter = new CountingStream();
        try (JsonParser p = JSON.createParser(json);
                JsonGenerator g = JSON.createGenerator(counter)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    g.writeNumber(p.getText());
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        } catch (IOException notJson) {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
