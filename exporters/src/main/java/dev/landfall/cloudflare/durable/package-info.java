/**
 * Durable Objects as a {@link dev.landfall.core.spi.Source}: objects listed over the REST API,
 * storage and SQL tables read through the export Worker ({@link
 * dev.landfall.cloudflare.durable.DurableObjectSource}).
 */
package dev.landfall.cloudflare.durable;
