/**
 * The Cloudflare API client: {@link dev.landfall.cloudflare.api.CloudflareClient}, built from a
 * {@link dev.landfall.cloudflare.api.CloudflareEndpoint} (where, which account, which token) and
 * {@link dev.landfall.cloudflare.api.CloudflareClientOptions} (budget, concurrency, retries, time,
 * trace). Every request of a client passes one shared rate limiter and one {@link
 * dev.landfall.core.retry.RetryPolicy}; every failure becomes a {@link
 * dev.landfall.core.error.LandfallException} through {@link
 * dev.landfall.cloudflare.api.CloudflareErrors}; {@link
 * dev.landfall.cloudflare.api.CloudflareClient#stats()} counts requests, 429s, retries and bytes.
 * The token appears only in the {@code Authorization} header: never in a message, a trace line or
 * a {@code toString}.
 */
package dev.landfall.cloudflare.api;
