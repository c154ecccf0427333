package dev.landfall.serve;

import java.util.List;

/** The handlers {@code landfall serve} mounts beside Cloudflare's REST routes, each over the same service. */
public final class MountedRoutes {
    private MountedRoutes() {}

    /** Every mounted route, over {@code kv}. */
    public static List<ServeRoute> of(KvService kv) {
        return List.of(
                // workerd's KV binding (i20-workerd) mounts here:
                // new ServeRoute("/workerd/", "workerd", new dev.landfall.serve.workerd.WorkerdKvHandler(kv)),
                );
    }
}
