/**
 * A Cloudflare account as a source: {@link dev.landfall.cloudflare.source.CloudflareAccountSource}
 * builds every Cloudflare source (Workers KV over REST or through the export Worker, Durable
 * Objects through the export Worker) from one set of source options, and {@link
 * dev.landfall.cloudflare.source.CloudflareSourceProvider} serves the {@code cloudflare} scheme.
 */
package dev.landfall.cloudflare.source;
