package dev.landfall.verify.latency.report;

import dev.landfall.verify.latency.PercentilePoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of latency against percentile for both endpoints. The percentile axis is
 * logarithmic in {@code 1 / (1 - p)}, so p90, p99 and p99.9 are equally far apart and the tail,
 * where the two services differ most, gets as much room as the median.
 */
final class PercentilePlot {
    static final String BASELINE = "#c62828";
    static final String CANDIDATE = "#1565c0";
    private static final int WIDTH = 760;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 60;

    private PercentilePlot() {}

    static void render(List<PercentilePoint> baseline, List<PercentilePoint> candidate, PrintWriter out) {
        double maxX = Math.max(1, Math.max(lastNines(baseline), lastNines(candidate)));
        double maxY = niceCeiling(Math.max(maxMs(baseline), maxMs(candidate)));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        out.printf(
                Locale.ROOT,
                "<svg id=\"percentiles\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"latency by percentile\">%n",
                WIDTH,
                HEIGHT);
        out.println("<title>Latency by percentile (log scale of the tail)</title>");
        out.printf(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\" stroke=\"#999\"/>%n",
                LEFT,
                TOP,
                plotW,
                plotH);
        for (int i = 0; i <= 5; i++) {
            double v = maxY * i / 5;
            double y = TOP + plotH - plotH * i / 5;
            out.printf(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT,
                    y,
                    LEFT + plotW,
                    y);
            out.printf(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6,
                    y + 4,
                    Numbers.ms(v));
        }
        for (int k = 0; k <= (int) Math.floor(maxX); k++) {
            double x = LEFT + plotW * k / maxX;
            out.printf(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#ddd\"/>%n",
                    x,
                    TOP,
                    x,
                    TOP + plotH);
            out.printf(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    x,
                    TOP + plotH + 16,
                    label(k));
        }
        out.printf(
                Locale.ROOT,
                "<text x=\"%.0f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotW / 2,
                HEIGHT - 22);
        out.printf(
                Locale.ROOT,
                "<text x=\"14\" y=\"%.0f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.0f)\">latency (ms)</text>%n",
                TOP + plotH / 2,
                TOP + plotH / 2);
        line(baseline, "baseline", BASELINE, maxX, maxY, plotW, plotH, out);
        line(candidate, "candidate", CANDIDATE, maxX, maxY, plotW, plotH, out);
        legend(out, LEFT + 10, HEIGHT - 6, BASELINE, "baseline");
        legend(out, LEFT + 110, HEIGHT - 6, CANDIDATE, "candidate");
        out.println("</svg>");
    }

    private static void line(
            List<PercentilePoint> points,
            String name,
            String colour,
            double maxX,
            double maxY,
            double plotW,
            double plotH,
            PrintWriter out) {
        if (points.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (PercentilePoint p : points) {
            if (p.percentile() >= 100) {
                continue;
            }
            double x = LEFT + plotW * Math.min(maxX, nines(p.percentile())) / maxX;
            double y = TOP + plotH - plotH * Math.min(1, p.ms() / maxY);
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        out.printf(
                Locale.ROOT,
                "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"3\" points=\"%s\"><title>%s</title></polyline>%n",
                name,
                colour,
                sb.toString().strip(),
                name);
    }

    private static void legend(PrintWriter out, int x, int y, String colour, String what) {
        out.printf(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
                x,
                y - 12,
                colour,
                x + 20,
                y,
                what);
    }

    private static String tick(double v, double maxY) {
        String format = maxY >= 10 ? "%.0f" : maxY >= 1 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, v);
    }

    /** {@code log10(1 / (1 - p))}: 1 at p90, 2 at p99, 3 at p99.9. */
    static double nines(double percentile) {
        return Math.log10(100.0 / Math.max(1e-9, 100.0 - percentile));
    }

    private static double lastNines(List<PercentilePoint> points) {
        double m = 0;
        for (PercentilePoint p : points) {
            if (p.percentile() < 100) {
                m = Math.max(m, nines(p.percentile()));
            }
        }
        return m;
    }

    private static double maxMs(List<PercentilePoint> points) {
        double m = 0;
        for (PercentilePoint p : points) {
            if (p.percentile() < 100) {
                m = Math.max(m, p.ms());
            }
        }
        return m;
    }

    /** The next 1, 2 or 5 times a power of ten at or above v. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * pow >= v) {
                return step * pow;
            }
        }
        return 10 * pow;
    }

    private static String label(int k) {
        return switch (k) {
            case 0 -> "p0";
            case 1 -> "p90";
            case 2 -> "p99";
            default -> "p99." + "9".repeat(k - 2);
        };
    }
}
