/**
 * The sandbox: a faithful, stateful, in-process stand-in for the Cloudflare API v4 parts Landfall
 * uses, for tests and for {@code landfall sandbox} / {@code landfall demo}.
 *
 * <p>Entry points: {@link dev.landfall.sandbox.SandboxConfig} (with the flag parsers {@link
 * dev.landfall.sandbox.RateLimit#parse}, {@link dev.landfall.sandbox.Faults#parse}, {@link
 * dev.landfall.sandbox.KvSeed#parse}, {@link dev.landfall.sandbox.DoSeed#parse} and {@link
 * dev.landfall.sandbox.SandboxConfig#parseDuration}) and {@link dev.landfall.sandbox.SandboxServer}.
 * Every parser throws a usage {@code LandfallException} whose message starts with the quoted
 * text ({@code 'SESSIONS=abc': COUNT must be a whole number}); the caller prefixes the flag.
 *
 * <p>Choices where Cloudflare's behaviour is unknown or varies (cloudflare-api.md §9):
 *
 * <ul>
 *   <li>No bearer token: 401, code 10000 "Authentication error". A wrong token: 403, code 1000
 *       "Invalid API Token". Authentication comes before routing, so an unknown path without a
 *       token is a 401.
 *   <li>An account id that is not ours: 403 code 10000 when it looks like one (32 hex), else 404
 *       code 7003 "Could not route to …" (plus 7000 "No route for that URI").
 *   <li>Rate limit: never more than the quota in any span of the window (a sliding log per
 *       token); a request over it gets 429 code 971 and locks the token out for one whole window,
 *       {@code Retry-After} counting down to the lockout's end. Unauthenticated requests and
 *       {@code /__sandbox/stats} are free. {@code Ratelimit}/{@code Ratelimit-Policy} go on every
 *       answer except a reset, and on none when the limit is off.
 *   <li>Key lists scan {@code limit} stored keys per page and return the live ones, so pages with
 *       expired keys are short (even empty) while a cursor follows, as Cloudflare documents.
 *   <li>{@code GET …/metadata/{key}} for a key without metadata: {@code result: null}.
 *   <li>Key over 512 bytes: 414 (Miniflare's status); expiration below 60 s: 400 code 10033.
 *   <li>Bulk get with {@code type: "text"} decodes values that are not UTF-8 as a WHATWG
 *       {@code TextDecoder} does (one U+FFFD per maximal subpart), or refuses them with a 400 when
 *       {@link dev.landfall.sandbox.InvalidUtf8#ERROR} is configured: Cloudflare does not document
 *       which it does.
 *   <li>Durable Object object lists carry the cursor both as {@code result_info.cursor} and
 *       {@code result_info.cursors.after}.
 *   <li>Queues are not served.
 * </ul>
 */
package dev.landfall.sandbox;
