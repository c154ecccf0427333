package dev.landfall.cloudflare.inventory;

/**
 * What listing every key of a KV namespace found ({@code --count-keys}). Value sizes are not in
 * the key list; only reading the values (an export) tells them.
 *
 * @param keys keys listed (expired keys are not listed)
 * @param keyBytes UTF-8 bytes of the key names
 * @param metadataBytes bytes of the keys' metadata JSON
 * @param withExpiration keys that carry an expiration
 * @param listRequests list calls it took (1,000 keys a call)
 */
public record KeyCount(long keys, long keyBytes, long metadataBytes, long withExpiration, long listRequests) {}
