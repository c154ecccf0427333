package dev.landfall.cloudflare.inventory;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's answers to the assessment's questions (the fourth, how many Cloudflare services
 * the service uses, comes from its bindings). Each may be missing; {@link #or} fills gaps from
 * another set, so flags can win over an answers file.
 *
 * @param requestPath where the service sits in the request path
 * @param p99Target the p99 latency it must meet
 * @param dataHeat how hot its data is
 * @param selfHostable whether it must run without AWS, on any Docker host
 */
public record Answers(
        Optional<RequestPath> requestPath,
        Optional<Duration> p99Target,
        Optional<DataHeat> dataHeat,
        Optional<Boolean> selfHostable) {
    /** The questions by their key, which is also the flag's name without {@code --}. */
    public static final List<String> KEYS = List.of("request-path", "p99-target", "data-heat", "self-hostable");

    /** No answers. */
    public static final Answers NONE =
            new Answers(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Where a service sits in the request path. */
    public enum RequestPath {
        EDGE,
        INLINE,
        BACKEND,
        OFFLINE
    }

    /** How hot a service's data is. */
    public enum DataHeat {
        HOT,
        WARM,
        COLD
    }

    /** These answers, each missing one taken from {@code other}. */
    public Answers or(Answers other) {
        return new Answers(
                requestPath.or(other::requestPath),
                p99Target.or(other::p99Target),
                dataHeat.or(other::dataHeat),
                selfHostable.or(other::selfHostable));
    }

    /**
     * These answers with one more, read from text.
     *
     * @param where what to name in an error: {@code --data-heat} or {@code answers.txt:3}
     * @throws LandfallException USAGE naming {@code where}, the value and the accepted ones
     */
    public Answers with(String key, String value, String where) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "request-path" ->
                new Answers(Optional.of(choice(RequestPath.class, v, where)), p99Target, dataHeat, selfHostable);
            case "p99-target" -> new Answers(requestPath, Optional.of(duration(v, where)), dataHeat, selfHostable);
            case "data-heat" ->
                new Answers(requestPath, p99Target, Optional.of(choice(DataHeat.class, v, where)), selfHostable);
            case "self-hostable" -> new Answers(requestPath, p99Target, dataHeat, Optional.of(yesNo(v, where)));
            default ->
                throw LandfallException.usage(
                        where + ": '" + key + "' is not a question", "the questions are " + String.join(", ", KEYS));
        };
    }

    /**
     * Reads an answers file: one {@code question: answer} a line, {@code #} starts a comment,
     * blank lines are skipped. The questions are {@link #KEYS}.
     *
     * @throws LandfallException USAGE naming the file and line
     */
    public static Answers read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LandfallException.usage("--answers " + file + " does not exist", "give the path of an answers file");
        } catch (IOException e) {
            throw LandfallException.usage(
                    "--answers " + file + " cannot be read: " + e.getMessage(),
                    "check the file is readable UTF-8 text");
        }
        Answers out = NONE;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (t.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            int colon = t.indexOf(':');
            if (colon < 0) {
                throw LandfallException.usage(
                        where + ": expected 'question: answer', found '" + t + "'", "write e.g. 'data-heat: hot'");
            }
            out = out.with(t.substring(0, colon).strip(), t.substring(colon + 1), where);
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String v, String where) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        throw LandfallException.usage(
                where + " '" + v + "' is not one of " + String.join(", ", names),
                "give one of " + String.join("|", names));
    }

    private static Duration duration(String v, String where) {
        try {
            Duration d = DurationText.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw LandfallException.usage(
                    where + " '" + v + "' is not a latency: " + e.getMessage(),
                    "write it with a unit, e.g. 50ms or 1s");
        }
    }

    private static boolean yesNo(String v, String where) {
        return switch (v) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw LandfallException.usage(where + " '" + v + "' is not yes or no", "give yes or no");
        };
    }
}
