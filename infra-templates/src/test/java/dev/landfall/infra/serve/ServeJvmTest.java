package dev.landfall.infra.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sidecar's memory limit follows the task's size, with a floor, and the heap follows the limit. */
class ServeJvmTest {
    private static ServiceSpec withTask(int cpu, int memory) throws IOException {
        try (InputStream in = ServeJvmTest.class.getResourceAsStream("/specs/serve-workerd.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("cpu: 512\nmemory: 1024", "cpu: " + cpu + "\nmemory: " + memory);
            return SpecParser.parse("serve-workerd.yaml", text);
        }
    }

    @Test
    void aQuarterOfTheTask() throws Exception {
        assertEquals(1024, ServeJvm.memoryMiB(withTask(1024, 4096)));
        assertEquals(2048, ServeJvm.memoryMiB(withTask(2048, 8192)));
    }

    @Test
    void atLeast384MiB() throws Exception {
        assertEquals(384, ServeJvm.memoryMiB(withTask(512, 1024)));
        assertEquals(384, ServeJvm.memoryMiB(withTask(256, 1024)));
    }

    @Test
    void neverMoreThanHalfTheTask() throws Exception {
        assertEquals(256, ServeJvm.memoryMiB(withTask(256, 512)));
    }

    /**
     * The options as this JDK 17 reads them, with {@code -XX:MaxRAM} standing in for the container's
     * limit: a flag the JVM did not know would stop serve from starting at all.
     */
    @Test
    void theHeapIsHalfTheContainerLimit() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxRAM=384m");
        String options = ServeJvm.command().replaceFirst("^java ", "").replaceFirst(" -jar .*$", "");
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), flags);

        assertEquals(String.valueOf(192L * 1024 * 1024), flag(flags, "MaxHeapSize"));
    }

    private static String flag(String flags, String name) {
        Matcher m =
                Pattern.compile("(?m)^\\s*\\S+\\s+" + name + "\\s+=\\s+(\\S+)").matcher(flags);
        if (!m.find()) {
            throw new AssertionError(name + " not in -XX:+PrintFlagsFinal");
        }
        return m.group(1);
    }
}
