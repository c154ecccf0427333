package dev.landfall.serve;

import java.io.InputStream;
import java.util.List;

/**
 * What serve's routes read of one HTTP request: the target as sent (serve decodes it itself, since
 * {@code %2F} and {@code /} mean different things in a key), the headers and the body. It keeps
 * the routes apart from the HTTP server they run on.
 */
public interface ServeRequest {
    /** {@code GET}, {@code PUT}, … */
    String method();

    /** The path as the request line sent it, still percent-encoded. */
    String rawPath();

    /** The query as sent, still encoded, or null when there is none. */
    String rawQuery();

    /** The first value of the header {@code name} (any case), or null. */
    String header(String name);

    /** Every value of the header {@code name}, in the order sent; empty when there is none. */
    List<String> headers(String name);

    /** The body, read as it arrives (blocking). */
    InputStream body();
}
