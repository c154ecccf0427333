/**
 * {@code landfall serve}: a store's KV namespaces over HTTP with Workers KV semantics, hot in
 * memory. The store side is {@link dev.landfall.core.spi.KvAccess}; this package owns the HTTP
 * shapes (Cloudflare's REST routes and the one workerd's KV binding speaks), the cache and the
 * service's own pages.
 */
package dev.landfall.serve;
