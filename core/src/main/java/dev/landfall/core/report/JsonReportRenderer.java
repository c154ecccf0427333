package dev.landfall.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The JSON form of a report: the model as one {@link JsonReport} document ({@code "version"}
 * first, camelCase names), written indented with a final newline.
 *
 * @param <T> the report's model
 */
public interface JsonReportRenderer<T> extends ReportRenderer<T> {
    /** The model's document, begun with {@link JsonReport#newDocument()}. */
    ObjectNode document(T model);

    @Override
    default void render(T model, PrintWriter out) {
        JsonReport.write(document(model), out);
    }
}
