package dev.landfall.core.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.report.DurationLabel;
import dev.landfall.core.report.JsonReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code /statusz}: what runs, since when, from where to where, how far it got and how far behind
 * it is (only for a process that follows a source), and its last error. Plain lines for people; JSON (Landfall's document rules: {@code
 * version} first, camelCase, seconds, ISO-8601 times, {@code null} for what is not measured yet)
 * for scripts. Every string is masked once more.
 */
final class StatuszPage {
    private StatuszPage() {}

    static String text(Status status, Instant now) {
        PageLines lines = new PageLines("landfall statusz")
                .add("running", status.running())
                .add("started", time(status.startedAt()))
                .add("uptime", DurationLabel.of(uptime(status, now)));
        if (status.follows()) {
            lines.add("source", status.source());
        }
        lines.add("store", status.store());
        if (status.follows()) {
            lines.add("position", status.position().isEmpty() ? "none yet" : status.position())
                    .add(
                            "lag changes",
                            status.lagChanges().isPresent()
                                    ? Long.toString(status.lagChanges().getAsLong())
                                    : "not measured yet")
                    .add("lag seconds", status.lag().map(DurationLabel::seconds).orElse("not measured yet"));
        }
        if (status.lastError().isPresent()) {
            lines.add("last error", status.lastError().get().message())
                    .add("last error at", time(status.lastError().get().at()));
        } else {
            lines.add("last error", "none");
        }
        for (Map.Entry<String, String> field : status.fields().entrySet()) {
            lines.add(field.getKey(), field.getValue());
        }
        return lines.toString();
    }

    static String json(Status status, Instant now) {
        ObjectNode doc = JsonReport.newDocument();
        doc.put("running", SecretMask.of(status.running()));
        doc.put("startedAt", time(status.startedAt()));
        doc.put("uptimeSeconds", JsonReport.seconds(uptime(status, now)));
        if (status.follows()) {
            doc.put("source", SecretMask.of(status.source()));
        }
        doc.put("store", SecretMask.of(status.store()));
        if (status.follows()) {
            progress(doc, status);
        }
        if (status.lastError().isPresent()) {
            ObjectNode error = doc.putObject("lastError");
            error.put("message", SecretMask.of(status.lastError().get().message()));
            error.put("at", time(status.lastError().get().at()));
        } else {
            doc.putNull("lastError");
        }
        ObjectNode fields = doc.putObject("fields");
        status.fields().forEach((name, value) -> fields.put(SecretMask.of(name), SecretMask.of(value)));
        return JsonReport.pretty(doc) + "\n";
    }

    // null until measured: a follower that has not read the log yet still has these fields.
    private static void progress(ObjectNode doc, Status status) {
        if (status.position().isEmpty()) {
            doc.putNull("position");
        } else {
            doc.put("position", SecretMask.of(status.position()));
        }
        if (status.lagChanges().isPresent()) {
            doc.put("lagChanges", status.lagChanges().getAsLong());
        } else {
            doc.putNull("lagChanges");
        }
        if (status.lag().isPresent()) {
            doc.put("lagSeconds", JsonReport.seconds(status.lag().get()));
        } else {
            doc.putNull("lagSeconds");
        }
    }

    // Whole seconds, as Landfall's documents write times: a clock's nanoseconds are noise to a reader.
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // A clock set back (NTP) must not show a negative uptime.
    private static Duration uptime(Status status, Instant now) {
        Duration up = Duration.between(status.startedAt(), now);
        return up.isNegative() ? Duration.ZERO : up;
    }
}
