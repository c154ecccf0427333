package dev.landfall.infra.serve;

import dev.landfall.infra.spec.ServiceSpec;

/**
 * The serve sidecar's JVM: a memory limit of its own inside the task, the heap a fixed share of
 * that limit, and the collector chosen rather than left to ergonomics, which pick by the CPUs and
 * memory the JVM happens to see (docs/serve.md says why these).
 */
public final class ServeJvm {
    /** The least a sidecar gets: a 64 MiB cache, Jetty and the JVM's own memory fit in it. */
    static final int MIN_MEMORY_MIB = 256;

    /**
     * Half the container's limit for the heap; the rest is metaspace, code cache, thread stacks
     * and Jetty's direct buffers, which a heap bound does not cover.
     */
    static final String OPTIONS = "-XX:MaxRAMPercentage=50 -XX:+UseSerialGC";

    private ServeJvm() {}

    /**
     * The sidecar container's hard memory limit in MiB: a quarter of the task's, at least {@link
     * #MIN_MEMORY_MIB}. A limit only caps serve: the service may use whatever serve leaves, and the
     * JVM sizes its heap from this limit because the container's own cgroup carries it.
     */
    public static int memoryMiB(ServiceSpec spec) {
        return Math.max(MIN_MEMORY_MIB, spec.memory() / 4);
    }

    /** The command line that starts serve, up to its flags. */
    public static String command() {
        return "java " + OPTIONS + " -jar /opt/landfall/landfall.jar serve";
    }
}
