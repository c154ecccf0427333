package dev.landfall.cloudflare.inventory;

import dev.landfall.cloudflare.inventory.Answers.DataHeat;
import dev.landfall.cloudflare.inventory.Answers.RequestPath;
import dev.landfall.core.time.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the {@link Assessment} from the answers and the inventory, by the rules in {@code
 * docs/inventory.md}: the latency case rests on the request path, the p99 target and the data's
 * heat; the count of Cloudflare services says how much besides data must be replaced; self-hosting
 * picks the target. Unanswered questions are shown as such and leave the verdict open only when
 * the request path is unknown.
 */
public final class Assessor {
    /** A p99 target at or under this is tight: reads must come from memory or the same region. */
    static final Duration TIGHT = Duration.ofMillis(20);

    /** A p99 target over this is loose: latency alone does not argue for the move. */
    static final Duration LOOSE = Duration.ofMillis(100);

    private Assessor() {}

    public static Assessment assess(AccountInventory inventory, Answers answers) {
        List<Finding> findings = new ArrayList<>();
        List<String> open = new ArrayList<>();
        findings.add(requestPath(answers.requestPath()));
        findings.add(p99(answers.p99Target()));
        findings.add(heat(answers.dataHeat()));
        findings.add(vendor(inventory.vendorServices()));
        findings.add(selfHost(answers.selfHostable()));
        for (Finding f : findings) {
            if (f.answer().isEmpty()) {
                open.add(f.key());
            }
        }
        String verdict = verdict(answers);
        return new Assessment(findings, verdict, summary(verdict, inventory, open), open);
    }

    private static String verdict(Answers a) {
        if (a.requestPath().isEmpty()) {
            return "open";
        }
        RequestPath path = a.requestPath().get();
        if (path == RequestPath.OFFLINE) {
            return "weak";
        }
        boolean tight = a.p99Target().map(d -> d.compareTo(LOOSE) <= 0).orElse(false);
        boolean hot = a.dataHeat().map(h -> h == DataHeat.HOT).orElse(false);
        boolean onPath = path == RequestPath.EDGE || path == RequestPath.INLINE;
        if (onPath && (tight || hot)) {
            return "strong";
        }
        return "moderate";
    }

    private static String summary(String verdict, AccountInventory inventory, List<String> open) {
        long replacements = inventory.vendorServices().stream()
                .filter(s -> !s.equals(BindingKind.KV.label()) && !s.equals(BindingKind.DURABLE_OBJECT.label()))
                .count();
        String head = switch (verdict) {
            case "strong" ->
                "Strong case: the service is on the request path and its latency target or hot data"
                        + " favour a long-lived process with data in memory.";
            case "moderate" -> "Moderate case: the move helps latency, but the answers do not make it decisive.";
            case "weak" ->
                "Weak case for latency: the service is off the request path; move it for cost,"
                        + " portability or control, not speed.";
            default -> "Open: answer --request-path (and the other questions) to get a verdict.";
        };
        String tail = replacements == 0
                ? " Nothing besides KV and Durable Objects needs replacing."
                : " " + replacements + " other Cloudflare service(s) need a replacement (see the table).";
        String unanswered = open.isEmpty() ? "" : " Unanswered: " + String.join(", ", open) + ".";
        return head + tail + unanswered;
    }

    private static Finding requestPath(Optional<RequestPath> answer) {
        return Finding.of(
                "request-path",
                "Where does the service sit in the request path?",
                answer,
                Assessor::lowerName,
                Assessor::requestPathMeaning,
                "Answer with --request-path edge|inline|backend|offline.");
    }

    private static String requestPathMeaning(RequestPath p) {
        return switch (p) {
            case EDGE ->
                "Every request waits for it: each KV or Durable Object round trip adds to the"
                        + " whole site's latency; data in a long-lived process's memory removes them.";
            case INLINE -> "On the request path behind another service: its latency adds to its callers'.";
            case BACKEND ->
                "Called by other services, not by every user request: latency matters for the"
                        + " calls that reach it.";
            case OFFLINE -> "Not on the request path (batch, queue, cron): latency is not a reason to move.";
        };
    }

    private static Finding p99(Optional<Duration> answer) {
        return Finding.of(
                "p99-target",
                "What is its p99 latency target?",
                answer,
                DurationText::format,
                Assessor::p99Meaning,
                "Answer with --p99-target DURATION, e.g. 50ms.");
    }

    private static String p99Meaning(Duration d) {
        if (d.compareTo(TIGHT) <= 0) {
            return "Tight: reads must come from memory or a store in the same region; a KV read"
                    + " that misses Cloudflare's cache does not fit.";
        }
        if (d.compareTo(LOOSE) <= 0) {
            return "Moderate: a regional store (Redis, PostgreSQL) fits; keep the hot keys in memory.";
        }
        return "Loose: latency alone does not argue for the move.";
    }

    private static Finding heat(Optional<DataHeat> answer) {
        return Finding.of(
                "data-heat",
                "How hot is its data?",
                answer,
                Assessor::lowerName,
                Assessor::heatMeaning,
                "Answer with --data-heat hot|warm|cold.");
    }

    private static String heatMeaning(DataHeat h) {
        return switch (h) {
            case HOT ->
                "A working set read on most requests: keep it in process memory, loaded from the"
                        + " store (Redis) at start and kept fresh.";
            case WARM -> "Read often but too large for memory: Redis or PostgreSQL in the same region.";
            case COLD -> "Rarely read: PostgreSQL or SQLite; the move brings little speed.";
        };
    }

    private static String lowerName(Enum<?> answer) {
        return answer.name().toLowerCase(Locale.ROOT);
    }

    private static Finding vendor(List<String> services) {
        String meaning;
        if (services.isEmpty()) {
            meaning = "No Cloudflare service is bound: only the code moves.";
        } else {
            meaning = "In use: " + String.join(", ", services) + ". Landfall moves Workers KV and Durable"
                    + " Objects; every other one needs the replacement the binding table names.";
        }
        return new Finding(
                "vendor-services",
                "How many Cloudflare-specific services does it use? (from its bindings)",
                Optional.of(String.valueOf(services.size())),
                meaning);
    }

    private static Finding selfHost(Optional<Boolean> answer) {
        return Finding.of(
                "self-hostable",
                "Must it be self-hostable?",
                answer,
                yes -> yes ? "yes" : "no",
                yes -> yes
                        ? "Target one Docker host (landfall infra generate --format compose) and pick self-hostable"
                                + " replacements: MinIO, Redis Streams or NATS, ClickHouse, PostgreSQL."
                        : "Fargate behind Global Accelerator (landfall infra generate) and AWS services (SQS, S3,"
                                + " Secrets Manager) are fine.",
                "Answer with --self-hostable yes|no.");
    }
}
