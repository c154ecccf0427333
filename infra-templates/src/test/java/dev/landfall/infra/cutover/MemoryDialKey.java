package dev.landfall.infra.cutover;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A dial key held in memory, standing for the KV key behind the Cloudflare API. */
final class MemoryDialKey implements DialKey {
    private byte[] value;
    private int writes;

    MemoryDialKey() {}

    MemoryDialKey(String json) {
        this.value = json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "key landfall-cutover in memory";
    }

    @Override
    public Optional<byte[]> read() {
        return Optional.ofNullable(value);
    }

    @Override
    public void write(byte[] value) {
        this.value = value.clone();
        writes++;
    }

    String text() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    int writes() {
        return writes;
    }
}
