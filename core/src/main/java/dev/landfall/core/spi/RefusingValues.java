package dev.landfall.core.spi;

import java.util.List;

/**
 * An optional ability of sources that may meet values they cannot carry (a Durable Object value
 * the export Worker cannot encode): they skip them, never silently, and list them here.
 */
public interface RefusingValues {
    /** The values skipped so far, in the order met. */
    List<RefusedValue> refused();

    /** The refused values of a source, empty where it refuses none. */
    static List<RefusedValue> of(Source source) {
        return source instanceof RefusingValues r ? r.refused() : List.of();
    }
}
