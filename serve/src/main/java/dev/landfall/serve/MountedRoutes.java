package dev.landfall.serve;

import dev.landfall.serve.workerd.WorkerdKvHandler;
import java.util.List;

/** The handlers {@code landfall serve} mounts beside Cloudflare's REST routes, each over the same service. */
public final class MountedRoutes {
    private MountedRoutes() {}

    /** Every mounted route, over {@code kv}. */
    public static List<ServeRoute> of(KvService kv) {
        return List.of(ServeRoute.withHeader(WorkerdKvHandler.NAMESPACE_HEADER, "workerd", new WorkerdKvHandler(kv)));
    }
}
