/**
 * The export Worker (docs/export-worker-protocol.md): its JavaScript, shipped as resources beside
 * this package ({@link dev.landfall.cloudflare.worker.WorkerScripts}), and the Java client that
 * reads Durable Objects and KV through it ({@link
 * dev.landfall.cloudflare.worker.ExportWorkerClient}).
 */
package dev.landfall.cloudflare.worker;
