package dev.landfall.core.status;

import java.util.Map;

/** A status source whose snapshot a test sets. */
final class FakeStatusSource implements StatusSource {
    private volatile Status status;
    private volatile Map<String, String> flags;

    FakeStatusSource(Status status, Map<String, String> flags) {
        this.status = status;
        this.flags = flags;
    }

    void set(Status status) {
        this.status = status;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
