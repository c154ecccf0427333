// Runs Landfall's cutover Worker in real workerd (Miniflare's Node API) for CutoverWorkerIT.
//
//   node cutover-peer.mjs WORKER_JS OLD_URL NEW_URL STICKY PERSIST_DIR OLD_MODE [OPTIONS_JSON]
//
// OLD_MODE "binding" binds the old Worker as the service OLD (a Node function forwarding to
// OLD_URL), as deployments do; "url" sets LANDFALL_OLD_ORIGIN instead, which is faster here.
// OPTIONS_JSON: {"vars": {NAME: "text"}, "gate": false}; vars are added to the Worker's (the
// write rules, LANDFALL_CUTOVER_SECRET), and the write gate LANDFALL_WRITE_GATE is bound, SQLite
// backed as the generated wrangler.toml declares it, unless "gate" is false.
//
// Env: LANDFALL_TEST_PEERS, the test-peers directory whose node_modules holds miniflare.
// Prints "ready <url>" once serving, then reads commands on stdin, one per line:
//   dial <json>   writes the dial key into the DIAL namespace; answers "ok"
// It exits when stdin closes.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [workerPath, oldUrl, newUrl, sticky, persist, oldMode, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? "{}");
const require = createRequire(join(process.env.LANDFALL_TEST_PEERS, "package.json"));
const { Miniflare } = require("miniflare");

const mf = new Miniflare({
  modules: true,
  script: readFileSync(workerPath, "utf8"),
  compatibilityDate: "2026-04-01",
  host: "127.0.0.1",
  port: 0,
  cf: false,
  kvNamespaces: { DIAL: "landfall-dial" },
  durableObjects:
    options.gate === false ? {} : { LANDFALL_WRITE_GATE: { className: "LandfallWriteGate", useSQLite: true } },
  // The old Worker, bound as a service: here a Node function forwarding to the test's old server.
  serviceBindings: oldMode !== "binding" ? {} : {
    OLD: async (request) => {
      const url = new URL(request.url);
      const target = new URL(oldUrl);
      url.protocol = target.protocol;
      url.host = target.host;
      return fetch(url, { method: request.method, headers: request.headers, body: request.body, duplex: "half" });
    },
  },
  bindings: {
    LANDFALL_NEW_ORIGIN: newUrl,
    LANDFALL_STICKY: sticky,
    ...(oldMode === "binding" ? {} : { LANDFALL_OLD_ORIGIN: oldUrl }),
    ...(options.vars ?? {}),
  },
  defaultPersistRoot: persist,
});
const url = await mf.ready;
const dial = await mf.getKVNamespace("DIAL");
console.log("ready " + url);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.startsWith("dial ")) {
    await dial.put("landfall-cutover", line.slice(5));
    console.log("ok");
  }
}
await mf.dispose();
