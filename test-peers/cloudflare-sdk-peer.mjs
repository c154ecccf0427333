// Drives Cloudflare's official SDK (npm `cloudflare`, one of the aliased versions in package.json)
// through a fixed list of calls against a fake API, and prints one JSON line per call:
//   {"case": NAME, "ok": RESULT}  or  {"case": NAME, "error": {"class", "status", "errors"}}
// The caller (sandbox CloudflareSdkFidelityIT) judges the lines; this script asserts nothing, so
// one run shows every mismatch at once.
//
// Input: the JSON in argv[2]: {module, baseURL, token, accountId, namespaces: {listed, writes, expiring},
// prefix, textKey, binaryKey, missingKey, badEscapeKey, script}. The environment is not read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const plan = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const sdk = require(plan.module);
const Cloudflare = sdk.Cloudflare ?? sdk.default;
// Read directly: 7.x's "exports" does not export its package.json.
const manifest = new URL(`./node_modules/${plan.module}/package.json`, import.meta.url);
const major = Number(JSON.parse(readFileSync(manifest, 'utf8')).version.split('.')[0]);

// maxRetries 0: a refusal must surface as the error class the SDK maps it to, not be retried.
const client = (token) => new Cloudflare({ apiToken: token, baseURL: plan.baseURL, maxRetries: 0, timeout: 30_000 });
const cf = client(plan.token);
const account_id = plan.accountId;
const { listed, writes, expiring } = plan.namespaces;

// SDK 4.x puts the namespace id first; 5.x and later take it in the params.
const values = {
  get: (ns, key, c = cf) =>
    major < 5
      ? c.kv.namespaces.values.get(ns, key, { account_id })
      : c.kv.namespaces.values.get(key, { account_id, namespace_id: ns }),
  update: (ns, key, params) =>
    major < 5
      ? cf.kv.namespaces.values.update(ns, key, { account_id, ...params })
      : cf.kv.namespaces.values.update(key, { account_id, namespace_id: ns, ...params }),
  delete: (ns, key) =>
    major < 5
      ? cf.kv.namespaces.values.delete(ns, key, { account_id })
      : cf.kv.namespaces.values.delete(key, { account_id, namespace_id: ns }),
};

async function all(page) {
  const out = [];
  for await (const item of page) out.push(item);
  return out;
}

async function run(name, call) {
  try {
    console.log(JSON.stringify({ case: name, ok: (await call()) ?? null }));
  } catch (e) {
    const error = { class: e?.constructor?.name ?? typeof e, status: e?.status ?? null, errors: e?.errors ?? null };
    if (error.status == null) error.message = String(e?.message ?? e);
    console.log(JSON.stringify({ case: name, error }));
  }
}

const bytes = async (response) => Buffer.from(await response.arrayBuffer()).toString('base64');

await run('namespaces.list', async () =>
  (await all(cf.kv.namespaces.list({ account_id, per_page: 5, order: 'title', direction: 'asc' }))).map((n) => n.title));
let created;
await run('namespaces.create', async () => {
  created = await cf.kv.namespaces.create({ account_id, title: 'sdk-created' });
  return created;
});
await run('namespaces.rename', () => cf.kv.namespaces.update(created.id, { account_id, title: 'sdk-renamed' }));
await run('namespaces.get', () => cf.kv.namespaces.get(created.id, { account_id }));
await run('namespaces.delete', () => cf.kv.namespaces.delete(created.id, { account_id }));
await run('namespaces.get deleted', () => cf.kv.namespaces.get(created.id, { account_id }));

await run('keys.list', async () => (await all(cf.kv.namespaces.keys.list(listed, { account_id }))).length);
await run('keys.list prefix', async () =>
  (await all(cf.kv.namespaces.keys.list(listed, { account_id, prefix: plan.prefix, limit: 100 }))).map((k) => k.name));

// A client fact, not a sandbox fault: the SDK stops at a page with no items even when a cursor follows.
await run('keys.list after an empty page', async () =>
  (await all(cf.kv.namespaces.keys.list(expiring, { account_id, limit: 10 }))).length);
await run('values.get text', async () => (await values.get(listed, plan.textKey)).text());
await run('values.get binary', async () => bytes(await values.get(writes, plan.binaryKey)));
await run('values.update', () =>
  values.update(writes, 'sdk/put', { value: 'put by the sdk', metadata: JSON.stringify({ by: 'sdk' }), expiration_ttl: 600 }));
await run('values.update kept', () =>
  values.update(writes, 'sdk/kept', { value: 'kept', metadata: JSON.stringify({ by: 'sdk' }), expiration_ttl: 600 }));
await run('values.get updated', async () => (await values.get(writes, 'sdk/put')).text());
await run('values.delete', () => values.delete(writes, 'sdk/put'));
await run('values.get deleted', async () => (await values.get(writes, 'sdk/put')).text());
await run('values.get missing', async () => (await values.get(listed, plan.missingKey)).text());
await run('values.get bad escape', async () => (await values.get(listed, plan.badEscapeKey)).text());

const bulk = [
  { key: 'sdk/bulk/1', value: 'one', metadata: { n: 1 } },
  { key: 'sdk/bulk/2', value: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'), base64: true, expiration_ttl: 3600 },
];
await run('bulk.update', () => cf.kv.namespaces.bulkUpdate(writes, { account_id, body: bulk }));
await run('bulk.get', () =>
  cf.kv.namespaces.bulkGet(writes, { account_id, keys: ['sdk/bulk/1', 'sdk/bulk/none'], withMetadata: true }));
await run('bulk.delete', () => cf.kv.namespaces.bulkDelete(writes, { account_id, body: ['sdk/bulk/1', 'sdk/bulk/2'] }));
await run('bulk.get deleted', () => cf.kv.namespaces.bulkGet(writes, { account_id, keys: ['sdk/bulk/1'] }));

await run('tokens.verify', () => cf.user.tokens.verify());
await run('scripts.list', async () => (await all(cf.workers.scripts.list({ account_id }))).map((s) => s.id));
// /settings (bindings) is scriptAndVersionSettings; scripts.settings is /script-settings, which the sandbox lacks.
await run('scripts.settings', () => cf.workers.scripts.scriptAndVersionSettings.get(plan.script, { account_id }));

await run('no token', () => cf.user.tokens.verify({ headers: { authorization: null } }));
await run('malformed token', () => client('not-a-cloudflare-token').user.tokens.verify());
await run('wrong token', () => client('A'.repeat(40)).user.tokens.verify());
await run('unknown namespace', () => cf.kv.namespaces.get('0'.repeat(31) + '1', { account_id }));
await run('foreign account', () =>
  cf.kv.namespaces.get(listed, { account_id: 'f'.repeat(32) }));
