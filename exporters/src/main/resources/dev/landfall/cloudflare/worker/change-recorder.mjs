// Sends changes to the change log (docs/export-worker-protocol.md §7): the one path by which both
// capture wrappers (KV bindings, Durable Object storage) append, so both pick shards the same way.
import { CHANGES_BINDING, SHARDS_VAR, isNamespace, shardCount, shardName, shardOf } from "./capture-config.mjs";

const APPEND_URL = "https://landfall.invalid/append";

/**
 * A function (binding, key, op, expiration) => Promise that resolves once the change is recorded
 * and rejects with the reason otherwise. Throws at once when env has no change log: capture that
 * silently records nothing is the worst failure, since the migration would lose writes.
 *
 * @param who the wrapper, for messages
 */
export function changeRecorder(env, who) {
  const log = env[CHANGES_BINDING];
  if (!isNamespace(log)) {
    throw new Error(
      `${who}: this Worker has no Durable Object binding ${CHANGES_BINDING}; ` +
        `bind class LandfallChangeLog of the export Worker (script_name) as ${CHANGES_BINDING} before deploying the wrap`,
    );
  }
  const shards = shardCount(env);
  const ids = new Map();
  const idOf = (shard) => {
    let id = ids.get(shard);
    if (id === undefined) ids.set(shard, (id = log.idFromName(shardName(shard))));
    return id;
  };
  return (binding, key, op, expiration) => {
    const shard = shardOf(binding, String(key), shards);
    return append(log.get(idOf(shard)), { shard, shards, binding, key: String(key), op, expiration }, who);
  };
}

async function append(stub, change, who) {
  const answer = await stub.fetch(APPEND_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
  const text = await answer.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // reported below
  }
  if (!answer.ok || body === null || typeof body.recorded !== "boolean") {
    throw new Error(
      `${who}: the change log did not record the ${change.op} of a key of ${change.binding} ` +
        `(${answer.status} ${text.slice(0, 200)}). Is ${CHANGES_BINDING} bound to ` +
        `class LandfallChangeLog of the export Worker, with ${SHARDS_VAR} as the export Worker has it?`,
    );
  }
}
