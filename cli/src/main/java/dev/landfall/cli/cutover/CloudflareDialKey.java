package dev.landfall.cli.cutover;

import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.ValueRead;
import dev.landfall.core.model.Key;
import dev.landfall.infra.cutover.DialKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/** The edge split's dial key, read and written through the Cloudflare API. */
public final class CloudflareDialKey implements DialKey {
    /** The key the cutover Worker reads ({@code worker.js}'s DIAL_KEY). */
    public static final String KEY = "landfall-cutover";

    private final CloudflareClient client;
    private final String namespaceId;

    public CloudflareDialKey(CloudflareClient client, String namespaceId) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaceId = Objects.requireNonNull(namespaceId, "namespaceId");
    }

    @Override
    public String describe() {
        return "key " + KEY + " in kv namespace " + namespaceId;
    }

    @Override
    public Optional<byte[]> read() {
        try {
            return client.getValue(namespaceId, Key.of(KEY)).map(ValueRead::bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(byte[] value) {
        try {
            client.putValue(namespaceId, KEY, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
