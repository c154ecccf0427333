package dev.landfall.infra.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task CPU/memory pairs Fargate accepts (ECS RegisterTaskDefinition documentation). No
 * CloudFormation schema can express them, so a wrong pair would otherwise fail only at deploy.
 */
public final class FargateSizes {
    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new TreeMap<>(Map.of(
            256, List.of(512, 1024, 2048),
            512, List.of(1024, 2048, 3072, 4096),
            1024, List.of(2048, 3072, 4096, 5120, 6144, 7168, 8192),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192)));

    private FargateSizes() {}

    /** The CPU values Fargate offers, ascending. */
    public static List<Integer> cpus() {
        return List.copyOf(MEMORY_BY_CPU.keySet());
    }

    /** The memory values valid with {@code cpu}, ascending; empty if {@code cpu} is not offered. */
    public static List<Integer> memoryFor(int cpu) {
        return MEMORY_BY_CPU.getOrDefault(cpu, List.of());
    }

    public static boolean isValid(int cpu, int memory) {
        return memoryFor(cpu).contains(memory);
    }

    private static List<Integer> steps(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int m = from; m <= to; m += step) {
            out.add(m);
        }
        return List.copyOf(out);
    }
}
