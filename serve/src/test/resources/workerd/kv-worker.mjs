// Plain Workers KV code, as a Worker moving off Cloudflare has it: nothing here knows it runs on
// self-hosted workerd against `landfall serve`; the binding's config is the only difference.
// The test drives it with POST {op, key, value, options}; it answers the call's result as JSON,
// or 500 with the error message KV threw.
export default {
  async fetch(request, env) {
    const { op, key, value, options } = await request.json();
    const kv = env.CONFIG;
    try {
      switch (op) {
        case "put":
          await kv.put(key, value, options);
          return Response.json({ ok: true });
        case "putBytes":
          await kv.put(key, new Uint8Array(value), options);
          return Response.json({ ok: true });
        case "get":
          return Response.json({ value: await kv.get(key, options) });
        case "getBytes": {
          const bytes = await kv.get(key, "arrayBuffer");
          return Response.json({ value: bytes === null ? null : Array.from(new Uint8Array(bytes)) });
        }
        case "getWithMetadata":
          return Response.json(await kv.getWithMetadata(key, options));
        case "getMany":
          return Response.json(Object.fromEntries(await kv.get(key, options)));
        case "list":
          return Response.json(await kv.list(options));
        case "delete":
          await kv.delete(key);
          return Response.json({ ok: true });
        default:
          return new Response("unknown op " + op, { status: 400 });
      }
    } catch (e) {
      return new Response(String(e && e.message || e), { status: 500 });
    }
  },
};
