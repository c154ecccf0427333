package dev.landfall.core.spi;

/** How a {@link ScopeWriter} treats keys that already exist, and keys the source lacks. */
public enum WriteMode {
    /** Insert new keys, replace existing ones; never delete. The default. */
    UPSERT,
    /** As UPSERT, and the caller also deletes keys the source lacks. */
    MIRROR,
    /** Insert new keys, leave existing ones untouched. */
    CREATE_ONLY;

    /** The mode as the {@code --mode} flag spells it: {@code upsert}, {@code mirror}, {@code create-only}. */
    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses the flag's spelling.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE naming the value and the modes
     */
    public static WriteMode parse(String text) {
        for (WriteMode m : values()) {
            if (m.flag().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw dev.landfall.core.error.LandfallException.usage(
                "--mode " + text + " is not a mode", "use upsert (default), mirror or create-only");
    }
}
