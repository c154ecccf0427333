package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}, {@code plan} and {@code verify data} against a Redis that speaks only TLS
 * ({@code rediss://}), its CA given with {@code cacert=}; and the refusals an operator meets when
 * the CA is not given, is the wrong one, or the file is not a certificate.
 */
class RedisTlsIT {
    @TempDir
    static Path dir;

    private static TlsRedis redis;

    @BeforeAll
    static void startTheServer() throws IOException, InterruptedException {
        redis = TlsRedis.start(dir);
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void importPlanAndVerifyWorkOverTlsWithTheCaGiven() throws IOException {
        Path file = wranglerFile(
                "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\",\"metadata\":{\"x\":1}}]");
        String to = redis.uri("prefix=lf-tls:&cacert=" + redis.ca());

        CliRun before =
                CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to, "--detailed-exitcode");
        assertEquals(4, before.exitCode(), before.err());
        assertTrue(before.out().contains("Plan: 2 to create, 0 to update, 0 to delete."), before.out());

        CliRun imported = CliRun.run("import", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to);
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("kv FLAGS: 2 created"), imported.out());

        CliRun after =
                CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to, "--detailed-exitcode");
        assertEquals(0, after.exitCode(), after.err() + after.out());
        CliRun verify = CliRun.run("verify", "data", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to);
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().contains("Equal: every scope's count and digest match."), verify.out());
        assertFalse((imported.out() + imported.err() + verify.out()).contains(TlsRedis.PASSWORD));
    }

    @Test
    void withoutTheCaTheServerIsRefusedNamingTlsAndTheFix() throws IOException {
        CliRun r = plan(redis.uri("prefix=lf-tls-untrusted:"));

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(
                r.err().contains("the server's TLS certificate is not trusted (no CA this side trusts signed it)"),
                r.err());
        assertTrue(r.err().contains("?cacert=/path/to/ca.pem"), r.err());
        assertFalse(r.err().contains(TlsRedis.PASSWORD), r.err());
    }

    @Test
    void aCaThatDidNotSignTheCertificateIsRefusedNamingTheFile() throws IOException {
        CliRun r = plan(redis.uri("cacert=" + redis.otherCa()));

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("TLS certificate is not trusted"), r.err());
        assertTrue(r.err().contains("cacert=" + redis.otherCa() + " did not sign it"), r.err());
    }

    @Test
    void aHostTheCertificateDoesNotNameIsRefusedNamingTheHost() throws IOException {
        // The certificate lists only the address 127.0.0.1; localhost reaches the same server.
        CliRun r = plan(redis.uri("cacert=" + redis.ca()).replace("@127.0.0.1:", "@localhost:"));

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the server's TLS certificate is not for host localhost"), r.err());
    }

    @Test
    void plainRedisToATlsOnlyServerSuggestsRediss() throws IOException {
        CliRun r = plan(redis.uri("").replace("rediss://", "redis://"));

        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("needs rediss://"), r.err());
    }

    @Test
    void aCacertThatIsNotACertificateOrIsMissingIsAUsageError() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");

        CliRun garbage = plan(redis.uri("cacert=" + notPem));
        CliRun missing = plan(redis.uri("cacert=" + dir.resolve("missing.pem")));
        CliRun plain = plan("redis://127.0.0.1:1/0?cacert=" + redis.ca());

        assertEquals(2, garbage.exitCode(), garbage.err());
        assertTrue(garbage.err().contains("holds no PEM certificate"), garbage.err());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("cannot read cacert file " + dir.resolve("missing.pem")), missing.err());
        assertEquals(2, plain.exitCode(), plain.err());
        assertTrue(plain.err().contains("cacert= is for TLS connections"), plain.err());
    }

    private static CliRun plan(String to) throws IOException {
        Path file = wranglerFile("[{\"key\":\"a\",\"value\":\"1\"}]");
        return CliRun.run("plan", "--from", "wrangler:" + file, "--kv", "FLAGS", "--to", to);
    }

    private static Path wranglerFile(String json) throws IOException {
        Path f = Files.createTempFile(dir, "kv", ".json");
        Files.writeString(f, json);
        return f;
    }
}
