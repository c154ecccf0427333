package dev.landfall.serve;

import dev.landfall.core.spi.KvAccess.KeyInfo;
import java.util.List;

/**
 * One page of a key list, as Workers KV returns it.
 *
 * @param keys the keys, in unsigned UTF-8 byte order
 * @param listComplete true on the last page
 * @param cursor where the next page starts; empty on the last page
 */
public record KeyListing(List<KeyInfo> keys, boolean listComplete, String cursor) {
    public KeyListing {
        keys = List.copyOf(keys);
    }
}
