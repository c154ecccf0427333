package dev.landfall.core.codec;

import dev.landfall.core.model.KvLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A KV value write sent as Cloudflare's {@code multipart/form-data}: the {@code value} part, which
 * must be there, and the {@code metadata} part, if any; or, through {@link #readBody}, a body that
 * is the raw value with no metadata. The sandbox and {@code landfall serve} both take it; each
 * turns {@link Multipart.Malformed} into its own 400 answer.
 *
 * @param value the value part's bytes, owned
 * @param metadata the metadata part as text, unchecked
 */
public record KvWriteForm(byte[] value, Optional<String> metadata) {
    /** Room a form takes beyond its value: boundaries, part headers and the metadata part. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024 + KvLimits.MAX_METADATA_BYTES;

    /** Reads the request body, once the Content-Type has shown itself to be a form. */
    @FunctionalInterface
    public interface Body {
        byte[] read() throws IOException;
    }

    /** Reads the request body up to a limit, refusing a longer one with a message that starts with {@code what}. */
    @FunctionalInterface
    public interface LimitedBody {
        byte[] read(long limit, String what) throws IOException;
    }

    /**
     * Reads a KV value write's body, as a form when the Content-Type says so and as the raw value
     * otherwise: a raw value of at most {@link KvLimits#MAX_VALUE_BYTES} ("Value length"), a form of
     * at most that plus room for its boundaries and metadata ("The request body").
     *
     * @throws Multipart.Malformed as {@link #read}, for a form
     */
    public static KvWriteForm readBody(String contentType, LimitedBody body) throws IOException {
        if (!Multipart.isFormData(contentType)) {
            return new KvWriteForm(body.read(KvLimits.MAX_VALUE_BYTES, "Value length"), Optional.empty());
        }
        return read(contentType, () -> body.read(KvLimits.MAX_VALUE_BYTES + MULTIPART_OVERHEAD, "The request body"));
    }

    /**
     * Reads a form: the boundary is checked before the body is read.
     *
     * @throws Multipart.Malformed for a Content-Type without a boundary, a malformed body or one
     *     without a value part
     */
    public static KvWriteForm read(String contentType, Body body) throws IOException {
        String boundary = Multipart.boundary(contentType);
        List<Multipart.Part> parts = Multipart.parse(body.read(), boundary);
        byte[] value = Multipart.find(parts, "value")
                .orElseThrow(() -> new Multipart.Malformed("The multipart body has no \"value\" part."))
                .body();
        return new KvWriteForm(
                value, Multipart.find(parts, "metadata").map(p -> new String(p.body(), StandardCharsets.UTF_8)));
    }
}
