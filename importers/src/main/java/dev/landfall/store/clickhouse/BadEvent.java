package dev.landfall.store.clickhouse;

/**
 * A line of an event file that cannot be loaded into its table: not a JSON object, or a value that
 * does not fit its column. The message says what is wrong (the caller adds file and line). It has
 * no stack trace: it is expected input trouble, thrown per line.
 */
final class BadEvent extends Exception {
    private static final long serialVersionUID = 1L;

    BadEvent(String message) {
        super(message, null, false, false);
    }
}
