package dev.landfall.cli.render;

import dev.landfall.verify.latency.DualRunResult;
import dev.landfall.verify.latency.SamplesWritten;
import dev.landfall.verify.latency.report.LatencyHtmlRenderer;
import dev.landfall.verify.latency.report.LatencyJsonRenderer;
import dev.landfall.verify.latency.report.LatencyTextRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** The end of {@code verify latency}: the report on stdout (text or JSON), the HTML file, the exit code. */
public final class LatencyOutput {
    private LatencyOutput() {}

    /**
     * Writes the result and returns the exit code: 130 stopped, 3 SLO breached, 1 samples lost
     * (the SLO held), else 0.
     *
     * @param html where the HTML report goes, if anywhere
     */
    public static int write(DualRunResult result, boolean json, Optional<Path> html, PrintStream out, PrintStream err)
            throws IOException {
        result.samples()
                .filter(w -> !w.complete())
                .ifPresent(w -> err.println("verify latency: " + LatencyTextRenderer.samplesLine(w)));
        if (html.isPresent()) {
            ReportOutput.write(html.get(), out, w -> new LatencyHtmlRenderer().render(result, w));
        }
        ReportOutput.write(null, out, w -> {
            if (json) {
                new LatencyJsonRenderer().render(result, w);
            } else {
                new LatencyTextRenderer().render(result, w);
            }
        });
        html.ifPresent(f -> err.println("verify latency: HTML report in " + f));
        if (result.stopped()) {
            err.println("verify latency: stopped by request; the figures cover what was measured.");
            return 130;
        }
        if (!result.passed()) {
            return 3;
        }
        // A held SLO with samples missing is not a clean run: whoever asked for --samples gets
        // an incomplete table, and says so in its exit code.
        return result.samples().map(SamplesWritten::complete).orElse(true) ? 0 : 1;
    }
}
