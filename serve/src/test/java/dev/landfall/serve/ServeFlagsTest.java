package dev.landfall.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeFlagsTest {
    @TempDir
    Path dir;

    private static ServeConfig config(String listen, String bytes, String fresh, Path tokenFile, String env) {
        return new ServeFlags(listen, bytes, fresh, tokenFile, env).config();
    }

    private static void assertUsage(Runnable r, String flag) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.hint()).isPresent();
                })
                .hasMessageStartingWith(flag);
    }

    @Test
    void defaultsAreLoopbackSixtyFourMibAndTenSeconds() {
        ServeConfig c = config(null, null, null, null, null);
        assertThat(c.listen()).hasToString("127.0.0.1:8787");
        assertThat(c.cache().maxBytes()).isEqualTo(64L << 20);
        assertThat(c.cache().freshFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.token()).isEmpty();
    }

    /** /flagz shows each flag as the flag takes it, so a value pasted back gives the same config. */
    @Test
    void flagzShowsEachFlagInItsOwnSyntax() {
        ServeConfig c = config("127.0.0.1:9000", "3MiB", "1500ms", null, null);
        var flags = c.flags("sqlite:x.db");
        assertThat(flags)
                .containsEntry("--listen", "127.0.0.1:9000")
                .containsEntry("--cache-bytes", "3MiB")
                .containsEntry("--fresh-for", "1500ms")
                .containsEntry("drain-for", "20s");
        ServeConfig again =
                config(flags.get("--listen"), flags.get("--cache-bytes"), flags.get("--fresh-for"), null, null);
        assertThat(again.cache()).isEqualTo(c.cache());
        assertThat(config(null, null, null, null, null).flags("sqlite:x.db"))
                .containsEntry("--cache-bytes", "64MiB")
                .containsEntry("--fresh-for", "10s");
        assertThat(config(null, "1025", "2m", null, null).flags("s"))
                .containsEntry("--cache-bytes", "1025")
                .containsEntry("--fresh-for", "2m");
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertThat(config(null, "512KiB", null, null, null).cache().maxBytes()).isEqualTo(512L << 10);
        assertThat(config(null, "2gib", null, null, null).cache().maxBytes()).isEqualTo(2L << 30);
        assertThat(config(null, "0", null, null, null).cache().maxBytes()).isZero();
        assertUsage(() -> config(null, "lots", null, null, null), "--cache-bytes lots");
        assertUsage(() -> config(null, "64MB", null, null, null), "--cache-bytes 64MB");
    }

    @Test
    void freshForMustBeAPositiveDuration() {
        assertThat(config(null, null, "500ms", null, null).cache().freshFor()).isEqualTo(Duration.ofMillis(500));
        assertUsage(() -> config(null, null, "0s", null, null), "--fresh-for 0s");
        assertUsage(() -> config(null, null, "soon", null, null), "--fresh-for soon");
    }

    @Test
    void aListenAddressBeyondLoopbackNeedsAToken() throws Exception {
        assertUsage(() -> config("0.0.0.0:8787", null, null, null, null), "--listen 0.0.0.0:8787");
        assertThat(config("0.0.0.0:8787", null, null, null, "from-env").token()).isPresent();
        assertUsage(() -> config("127.0.0.1", null, null, null, null), "--listen 127.0.0.1");
        assertUsage(() -> config("127.0.0.1:99999", null, null, null, null), "--listen 127.0.0.1:99999");
    }

    @Test
    void theTokenFileWinsOverTheEnvironmentAndIsNeverShown() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  file-token  \nsecond line\n");
        ServeConfig c = config(null, null, null, file, "env-token");
        assertThat(c.token().orElseThrow().reveal()).isEqualTo("file-token");
        assertThat(c.flags("sqlite:x").toString()).doesNotContain("file-token").contains("****");
        Files.writeString(file, "\n");
        assertUsage(() -> config(null, null, null, file, null), "--token-file " + file);
        assertUsage(() -> config(null, null, null, dir.resolve("missing"), null), "--token-file");
    }

    @Test
    void anUnreadableTokenFileIsSaidInWordsNotAnExceptionName() {
        assertThatThrownBy(() -> config(null, null, null, dir.resolve("missing"), null))
                .hasMessage("--token-file " + dir.resolve("missing") + " does not exist");
        assertThatThrownBy(() -> config(null, null, null, dir, null))
                .hasMessage("--token-file " + dir + " is a directory, not a file");
    }

    @Test
    void onlyStoresThatAnswerSingleKeysCanBeServed() {
        assertThat(ServeFlags.store("sqlite:kv.db").scheme()).isEqualTo("sqlite");
        assertThat(ServeFlags.store("postgres://u@h/db").scheme()).isEqualTo("postgres");
        assertThat(ServeFlags.store("rediss://h:6380/0").scheme()).isEqualTo("rediss");
        assertUsage(() -> ServeFlags.store("clickhouse://h/db"), "--store clickhouse://h/db is an events store");
        assertUsage(() -> ServeFlags.store("cloudflare://acc"), "--store cloudflare://acc is Workers KV itself");
        assertUsage(() -> ServeFlags.store("kv.db"), "--store 'kv.db' has no scheme");
        assertThatThrownBy(() -> ServeFlags.store("clickhouse://u:hunter2@h/db"))
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void aBundleIsRefusedNamingItAndTheImportThatMakesItServable() {
        assertThatThrownBy(() -> ServeFlags.store("bundle:out")).isInstanceOfSatisfying(LandfallException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage())
                    .isEqualTo("--store bundle:out is a bundle (exported files), not a store serve can read"
                            + " one key at a time");
            assertThat(e.hint())
                    .hasValue("import it into a store and serve that: landfall import --from bundle:out"
                            + " --to sqlite:landfall.db, then landfall serve --store sqlite:landfall.db");
        });
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingIsOpened() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            assertUsage(() -> ListenAddress.parse(address).checkBindable(), "--listen " + address);
        }
        assertThat(ListenAddress.parse("127.0.0.1:0").checkBindable().port()).isZero();
    }
}
