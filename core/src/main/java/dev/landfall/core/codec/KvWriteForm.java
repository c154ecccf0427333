package dev.landfall.core.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A KV value write sent as Cloudflare's {@code multipart/form-data}: the {@code value} part, which
 * must be there, and the {@code metadata} part, if any. The sandbox and {@code landfall serve} both
 * take it; each turns {@link Multipart.Malformed} into its own 400 answer.
 *
 * @param value the value part's bytes, owned
 * @param metadata the metadata part as text, unchecked
 */
public record KvWriteForm(byte[] value, Optional<String> metadata) {
    /** Reads the request body, once the Content-Type has shown itself to be a form. */
    @FunctionalInterface
    public interface Body {
        byte[] read() throws IOException;
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
