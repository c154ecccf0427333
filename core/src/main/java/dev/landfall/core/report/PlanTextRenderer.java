package dev.landfall.core.report;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.EntrySide;
import dev.landfall.core.diff.KeyDetail;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.ScopePlan;
import dev.landfall.core.text.VisibleText;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A plan as text that reads like {@code terraform plan}: {@code +} create, {@code ~} update,
 * {@code -} delete, then "Plan: X to create, Y to update, Z to delete." Colour (ANSI) only when
 * asked for, which callers do only on a terminal and never with {@code NO_COLOR}.
 */
public final class PlanTextRenderer implements ReportRenderer<Plan> {
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final String RED = "\033[31m";
    private static final String BOLD = "\033[1m";
    private static final String RESET = "\033[0m";

    private final boolean colour;

    public PlanTextRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void render(Plan plan, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Landfall plan: %s -> %s (mode %s)%n",
                VisibleText.of(plan.source()),
                VisibleText.of(plan.store()),
                ReportText.mode(plan.mode()));
        out.println("Nothing has been written. Values are shown by size and SHA-256 only.");
        for (ScopePlan s : plan.scopes()) {
            out.println();
            ChangeCounts c = s.counts();
            out.printf(
                    Locale.ROOT,
                    "%s%s%s: %d to create, %d to update, %d to delete, %d unchanged%n",
                    paint(BOLD),
                    ScopeLabel.of(s.scope()),
                    paint(RESET),
                    c.created(),
                    c.updated(),
                    c.deleted(),
                    c.unchanged());
            for (KeyDetail d : s.shown()) {
                line(d, out);
            }
            if (s.notShown() > 0) {
                out.printf(Locale.ROOT, "  ... and %d more change(s) (raise --show to list them)%n", s.notShown());
            }
        }
        ChangeCounts t = plan.totals();
        out.println();
        out.printf(
                Locale.ROOT,
                "%sPlan:%s %d to create, %d to update, %d to delete.%n",
                paint(BOLD),
                paint(RESET),
                t.created(),
                t.updated(),
                t.deleted());
        for (String note : ReportText.notes(plan)) {
            out.println(note);
        }
        out.flush();
    }

    private void line(KeyDetail d, PrintWriter out) {
        String key = Quoted.of(d.key());
        switch (d.kind()) {
            case CREATE -> out.printf("  %s+%s %s  %s%n", paint(GREEN), paint(RESET), key, side(d.after()));
            case DELETE -> out.printf("  %s-%s %s  %s%n", paint(RED), paint(RESET), key, side(d.before()));
            case UPDATE -> {
                out.printf("  %s~%s %s%n", paint(YELLOW), paint(RESET), key);
                if (d.valueChanged()) {
                    out.printf("      value: %s -> %s%n", value(d.before()), value(d.after()));
                }
                if (d.metadataChanged()) {
                    out.printf(
                            "      metadata: %s -> %s%n",
                            ReportText.metadata(d.before().metadataJson()),
                            ReportText.metadata(d.after().metadataJson()));
                }
                if (d.expirationChanged()) {
                    out.printf(
                            "      expiration: %s -> %s%n",
                            ReportText.expiration(d.before().expiration()),
                            ReportText.expiration(d.after().expiration()));
                }
            }
            case UNCHANGED -> {}
        }
    }

    private static String side(EntrySide s) {
        StringBuilder sb = new StringBuilder(value(s));
        if (s.metadataJson() != null) {
            sb.append(", metadata ").append(ReportText.metadata(s.metadataJson()));
        }
        if (s.expiration() != null) {
            sb.append(", expires ").append(ReportText.expiration(s.expiration()));
        }
        return sb.toString();
    }

    private static String value(EntrySide s) {
        return ByteSize.format(s.valueSize()) + " sha256:" + s.shortHash();
    }

    private String paint(String code) {
        return colour ? code : "";
    }
}
