package dev.landfall.infra.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.landfall.infra.spec.ServeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar's script, run by sh with a stand-in java that prints its arguments. */
class ServeSidecarTest {
    private static final ServeSpec SERVE = new ServeSpec("repo/landfall:0.1.0", 8787, Optional.empty());
    /** The sidecar's JVM options: the heap from the container's memory limit. */
    private static final String JAVA = "-XX:MaxRAMPercentage=50 -jar /opt/landfall/landfall.jar ";

    @TempDir
    Path dir;

    private String run(Map<String, String> environment) throws IOException, InterruptedException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", ServeSidecar.script(SERVE)).redirectErrorStream(true);
        sh.environment().clear();
        sh.environment().put("PATH", dir + ":/usr/bin:/bin");
        sh.environment().putAll(environment);
        Process p = sh.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void aStoreSecretIsTheUrlAsItIs() throws Exception {
        assertEquals(
                JAVA + "serve --store postgres://u:p@db:5432/app --listen 127.0.0.1:8787",
                run(Map.of("LANDFALL_STORE_URL", "postgres://u:p@db:5432/app", "LANDFALL_STORE_KIND", "postgres")));
    }

    @Test
    void aHostPortEndpointGetsTheKindAsScheme() throws Exception {
        assertEquals(
                JAVA + "serve --store redis://cache.example:6379 --listen 127.0.0.1:8787",
                run(Map.of("LANDFALL_STORE_KIND", "redis", "LANDFALL_STORE_ENDPOINT", "cache.example:6379")));
    }

    @Test
    void anEndpointThatIsAUrlIsKept() throws Exception {
        assertEquals(
                JAVA + "serve --store rediss://cache.example:6380/0 --listen 127.0.0.1:8787",
                run(Map.of(
                        "LANDFALL_STORE_KIND", "redis", "LANDFALL_STORE_ENDPOINT", "rediss://cache.example:6380/0")));
    }
}
