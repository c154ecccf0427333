package dev.landfall.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.diff.ChangeCounts;
import dev.landfall.core.diff.ScopeVerification;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import dev.landfall.core.spi.SourceOptions;
import dev.landfall.core.spi.WriteMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class MigrationReportTest {
    private static final Scope EQUAL = new KvNamespace("a1", "SESSIONS");
    private static final Scope DIFFERS = new KvNamespace("b2", "A|B");

    private static final MigrationReport REPORT = new MigrationReport(
            new RunSpec("bundle:/in", "sqlite:out.db", WriteMode.UPSERT, SourceOptions.DEFAULTS, null, 100),
            List.of(verification(EQUAL, 2, 2, 4), verification(DIFFERS, 3, 1, 0)),
            Map.of(EQUAL.id(), new ChangeCounts(12, 3, 1, 7, 0, 0, 0, 99), DIFFERS.id(), ChangeCounts.ZERO),
            Map.of(EQUAL.id(), 5L),
            Map.of(),
            1.25,
            10,
            2,
            List.of(),
            List.of());

    @Test
    void markdownRowsCarryTheDigestsAndTheCountsInColumnOrder() {
        String md = render(MigrationReport::markdown);
        assertTrue(md.contains("| kv SESSIONS (a1) | equal | 2 | 12 | 3 | 1 | 9 |\n"), md);
        assertTrue(md.contains("| kv A\\|B (b2) | **differ** | 1 | 0 | 0 | 0 | 0 |\n"), md);
    }

    @Test
    void htmlRowsCarryTheDigestsAndTheCountsInColumnOrder() {
        String html = render(MigrationReport::html);
        assertTrue(
                html.contains("<tr><td>kv SESSIONS (a1)</td><td>equal</td><td class=\"n\">2</td>"
                        + "<td class=\"n\">12</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">9</td>"
                        + "</tr>\n"),
                html);
        assertTrue(
                html.contains("<tr><td>kv A|B (b2)</td><td class=\"bad\">differ</td><td class=\"n\">1</td>"
                        + "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>"
                        + "</tr>\n"),
                html);
    }

    private static ScopeVerification verification(Scope scope, int sourceKeys, int storeKeys, long expiredInSource) {
        return new ScopeVerification(
                scope,
                digest(scope, sourceKeys),
                digest(scope, storeKeys),
                expiredInSource,
                0,
                List.of(),
                0,
                List.of());
    }

    private static ScopeDigest digest(Scope scope, int keys) {
        ScopeDigest.Accumulator a = ScopeDigest.accumulator();
        for (int i = 0; i < keys; i++) {
            a.add(new Entry(scope, Key.of("k" + i), "v".getBytes(StandardCharsets.UTF_8), null, null));
        }
        return a.toDigest();
    }

    private static String render(BiConsumer<MigrationReport, PrintWriter> format) {
        StringWriter out = new StringWriter();
        format.accept(REPORT, new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
