package dev.landfall.serve;

import dev.landfall.serve.workerd.WorkerdKvHandler;
import java.util.List;

/** The handlers {@code landfall serve} mounts beside Cloudflare's REST routes, each over the same service. */
public final class MountedRoutes {
    private MountedRoutes() {}

    /** Every mounted route, over {@code kv}. */
    public static List<ServeRoute> of(KvService kv) {
        // Picked by the namespace header, or by the header workerd's binding sends on every request
        // when the namespace header is missing: the handler then says how to set it, where serve's
        // own routes would answer 404, which a Worker's get reads as "no such key".
        return List.of(ServeRoute.withAnyHeader(
                List.of(WorkerdKvHandler.NAMESPACE_HEADER, WorkerdKvHandler.BINDING_HEADER),
                "workerd",
                new WorkerdKvHandler(kv)));
    }
}
