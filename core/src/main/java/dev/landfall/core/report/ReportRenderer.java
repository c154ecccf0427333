package dev.landfall.core.report;

import java.io.PrintWriter;

/**
 * One form of one report: the plan, the inventory and the dual run each have a renderer per form
 * (text, Markdown, JSON, HTML) implementing this, so a command picks one by {@code --format} and
 * hands it the writer its output gives, and every form of a report is rendered the same way.
 *
 * <p>Renderers are stateless apart from their settings (such as colour), and may be used from any
 * thread. They share one home for each helper: sizes go through {@link ByteSize}, measured
 * durations through {@link DurationLabel}, the JSON form is a {@link JsonReportRenderer}, and the
 * HTML form is framed by {@link HtmlPage}.
 *
 * @param <T> the report's model, which every form renders whole
 */
@FunctionalInterface
public interface ReportRenderer<T> {
    /**
     * Writes the report of {@code model} to {@code out} and flushes it; {@code out} stays open. A
     * {@link PrintWriter} keeps write errors for {@link PrintWriter#checkError()}, so a renderer
     * throws only on a bug.
     */
    void render(T model, PrintWriter out);
}
