package dev.landfall.cloudflare.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/**
 * One entry as an item of a bulk write (cloudflare-api.md §2.8), the shape of {@code wrangler kv
 * bulk put}: {@code key}, {@code value} as text when the bytes are valid UTF-8 and as {@code
 * base64: true} otherwise (either way Cloudflare stores exactly the bytes), {@code metadata} as
 * the entry's JSON text, {@code expiration} as the entry's absolute second. Never {@code
 * expiration_ttl}: a TTL would move the expiry by however long the request took.
 */
final class BulkItems {
    private static final JsonFactory JSON = new JsonFactory();

    private BulkItems() {}

    /** The item's JSON bytes. */
    static byte[] encode(Entry e) throws IOException {
        String text = Utf8.text(e.value()).orElse(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.key().size() + e.value().length * 4 / 3 + 64);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("key", e.key().text());
            if (text != null) {
                g.writeStringField("value", text);
            } else {
                g.writeStringField("value", Base64.getEncoder().encodeToString(e.value()));
                g.writeBooleanField("base64", true);
            }
            if (e.metadataJson() != null) {
                g.writeFieldName("metadata");
                // The stores and bundles checked it is JSON when they read it; written as it is, so
                // numbers keep their digits.
                g.writeRawValue(e.metadataJson());
            }
            if (e.expiration() != null) {
                g.writeNumberField("expiration", e.expiration());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
