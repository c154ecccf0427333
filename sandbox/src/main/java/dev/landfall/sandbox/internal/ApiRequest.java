package dev.landfall.sandbox.internal;

import dev.landfall.core.codec.PercentDecoding;
import dev.landfall.core.io.BoundedBody;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.KvErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * One API request after routing.
 *
 * @param method the HTTP method
 * @param path the request path, without {@code /client/v4}
 * @param rawParams the path parameters as matched, still percent-encoded
 * @param queryParams the decoded query: the first value of each name
 * @param headers the request headers
 * @param bodyStream the body, unread; {@link #body(long, String)} reads it within a limit
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> rawParams,
        Map<String, String> queryParams,
        HttpFields headers,
        InputStream bodyStream) {

    /** A request whose query is still the raw text after {@code ?} (or null for none). */
    public static ApiRequest of(
            String method,
            String path,
            Map<String, String> rawParams,
            String rawQuery,
            HttpFields headers,
            InputStream bodyStream) {
        return new ApiRequest(method, path, rawParams, parseQuery(rawQuery), headers, bodyStream);
    }

    /** A path parameter as strict UTF-8 text. */
    public String param(String name) {
        return utf8(paramBytes(name), name.replace('_', ' '));
    }

    /** A path parameter percent-decoded to bytes. */
    public byte[] paramBytes(String name) {
        return segment(Objects.requireNonNull(rawParams.get(name), name));
    }

    /**
     * A raw path segment percent-decoded to bytes; {@code +} stays a plus.
     *
     * @throws ApiError 400 at a malformed escape
     */
    public static byte[] segment(String raw) {
        try {
            return PercentDecoding.path(raw);
        } catch (PercentDecoding.Malformed e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }

    /**
     * Strict UTF-8 decoding.
     *
     * @throws ApiError 400 naming {@code what} when the bytes are not UTF-8
     */
    public static String utf8(byte[] bytes, String what) {
        if (!Utf8.isValid(bytes)) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_KEY, "The " + what + " is not valid UTF-8.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParams.get(name));
    }

    /** A request header, if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * Reads the whole body, refusing more than {@code limit} bytes with a 413.
     *
     * @throws IOException when the client goes away mid-body
     */
    public byte[] body(long limit, String what) throws IOException {
        return BoundedBody.read(bodyStream, limit)
                .orElseThrow(() ->
                        new ApiError(413, KvErrorCodes.TOO_LARGE, what + " exceeds the limit of " + limit + " bytes."));
    }

    private static Map<String, String> parseQuery(String raw) {
        try {
            return PercentDecoding.query(raw);
        } catch (PercentDecoding.Malformed e) {
            throw ApiError.badRequest(KvErrorCodes.INVALID_PARAMETER, e.getMessage());
        }
    }
}
