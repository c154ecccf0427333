/**
 * The change log of a live migration read from the export Worker (docs/export-worker-protocol.md
 * §7): {@link dev.landfall.cloudflare.capture.WorkerChangeLog} maps each captured binding to the
 * run's KV namespace and resolves changes into current entries through the Worker's KV routes.
 */
package dev.landfall.cloudflare.capture;
