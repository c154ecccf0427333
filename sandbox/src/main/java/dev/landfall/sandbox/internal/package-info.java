/**
 * The sandbox's implementation: routing, Cloudflare's envelope and errors, KV state, seeding,
 * rate limiting and faults. Internal to the sandbox module: other modules must not use it.
 */
package dev.landfall.sandbox.internal;
