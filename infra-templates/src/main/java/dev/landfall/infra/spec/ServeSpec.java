package dev.landfall.infra.spec;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code serve:} section: {@code landfall serve} as a sidecar of every task, on the task's
 * loopback only, serving the region's store with Workers KV semantics (docs/serve.md); and, with
 * {@code workerd:}, the service container running a Worker on self-hosted workerd, its KV bindings
 * pointed at that sidecar.
 *
 * @param image the image with the landfall CLI (the compose kit's {@code Dockerfile.landfall})
 * @param port the loopback port serve listens on
 * @param workerd the Worker the service container runs, if it runs one
 */
public record ServeSpec(String image, int port, Optional<Workerd> workerd) {
    /** serve's port when the spec gives none. */
    public static final int DEFAULT_PORT = 8787;

    public ServeSpec {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(workerd, "workerd");
    }

    /** The address the service (or workerd's KV bindings) reaches serve at. */
    public String loopbackAddress() {
        return "127.0.0.1:" + port;
    }

    /**
     * A Worker run by workerd in the service container.
     *
     * @param script the Worker's ES module file, copied into the image the generated Dockerfile builds
     * @param compatibilityDate the Worker's compatibility date, as in its wrangler config
     * @param kvNamespaces KV binding name → the id of the namespace imported into the store
     */
    public record Workerd(String script, String compatibilityDate, SortedMap<String, String> kvNamespaces) {
        public Workerd {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(compatibilityDate, "compatibilityDate");
            kvNamespaces = Collections.unmodifiableSortedMap(new TreeMap<>(kvNamespaces));
        }
    }
}
