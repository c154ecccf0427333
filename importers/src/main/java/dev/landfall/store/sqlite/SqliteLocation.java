package dev.landfall.store.sqlite;

import dev.landfall.core.error.LandfallException;
import dev.landfall.core.spi.StoreUri;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a SQLite store lives and how to open it, parsed from {@code sqlite:PATH[?OPTION=VALUE&…]}.
 * The path is relative to the working directory unless absolute. Options: {@code busy_timeout}
 * (milliseconds to wait for another writer's lock, default {@value #DEFAULT_BUSY_TIMEOUT_MS}) and
 * {@code synchronous} ({@code full}, the default, or {@code normal}).
 *
 * @param file the database file as given
 * @param label the store URI for messages ({@link StoreUri#toString()})
 * @param busyTimeoutMillis how long a write waits for another writer's lock
 * @param synchronous the SQLite {@code synchronous} setting
 */
record SqliteLocation(Path file, String label, int busyTimeoutMillis, Synchronous synchronous) {
    static final int DEFAULT_BUSY_TIMEOUT_MS = 5_000;
    static final String FORM =
            "write it as sqlite:PATH, for example sqlite:landfall.db or sqlite:/var/lib/app/landfall.db";

    /** SQLite's {@code PRAGMA synchronous} levels that make sense for a store. */
    enum Synchronous {
        /** In WAL mode: a killed process loses nothing committed; a power cut may lose the last commits. */
        NORMAL,
        /** Every commit is fsynced: nothing committed is lost, even on a power cut. */
        FULL
    }

    SqliteLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(synchronous, "synchronous");
    }

    /**
     * Parses the URI.
     *
     * @throws LandfallException USAGE when the URI names no file, an in-memory database, or has an
     *     unknown or malformed option
     */
    static SqliteLocation from(StoreUri uri) {
        String label = uri.toString();
        String rest = uri.rest();
        int question = rest.indexOf('?');
        String pathText = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        if (pathText.isBlank()) {
            throw LandfallException.usage("store '" + label + "' names no database file", FORM);
        }
        if (pathText.startsWith("//")) {
            // sqlite:///x means a relative file to some tools and an absolute one to others: refuse to guess.
            throw LandfallException.usage(
                    "store '" + label + "' has a '//' authority part, which a file path has not", FORM);
        }
        if (pathText.startsWith(":")) {
            throw LandfallException.usage(
                    "store '" + label + "' names a special SQLite database, not a file",
                    "an in-memory database loses everything when Landfall exits; " + FORM);
        }
        Path file;
        try {
            file = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw LandfallException.usage("store '" + label + "' is not a valid path: " + e.getReason(), FORM);
        }
        int busyTimeout = DEFAULT_BUSY_TIMEOUT_MS;
        // FULL by default: migrate journals a batch as durable once its flush returns, which must
        // hold through a power cut too, not only a killed process.
        Synchronous synchronous = Synchronous.FULL;
        for (String option : query.split("&", -1)) {
            if (option.isEmpty()) {
                continue;
            }
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            switch (name) {
                case "busy_timeout" -> busyTimeout = parseTimeout(label, value);
                case "synchronous" -> synchronous = parseSynchronous(label, value);
                default ->
                    throw LandfallException.usage(
                            "store '" + label + "' has an unknown option '" + name + "'",
                            "the options are busy_timeout=MS and synchronous=normal|full");
            }
        }
        return new SqliteLocation(file, label, busyTimeout, synchronous);
    }

    private static int parseTimeout(String label, String value) {
        try {
            int ms = Integer.parseInt(value);
            if (ms >= 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LandfallException.usage(
                "store '" + label + "' has busy_timeout='" + value + "', not a number of milliseconds",
                "write busy_timeout=MS with MS >= 0, for example sqlite:landfall.db?busy_timeout=10000");
    }

    private static Synchronous parseSynchronous(String label, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "normal" -> Synchronous.NORMAL;
            case "full" -> Synchronous.FULL;
            default ->
                throw LandfallException.usage(
                        "store '" + label + "' has synchronous='" + value + "'",
                        "write synchronous=normal or synchronous=full");
        };
    }
}
