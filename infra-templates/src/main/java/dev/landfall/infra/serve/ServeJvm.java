package dev.landfall.infra.serve;

import dev.landfall.infra.spec.ServiceSpec;

/**
 * The serve sidecar's JVM: a memory limit of its own inside the task and the heap a fixed share of
 * that limit. The collector is the JVM's default: in a container under 1792 MiB that is the
 * serial one; a comparison of collectors on the shared build machine was inconclusive
 * (docs/serve.md).
 */
public final class ServeJvm {
    /**
     * What a sidecar gets at least, unless that is more than half the task: measured, serve's
     * resident memory with a 128 MiB heap and a cache filling up was 221 MiB, too near 256.
     */
    static final int MIN_MEMORY_MIB = 384;

    /**
     * Half the container's limit for the heap; the rest is metaspace, code cache, thread stacks
     * and Jetty's direct buffers, which a heap bound does not cover.
     */
    static final String OPTIONS = "-XX:MaxRAMPercentage=50";

    private ServeJvm() {}

    /**
     * The sidecar container's hard memory limit in MiB: a quarter of the task's, at least {@link
     * #MIN_MEMORY_MIB}, at most half the task's. A limit only caps serve: the service may use
     * whatever serve leaves, and the JVM sizes its heap from this limit because the container's
     * own cgroup carries it.
     */
    public static int memoryMiB(ServiceSpec spec) {
        return Math.min(spec.memory() / 2, Math.max(MIN_MEMORY_MIB, spec.memory() / 4));
    }

    /** The command line that starts serve, up to its flags. */
    public static String command() {
        return "java " + OPTIONS + " -jar /opt/landfall/landfall.jar serve";
    }
}
