package dev.landfall.cli.cutover;

import dev.landfall.core.error.LandfallException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options a cutover was started with, kept in its state file so that {@code --resume} runs
 * with all of them (steps, bake, region, requests, SLO, …) without the operator repeating any. An
 * option given again must say the same; a new one is added; a different value is refused.
 */
public final class StartingOptions {
    /** Options that belong to one invocation, not to the cutover. */
    private static final Set<String> PER_INVOCATION =
            Set.of("--resume", "--state", "--dry-run", "--verbose", "--help", "--version");

    /**
     * Where something is reached, not what the cutover does: a follower restarted on another
     * address is still the same follower, so a resume may give its new one.
     */
    private static final Set<String> ADDRESSES = Set.of("--follow-status");

    private StartingOptions() {}

    /**
     * The options of this command line, by long name, as typed (a flag has no values), plus the
     * {@code effective} values of options the spec filled in, in flag syntax. A URL carrying a
     * password is left out: the state file must hold no secret, so such an endpoint is given again
     * on resume.
     */
    public static Map<String, List<String>> of(ParseResult parsed, Map<String, String> effective) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (OptionSpec option : new LinkedHashSet<>(parsed.matchedOptions())) {
            String name = option.longestName();
            if (PER_INVOCATION.contains(name)) {
                continue;
            }
            List<String> values = option.arity().max() == 0 ? List.of() : List.copyOf(option.originalStringValues());
            if (values.stream().noneMatch(StartingOptions::carriesPassword)) {
                out.put(name, values);
            }
        }
        effective.forEach((name, value) -> {
            if (!out.containsKey(name) && !carriesPassword(value)) {
                out.put(name, List.of(value));
            }
        });
        return out;
    }

    /**
     * The command line of a resume: every option saved in {@code stateFile}, then the ones given
     * now that were not saved, then {@code --state} pinned to the file found. An address option
     * ({@code --follow-status}) given anew replaces the saved one, and {@code notes} says so.
     *
     * @throws LandfallException USAGE naming an option given now with another value than saved
     */
    public static List<String> resumed(
            Map<String, List<String>> saved, ParseResult now, Path stateFile, Consumer<String> notes) {
        Map<String, List<String>> given = of(now, Map.of());
        Map<String, List<String>> all = new LinkedHashMap<>(saved);
        for (var option : given.entrySet()) {
            List<String> before = saved.get(option.getKey());
            if (before != null && !before.equals(option.getValue()) && ADDRESSES.contains(option.getKey())) {
                notes.accept(text(option.getKey(), option.getValue()) + " instead of " + text(option.getKey(), before)
                        + ", which the cutover was started with");
                all.put(option.getKey(), option.getValue());
            } else if (before != null && !before.equals(option.getValue())) {
                throw LandfallException.usage(
                        "--resume: " + text(option.getKey(), option.getValue()) + " differs from "
                                + text(option.getKey(), before) + ", which the cutover in " + stateFile
                                + " was started with",
                        "leave " + option.getKey() + " out to keep the cutover's, or start a new cutover with"
                                + " another --state file");
            }
        }
        given.forEach(all::putIfAbsent);
        List<String> args = new ArrayList<>();
        all.forEach((name, values) -> args.addAll(tokens(name, values)));
        args.add("--resume");
        args.add("--state=" + stateFile);
        for (String name : List.of("--dry-run", "--verbose")) {
            if (now.hasMatchedOption(name)) {
                args.add(name);
            }
        }
        return args;
    }

    /** The options as an operator would type them, for messages. */
    public static String describe(Map<String, List<String>> options) {
        List<String> parts = new ArrayList<>();
        options.forEach((name, values) -> parts.add(text(name, values)));
        return String.join(" ", parts);
    }

    private static List<String> tokens(String name, List<String> values) {
        if (values.isEmpty()) {
            return List.of(name);
        }
        // name=value keeps a value that starts with '-' from reading as an option.
        return values.stream().map(value -> name + "=" + value).toList();
    }

    private static String text(String name, List<String> values) {
        if (values.isEmpty()) {
            return name;
        }
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            boolean plain = value.matches("[A-Za-z0-9_./:,=@+-]+");
            parts.add(name + " " + (plain ? value : "'" + value.replace("'", "'\\''") + "'"));
        }
        return String.join(" ", parts);
    }

    private static boolean carriesPassword(String value) {
        if (!value.contains("://")) {
            return false;
        }
        try {
            return Optional.ofNullable(URI.create(value).getRawUserInfo())
                    .map(info -> info.contains(":"))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            return value.contains("@");
        }
    }
}
