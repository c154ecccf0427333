package dev.landfall.cloudflare.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import dev.landfall.core.config.Secret;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.retry.RetryAfter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudflareErrorsTest {
    private static final String TOKEN = "tok-S3CRET-value-123";
    private static final Secret SECRET = Secret.of(TOKEN);
    private static final ApiOperation LIST =
            new ApiOperation("list keys of kv namespace ns1", ApiOperation.KV_READ, "acct1", "ns1");
    private static final ApiOperation NAMESPACES =
            new ApiOperation("list the kv namespaces of account acct1", ApiOperation.KV_READ, "acct1", null);

    private static LandfallException map(ApiOperation op, int status, List<ApiMessage> errors, String snippet) {
        LandfallException e = CloudflareErrors.from(op, status, errors, snippet, Optional.empty(), SECRET);
        assertClean(e);
        return e;
    }

    static void assertClean(LandfallException e) {
        String all = e.getMessage() + " " + e.hint().orElse("");
        assertFalse(all.contains(TOKEN), "the token leaked: " + all);
        assertFalse(all.contains("\tat "), "no stack trace in a message");
        assertFalse(all.contains("Exception"), all);
    }

    @Test
    void unauthorizedIsTokenRejected() {
        LandfallException e = map(LIST, 401, List.of(new ApiMessage(10000, "Authentication error")), "");
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("token rejected"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("CLOUDFLARE_API_TOKEN"));
        LandfallException invalid = map(LIST, 400, List.of(new ApiMessage(1000, "Invalid API Token")), "");
        assertTrue(invalid.getMessage().startsWith("token rejected"), invalid.getMessage());
        assertEquals(
                ErrorKind.REJECTED,
                map(LIST, 403, List.of(new ApiMessage(1000, "Invalid API Token")), "")
                        .kind());
    }

    @Test
    void aMissingOrMisshapenTokenIsTokenRejectedNotAFailedRequest() {
        // Cloudflare answers both with a 400, which alone would read as a refused request.
        LandfallException missing = map(
                LIST,
                400,
                List.of(new ApiMessage(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers")),
                "");
        assertEquals(ErrorKind.REJECTED, missing.kind());
        assertTrue(missing.getMessage().startsWith("token rejected"), missing.getMessage());
        LandfallException misshapen = map(LIST, 400, List.of(new ApiMessage(6003, "Invalid request headers")), "");
        assertEquals(ErrorKind.REJECTED, misshapen.kind());
        assertTrue(misshapen.getMessage().startsWith("token rejected"), misshapen.getMessage());
        assertEquals(
                ErrorKind.FAILED,
                map(LIST, 400, List.of(new ApiMessage(10026, "Invalid cursor")), "")
                        .kind(),
                "other 400s stay refusals of the request");
    }

    @Test
    void forbiddenNamesThePermission() {
        LandfallException e = map(LIST, 403, List.of(new ApiMessage(10000, "Authentication error")), "");
        assertEquals(ErrorKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("\"Workers KV Storage Read\""), e.getMessage());
        assertTrue(e.getMessage().contains("account acct1"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("Workers KV Storage Read"));
        ApiOperation scripts = new ApiOperation("list the Workers scripts", ApiOperation.SCRIPTS_READ, "acct1", null);
        assertTrue(map(scripts, 403, List.of(), "").getMessage().contains("\"Workers Scripts Read\""));
    }

    @Test
    void notFoundNamesTheNamespaceOrTheAccount() {
        LandfallException ns = map(LIST, 404, List.of(new ApiMessage(10013, "list keys: 'namespace not found'")), "");
        assertEquals(ErrorKind.REJECTED, ns.kind());
        assertTrue(ns.getMessage().startsWith("kv namespace ns1 was not found in account acct1"), ns.getMessage());
        LandfallException account = map(NAMESPACES, 404, List.of(new ApiMessage(7003, "Could not route")), "");
        assertTrue(account.getMessage().startsWith("account acct1 was not found"), account.getMessage());
        assertTrue(account.hint().orElseThrow().contains("CLOUDFLARE_ACCOUNT_ID"));
    }

    @Test
    void rateLimitsAndServerErrorsAreTransientAndKeepRetryAfter() {
        LandfallException e = CloudflareErrors.from(
                LIST,
                429,
                List.of(new ApiMessage(971, "Please wait")),
                "",
                Optional.of(Duration.ofSeconds(42)),
                SECRET);
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertEquals(1, e.exitCode());
        assertEquals(Optional.of(Duration.ofSeconds(42)), RetryAfter.in(e));
        LandfallException s = map(LIST, 503, List.of(), "<html>Service Unavailable</html>");
        assertEquals(ErrorKind.TRANSIENT, s.kind());
        assertTrue(s.getMessage().contains("HTTP 503: <html>Service Unavailable</html>"), s.getMessage());
        assertEquals(ErrorKind.TRANSIENT, map(LIST, 500, List.of(), "").kind());
        assertEquals(ErrorKind.TRANSIENT, map(LIST, 408, List.of(), "").kind());
    }

    @Test
    void otherClientErrorsFailWithCloudflaresCodes() {
        LandfallException e =
                map(LIST, 400, List.of(new ApiMessage(10026, "Invalid cursor 'x'."), new ApiMessage(7, "two")), "");
        assertEquals(ErrorKind.FAILED, e.kind());
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("10026 Invalid cursor 'x'.; 7 two"), e.getMessage());
    }

    @Test
    void theTokenIsScrubbedFromEverythingTheServerSaid() {
        LandfallException e = map(LIST, 400, List.of(new ApiMessage(9, "bad header Bearer " + TOKEN)), "");
        assertTrue(e.getMessage().contains("Bearer ****"), e.getMessage());
        LandfallException f = map(LIST, 418, List.of(), "echo: Authorization: Bearer " + TOKEN);
        assertTrue(f.getMessage().contains("****"), f.getMessage());
        LandfallException m = CloudflareErrors.malformed(
                LIST, new JsonParseException(null, "bad json near " + TOKEN), Optional.of("application/json"), SECRET);
        assertEquals(ErrorKind.FAILED, m.kind());
        assertFalse(m.getMessage().contains(TOKEN));
        assertFalse(m.getCause().getMessage().contains(TOKEN), m.getCause().getMessage());
    }
}
