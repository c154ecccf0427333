package dev.landfall.core.spi;

import java.util.Objects;

/**
 * A scope the source holds that a read did not take although the operator named no selection: an
 * account's Durable Object namespace when neither {@code --kv} nor {@code --do} was given. Every
 * export and migration report lists each one, and the run exits 3, so data is never left behind
 * silently. (A read whose {@code --kv}/{@code --do} named what to take leaves the rest by choice,
 * and nothing is listed.)
 *
 * @param kind what it is, for people ({@code Durable Object namespace})
 * @param name its name as the account gives it (a class name), printed escaped
 * @param id its id, or {@code ""} when the source could not list it
 * @param fix how to take it ({@code --do Room through the export Worker})
 */
public record LeftBehind(String kind, String name, String id, String fix) {
    public LeftBehind {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fix, "fix");
    }
}
