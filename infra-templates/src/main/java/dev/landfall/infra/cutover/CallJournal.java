package dev.landfall.infra.cutover;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The ordered record of the API calls a cutover makes. In a dry run it is the whole output: every
 * read the plan needs (reads change nothing, so a dry run makes them) and every write it would
 * make, in order, none of which is sent.
 */
public final class CallJournal {
    private final Consumer<String> out;
    private final boolean dryRun;

    private CallJournal(Consumer<String> out, boolean dryRun) {
        this.out = Objects.requireNonNull(out, "out");
        this.dryRun = dryRun;
    }

    /** A journal for a real run that reports each call to {@code out} (a no-op sink is fine). */
    public static CallJournal live(Consumer<String> out) {
        return new CallJournal(out, false);
    }

    /** A journal for {@code --dry-run}: writes are printed and never sent. */
    public static CallJournal dryRun(Consumer<String> out) {
        return new CallJournal(out, true);
    }

    /** Whether writes are only printed. */
    public boolean isDryRun() {
        return dryRun;
    }

    /** Notes a read-only call about to be made. */
    public void read(String action, String what) {
        out.accept("read   " + action + "  " + what);
    }

    /** Notes a change about to be made; in a dry run, the caller must then not make it. */
    public void write(String action, String what) {
        out.accept((dryRun ? "would  " : "write  ") + action + "  " + what);
    }

    /** Notes a step that is not an API call, such as a bake. */
    public void note(String what) {
        out.accept((dryRun ? "would  " : "       ") + what);
    }
}
