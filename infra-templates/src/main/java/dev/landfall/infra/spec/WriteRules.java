package dev.landfall.infra.spec;

import java.util.List;

/**
 * Which requests the edge split treats as writes once the dial turns the read split on: a request
 * whose method is in {@code methods}, or whose path starts with one of {@code paths}. Everything
 * else is a read and moves with the dial; writes follow the write state (docs/cutover.md).
 *
 * @param methods HTTP methods, in capitals
 * @param paths path prefixes, each starting with {@code /}
 * @param retryAfterSeconds the {@code Retry-After} of a write refused while writes are frozen
 */
public record WriteRules(List<String> methods, List<String> paths, int retryAfterSeconds) {
    /** The methods that change state in a conventional HTTP API. */
    public static final List<String> DEFAULT_METHODS = List.of("POST", "PUT", "PATCH", "DELETE");

    /** A freeze lasts seconds, so a client told to come back in five mostly finds writes open again. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

    /** The rules when the spec gives none. */
    public static final WriteRules DEFAULT = new WriteRules(DEFAULT_METHODS, List.of(), DEFAULT_RETRY_AFTER_SECONDS);

    public WriteRules {
        methods = List.copyOf(methods);
        paths = List.copyOf(paths);
    }
}
