package dev.landfall.core.diff;

/**
 * One changed key as a plan shows it.
 *
 * @param kind create, update or delete
 * @param key the key as text
 * @param before the store's side, or null for a create
 * @param after the source's side, or null for a delete
 */
public record KeyDetail(ChangeKind kind, String key, EntrySide before, EntrySide after) {
    /** The detail of a change. */
    public static KeyDetail of(KeyChange change) {
        return new KeyDetail(
                change.kind(),
                change.key().text(),
                change.before() == null ? null : EntrySide.of(change.before()),
                change.after() == null ? null : EntrySide.of(change.after()));
    }

    /** Whether the value bytes differ (an update may change only metadata or expiration). */
    public boolean valueChanged() {
        return before == null || after == null || !before.valueSha256().equals(after.valueSha256());
    }

    /** Whether the metadata differs. */
    public boolean metadataChanged() {
        String a = before == null ? null : before.metadataJson();
        String b = after == null ? null : after.metadataJson();
        return !EntryComparison.sameMetadata(a, b);
    }

    /** Whether the expiration differs. */
    public boolean expirationChanged() {
        Long a = before == null ? null : before.expiration();
        Long b = after == null ? null : after.expiration();
        return !java.util.Objects.equals(a, b);
    }
}
