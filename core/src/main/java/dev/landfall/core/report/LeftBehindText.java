package dev.landfall.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.spi.LeftBehind;
import dev.landfall.core.text.VisibleText;
import java.util.List;

/**
 * How every report names a scope the run did not take: what it is, its name and id, whether the
 * operator chose to leave it, and how to take it. The same fields in every format.
 */
public final class LeftBehindText {
    private LeftBehindText() {}

    /** {@code Durable Object namespace Room (ab12…): NOT migrated; add --do Room (…)}, safe to print. */
    public static String line(LeftBehind l, String verb) {
        return VisibleText.of(l.kind()) + " " + VisibleText.of(l.name())
                + (l.id().isEmpty() ? "" : " (" + VisibleText.of(l.id()) + ")")
                + ": not " + verb
                + "; to take it: " + VisibleText.of(l.fix());
    }

    /** {@code , but 1 namespace(s) LEFT BEHIND}, or nothing. */
    public static String headline(List<LeftBehind> all) {
        return all.isEmpty() ? "" : ", but " + all.size() + " namespace(s) LEFT BEHIND";
    }

    /** One object each: kind, name, id, fix. */
    public static void json(ArrayNode list, List<LeftBehind> all) {
        for (LeftBehind l : all) {
            ObjectNode n = list.addObject();
            n.put("kind", l.kind());
            n.put("name", l.name());
            n.put("id", l.id());
            n.put("fix", l.fix());
        }
    }
}
