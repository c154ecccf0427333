package dev.landfall.infra.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit-check service's script, run with {@code sh} as its container would run it (after
 * compose turned {@code $$} into {@code $}): it refuses placeholders and URL-unsafe store
 * passwords, and otherwise hands the password over as a file.
 */
class KitCheckTest {

    @Test
    void realValuesPassAndThePasswordIsWrittenToTheFileExactly(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("REDIS_PASSWORD", "s3cretS3cret", "SESSION_KEY", "k", "SIGNING_SALT", "s"));

        assertEquals(0, result.exit(), result.err());
        assertEquals("s3cretS3cret", Files.readString(dir.resolve("store_password")), "no trailing newline");
    }

    @Test
    void everyChangeMeLeftIsNamedAndNothingIsHandedOver(@TempDir Path dir) throws Exception {
        Result result =
                run(dir, Map.of("REDIS_PASSWORD", "change-me", "SESSION_KEY", "k", "SIGNING_SALT", "change-me"));

        assertEquals(1, result.exit());
        assertTrue(result.err().contains("REDIS_PASSWORD in .env is still change-me"), result.err());
        assertTrue(result.err().contains("SIGNING_SALT in .env is still change-me"), result.err());
        assertFalse(result.err().contains("SESSION_KEY"), result.err());
        assertFalse(Files.exists(dir.resolve("store_password")));
    }

    @Test
    void aStorePasswordThatCannotGoIntoAUrlIsRefused(@TempDir Path dir) throws Exception {
        Result result = run(dir, Map.of("REDIS_PASSWORD", "pa@ss/word", "SESSION_KEY", "k", "SIGNING_SALT", "s"));

        assertEquals(1, result.exit());
        assertTrue(result.err().contains("REDIS_PASSWORD in .env may hold letters and digits only"), result.err());
        assertFalse(Files.exists(dir.resolve("store_password")));
    }

    @Test
    void thePostgresKitChecksItsOwnPasswordAndTheServicesSecret(@TempDir Path dir) throws Exception {
        String script = script("three-region", dir);
        Result result = run(script, Map.of("POSTGRES_PASSWORD", "change-me", "STRIPE_KEY", "change-me"));

        assertEquals(1, result.exit());
        assertTrue(result.err().contains("POSTGRES_PASSWORD in .env is still change-me"), result.err());
        assertTrue(result.err().contains("STRIPE_KEY in .env is still change-me"), result.err());
    }

    private record Result(int exit, String err) {}

    private static Result run(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        return run(script("one-region", dir), env);
    }

    /** The kit's script as the container's shell sees it, writing into {@code dir}. */
    private static String script(String spec, Path dir) {
        String inCompose = ComposeKits.compose(ComposeKits.files(spec))
                .at("/services/kit-check/command/0")
                .asText();
        return inCompose.replace("$$", "$").replace(KitCheck.DIRECTORY + "/", dir.toAbsolutePath() + "/");
    }

    private static Result run(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getInputStream().readAllBytes();
        return new Result(process.waitFor(), err);
    }
}
