package dev.landfall.cloudflare.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads the rate-limit headers Cloudflare has sent in its different eras (cloudflare-api.md §6):
 * {@code Ratelimit: "default";r=50;t=30} with {@code Ratelimit-Policy: "default";q=1200;w=300}
 * (IETF draft, current), {@code RateLimit-Remaining} / {@code RateLimit-Reset} (older drafts),
 * {@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset} (an RFC 1123 date, briefly in 2025),
 * and {@code Retry-After} (seconds or an HTTP date) or {@code retry-after-ms}. Anything it cannot
 * read is ignored: the headers only ever make the client slower, never faster.
 */
final class RateLimitHeaders {
    /** What the server says is left: {@code remaining} requests until {@code reset} from now. */
    record Remaining(long remaining, Duration reset) {}

    /** A quota the server announces: {@code quota} requests per {@code window}. */
    record Policy(String name, long quota, Duration window) {}

    private RateLimitHeaders() {}

    /** The most constraining "remaining" the headers state, if any. */
    static Optional<Remaining> remaining(Headers h, Instant now) {
        Remaining best = null;
        for (String value : h.values("Ratelimit")) {
            for (List<String[]> item : items(value)) {
                long r = param(item, "r");
                long t = param(item, "t");
                if (r >= 0) {
                    best = tighter(best, new Remaining(r, Duration.ofSeconds(Math.max(t, 0))));
                }
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        long r = number(h.get("RateLimit-Remaining"));
        if (r >= 0) {
            return Optional.of(new Remaining(r, reset(h.get("RateLimit-Reset"), now)));
        }
        r = number(h.get("X-RateLimit-Remaining"));
        if (r >= 0) {
            return Optional.of(new Remaining(r, reset(h.get("X-RateLimit-Reset"), now)));
        }
        return Optional.empty();
    }

    /** The quotas of {@code Ratelimit-Policy}. */
    static List<Policy> policies(Headers h) {
        List<Policy> out = new ArrayList<>();
        for (String value : h.values("Ratelimit-Policy")) {
            for (List<String[]> item : items(value)) {
                long q = param(item, "q");
                long w = param(item, "w");
                if (q > 0 && w > 0) {
                    out.add(new Policy(item.get(0)[0], q, Duration.ofSeconds(w)));
                }
            }
        }
        return out;
    }

    /** {@code Retry-After} (delta seconds or an HTTP date) or {@code retry-after-ms}. */
    static Optional<Duration> retryAfter(Headers h, Instant now) {
        String ms = h.get("retry-after-ms");
        if (ms != null) {
            try {
                double d = Double.parseDouble(ms.strip());
                if (d >= 0 && d < 86_400_000d) {
                    return Optional.of(Duration.ofMillis((long) Math.ceil(d)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String ra = h.get("Retry-After");
        if (ra == null || ra.isBlank()) {
            return Optional.empty();
        }
        long seconds = number(ra);
        if (seconds >= 0) {
            return Optional.of(Duration.ofSeconds(seconds));
        }
        return date(ra, now);
    }

    private static Remaining tighter(Remaining a, Remaining b) {
        return a == null || b.remaining < a.remaining ? b : a;
    }

    /** A reset as delta seconds, epoch seconds, or an HTTP date; zero when unreadable. */
    private static Duration reset(String value, Instant now) {
        if (value == null) {
            return Duration.ZERO;
        }
        long n = number(value);
        if (n >= 1_000_000_000L) {
            return Duration.ofSeconds(Math.max(0, n - now.getEpochSecond()));
        }
        if (n >= 0) {
            return Duration.ofSeconds(n);
        }
        return date(value, now).orElse(Duration.ZERO);
    }

    private static Optional<Duration> date(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A structured-field list: items split on commas, each split on semicolons into the name and
     * {@code key=value} parameters, as {@code [key, value]} pairs (the name as {@code [name]}).
     */
    private static List<List<String[]>> items(String value) {
        List<List<String[]>> out = new ArrayList<>();
        for (String item : value.split(",")) {
            List<String[]> parts = new ArrayList<>();
            String[] pieces = item.split(";");
            parts.add(new String[] {unquote(pieces[0].strip())});
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    parts.add(new String[] {
                        p.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        unquote(p.substring(eq + 1).strip())
                    });
                }
            }
            out.add(parts);
        }
        return out;
    }

    private static long param(List<String[]> item, String key) {
        for (int i = 1; i < item.size(); i++) {
            if (item.get(i)[0].equals(key)) {
                return number(item.get(i)[1]);
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** A whole number of at most 15 digits, or -1. */
    private static long number(String s) {
        if (s == null) {
            return -1;
        }
        String t = s.strip();
        return t.matches("\\d{1,15}") ? Long.parseLong(t) : -1;
    }
}
