/**
 * Workers KV as a store ({@code --to cloudflare://ACCOUNT}): the way back after a switch. Writes
 * go through the bulk write and bulk delete APIs within the client's API budget; reads go through
 * the REST KV source, so {@code plan}, {@code verify data} and migrate's verification work against
 * it.
 */
package dev.landfall.cloudflare.store;
