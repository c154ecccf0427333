/**
 * Workers KV over the REST API as a {@link dev.landfall.core.spi.Source}: {@link
 * dev.landfall.cloudflare.kv.KvRestSource}, its checkpoint view {@link
 * dev.landfall.cloudflare.kv.KvListPosition} and its per-namespace {@link
 * dev.landfall.cloudflare.kv.KvScopeCounters}.
 */
package dev.landfall.cloudflare.kv;
