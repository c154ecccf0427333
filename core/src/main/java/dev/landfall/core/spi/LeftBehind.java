package dev.landfall.core.spi;

import java.util.Objects;

/**
 * A scope the source holds that a read did not take: an account's Durable Object namespace when
 * only Workers KV was read. Every export and migration report lists each one, so data is never left
 * behind silently.
 *
 * @param kind what it is, for people ({@code Durable Object namespace})
 * @param name its name as the account gives it (a class name), printed escaped
 * @param id its id, or {@code ""} when the source could not list it
 * @param chosen whether the operator's own selection left it out ({@code --kv} or {@code --do}
 *     given): reported, but not an error; otherwise the run exits 3
 * @param fix how to take it ({@code --do Room through the export Worker})
 */
public record LeftBehind(String kind, String name, String id, boolean chosen, String fix) {
    public LeftBehind {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fix, "fix");
    }

    /** Whether any of {@code all} was left behind without the operator choosing it. */
    public static boolean anyUnchosen(java.util.List<LeftBehind> all) {
        return all.stream().anyMatch(l -> !l.chosen());
    }
}
