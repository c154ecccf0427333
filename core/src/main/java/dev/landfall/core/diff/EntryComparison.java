package dev.landfall.core.diff;

import dev.landfall.core.digest.CanonicalJson;
import dev.landfall.core.model.Entry;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether two entries of one key are the same as far as the digests are concerned: equal value
 * bytes, equal expiration, and metadata equal as JSON values (so a store that keeps metadata with
 * other spacing never shows as changed, and plan and verify always agree).
 */
final class EntryComparison {
    private EntryComparison() {}

    static boolean same(Entry a, Entry b) {
        return Arrays.equals(a.value(), b.value())
                && Objects.equals(a.expiration(), b.expiration())
                && sameMetadata(a.metadataJson(), b.metadataJson());
    }

    static boolean sameMetadata(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        // Only reached when the texts differ, which is rare: canonicalising every pair would cost.
        return CanonicalJson.canonicalize(a).equals(CanonicalJson.canonicalize(b));
    }
}
