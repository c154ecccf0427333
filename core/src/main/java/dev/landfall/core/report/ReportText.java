package dev.landfall.core.report;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.text.VisibleText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The wording every plan format shares: expirations, metadata, closing notes. */
final class ReportText {
    private static final int METADATA_SHOWN = 120;

    private ReportText() {}

    static String mode(WriteMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String expiration(Long epochSecond) {
        return epochSecond == null ? "never" : epochSecond + " (" + Instant.ofEpochSecond(epochSecond) + ")";
    }

    /** Metadata shortened for a line; quoted so that nothing in it can act on a terminal. */
    static String metadata(String json) {
        if (json == null) {
            return "none";
        }
        String q = VisibleText.of(json);
        return q.length() <= METADATA_SHOWN ? q : q.substring(0, q.offsetByCodePoints(0, METADATA_SHOWN)) + "…";
    }

    /** The totals line every plan form leads with (the text form colours its "Plan:"). */
    static String headline(ChangeCounts t) {
        return String.format(
                Locale.ROOT, "Plan: %d to create, %d to update, %d to delete.", t.created(), t.updated(), t.deleted());
    }

    /**
     * The cells of one scope's row in the summary table (scope, create, update, delete, unchanged,
     * to write), as arguments for the form's row format or {@link MarkdownTable#row}; {@code label}
     * comes escaped for the form (HTML), while {@link MarkdownTable} escapes its own pipes.
     */
    static Object[] scopeRow(String label, ChangeCounts c) {
        return new Object[] {
            label, c.created(), c.updated(), c.deleted(), c.unchanged(), ByteSize.format(c.valueBytes())
        };
    }

    /** The lines after the totals: what the plan leaves alone and why. */
    static List<String> notes(Plan plan) {
        ChangeCounts t = plan.totals();
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT, "%d unchanged; %s of values to write.", t.unchanged(), ByteSize.format(t.valueBytes())));
        if (t.expiredSkipped() > 0) {
            out.add(t.expiredSkipped() + " source key(s) already expired will be skipped.");
        }
        if (t.storeOnly() > 0) {
            out.add(t.storeOnly() + " key(s) only in the store are left in place (--mode mirror deletes them).");
        }
        if (t.kept() > 0) {
            out.add(t.kept() + " differing key(s) are kept as the store holds them (create-only).");
        }
        return out;
    }
}
