package dev.landfall.cloudflare.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.retry.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place that turns Cloudflare's answers into {@link LandfallException}s (STYLE.md §5):
 *
 * <ul>
 *   <li>401, and at any status code 1000 "Invalid API Token", 6003 "Invalid request headers" (a
 *       token not of Cloudflare's shape) or 9106 (no credentials): {@code REJECTED}, "token
 *       rejected".
 *   <li>403: {@code REJECTED} naming the permission the operation needs.
 *   <li>404 on a namespace route: {@code REJECTED} naming the namespace; on an account route:
 *       naming the account.
 *   <li>429, 408 and 5xx: {@code TRANSIENT}, carrying {@code Retry-After} as a {@link RetryAfter}
 *       cause so the retry policy waits at least that long.
 *   <li>Other 4xx, and {@code success:false} on a 2xx: {@code FAILED} with Cloudflare's codes and
 *       messages.
 * </ul>
 *
 * <p>Every text that came from the server is scrubbed of the token first; no message carries a
 * stack trace or a header.
 */
public final class CloudflareErrors {
    // The other codes this reads (invalid token, authentication, key not found, could not route)
    // are core's KvErrorCodes, the ones the sandbox and serve answer with too.
    /** Cloudflare's "Invalid request headers": here, a token that is not of Cloudflare's shape. */
    public static final int INVALID_HEADERS = 6003;
    /** Cloudflare's "Missing X-Auth-Key, X-Auth-Email or Authorization headers". */
    public static final int MISSING_CREDENTIALS = 9106;

    private static final String TOKEN_HINT =
            "check CLOUDFLARE_API_TOKEN: it must be an active API token (not a Global API Key) that can"
                    + " access this account";

    private CloudflareErrors() {}

    /**
     * The exception for an answer that is not a success.
     *
     * @param op what the request was for
     * @param status the HTTP status
     * @param errors the envelope's {@code errors}, empty when the body was not an envelope
     * @param snippet the start of the body, already scrubbed, for answers that are not envelopes
     * @param retryAfter the server's {@code Retry-After}, if it sent one
     * @param token to scrub from everything the server sent
     */
    public static LandfallException from(
            ApiOperation op,
            int status,
            List<ApiMessage> errors,
            String snippet,
            Optional<Duration> retryAfter,
            Secret token) {
        String detail = detail(status, errors, snippet, token);
        String account = op.accountId();
        if (status == 429) {
            return LandfallException.transientFailure(
                    "Cloudflare rate-limited the request to " + op.description() + " (" + detail + ")",
                    "other clients may be using the same token; lower --api-budget to leave them room",
                    new RetryAfter(retryAfter.orElse(Duration.ofSeconds(1))));
        }
        if (status >= 500 || status == 408) {
            return LandfallException.transientFailure(
                    "Cloudflare failed to " + op.description() + " (" + detail + ")",
                    null,
                    retryAfter.map(RetryAfter::new).orElse(null));
        }
        if (tokenRefused(status, errors)) {
            return LandfallException.rejected(
                    "token rejected: Cloudflare refused the API token when asked to " + op.description() + " (" + detail
                            + ")",
                    TOKEN_HINT);
        }
        if (status == 403 || has(errors, KvErrorCodes.AUTHENTICATION)) {
            return LandfallException.rejected(
                    "the API token lacks the permission \"" + op.permission() + "\" for account " + account
                            + ", or that account id is wrong (Cloudflare answered " + detail + " when asked to "
                            + op.description() + ")",
                    "check the account id against the token's accounts ('npx wrangler whoami', or GET"
                            + " /client/v4/accounts with the token); if it is right, give the token the permission "
                            + op.permission() + " for account " + account
                            + " (dashboard: My Profile › API Tokens › Edit), or use a token that has it");
        }
        if (status == 404) {
            return notFound(op, detail, errors);
        }
        return LandfallException.failed(
                "Cloudflare refused to " + op.description() + " (" + detail + ")",
                "retrying will not help; rerun with --verbose and report it if the request looks right");
    }

    /** Whether Cloudflare refused the token itself (not a permission): its absence, shape or validity. */
    public static boolean tokenRefused(int status, List<ApiMessage> errors) {
        return status == 401
                || has(errors, KvErrorCodes.INVALID_TOKEN)
                || has(errors, INVALID_HEADERS)
                || has(errors, MISSING_CREDENTIALS);
    }

    /**
     * A 2xx body that should have been a JSON envelope and was not, or not the JSON expected:
     * {@code FAILED}, in one line that says what came (an HTML page from a proxy, JSON that breaks
     * off), never the parser's internals.
     *
     * @param contentType the answer's Content-Type header, if any
     */
    public static LandfallException malformed(
            ApiOperation op, JsonProcessingException e, Optional<String> contentType, Secret token) {
        String type = contentType.map(t -> t.split(";", 2)[0].strip()).orElse("");
        String came;
        if (type.isEmpty()) {
            came = "a body without a Content-Type";
        } else if (!type.toLowerCase(Locale.ROOT).endsWith("json")) {
            came = type + " (a web page or other non-JSON text, as a proxy or sign-in page answers)";
        } else {
            JsonLocation at = e.getLocation();
            came = "JSON that breaks off or has another shape"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return LandfallException.failed(
                "Cloudflare's answer to " + op.description() + " is not the JSON envelope expected: got "
                        + token.scrub(came),
                "check that CLOUDFLARE_API_BASE_URL points at the Cloudflare API"
                        + " (https://api.cloudflare.com/client/v4) and no proxy stands in between; rerun with --verbose"
                        + " for the parser's words",
                // A scrubbed copy without the parser's chain: --verbose must not show the token either.
                new IOException(token.scrub(String.valueOf(e.getMessage()))));
    }

    /** Whether {@code errors} carries {@code code}. */
    public static boolean has(List<ApiMessage> errors, int code) {
        return errors.stream().anyMatch(e -> e.code() == code);
    }

    private static LandfallException notFound(ApiOperation op, String detail, List<ApiMessage> errors) {
        if (op.namespace().isPresent() && !has(errors, KvErrorCodes.KEY_NOT_FOUND)) {
            return LandfallException.rejected(
                    "kv namespace " + op.namespaceId() + " was not found in account " + op.accountId()
                            + " (Cloudflare answered " + detail + " when asked to " + op.description() + ")",
                    "check the namespace (--kv) against the account's namespaces, and CLOUDFLARE_ACCOUNT_ID");
        }
        if (has(errors, KvErrorCodes.COULD_NOT_ROUTE) || errors.isEmpty()) {
            return LandfallException.rejected(
                    "account " + op.accountId() + " was not found, or the API does not serve this request"
                            + " (Cloudflare answered " + detail + " when asked to " + op.description() + ")",
                    "check CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_BASE_URL");
        }
        return LandfallException.rejected(
                "not found: Cloudflare answered " + detail + " when asked to " + op.description(),
                "check the names given on the command line");
    }

    private static String detail(int status, List<ApiMessage> errors, String snippet, Secret token) {
        if (!errors.isEmpty()) {
            return "HTTP " + status + ": "
                    + errors.stream()
                            .map(e -> token.scrub(e.toString()))
                            .map(CloudflareErrors::abbreviate)
                            .collect(Collectors.joining("; "));
        }
        String s = abbreviate(token.scrub(snippet).replaceAll("\\s+", " ").strip());
        return s.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
