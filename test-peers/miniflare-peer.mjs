// Starts one Miniflare (real workerd) instance for Landfall's tests and benchmarks, through its
// Node API as shared/reference/cloudflare-peers.md recommends: loopback only, `cf: false` (no
// fetch of workers.cloudflare.com) and the persist directory the caller gives (fresh per run).
//
//   node miniflare-peer.mjs CONFIG.json
//
// CONFIG: {"scriptPath": "/abs/worker.mjs", "persistDir": "/abs/dir",
//          "kvNamespaces": {"BINDING": "namespace-id"},
//          "durableObjects": {"BINDING": {"className": "C", "useSQLite": true}},
//          "vars": {"NAME": "text"}, "compatibilityDate": "2026-04-01"}
// The export secret comes from the environment (LANDFALL_EXPORT_SECRET), never from a file.
// Prints one line {"url": "http://127.0.0.1:PORT/"} on stdout when ready, then runs until its
// standard input closes, and disposes the runtime before exiting.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Miniflare } from "miniflare";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const bindings = { ...(config.vars ?? {}) };
if (process.env.LANDFALL_EXPORT_SECRET !== undefined) {
  bindings.LANDFALL_EXPORT_SECRET = process.env.LANDFALL_EXPORT_SECRET;
}
const mf = new Miniflare({
  modules: true,
  scriptPath: config.scriptPath,
  // Module names are relative to this root; imports must stay below the script's directory.
  modulesRoot: dirname(config.scriptPath),
  compatibilityDate: config.compatibilityDate ?? "2026-04-01",
  host: "127.0.0.1",
  port: 0,
  cf: false,
  bindings,
  kvNamespaces: config.kvNamespaces ?? {},
  durableObjects: config.durableObjects ?? {},
  defaultPersistRoot: config.persistDir,
});
const url = await mf.ready;
process.stdout.write(JSON.stringify({ url: url.toString() }) + "\n");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await mf.dispose();
  process.exit(0);
}
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
