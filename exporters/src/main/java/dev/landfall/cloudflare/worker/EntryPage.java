package dev.landfall.cloudflare.worker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a Durable Object's storage, in key order.
 *
 * @param entries the entries
 * @param next the key to read after for the next page; empty at the end
 */
public record EntryPage(List<ExportedEntry> entries, Optional<String> next) {
    public EntryPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }
}
