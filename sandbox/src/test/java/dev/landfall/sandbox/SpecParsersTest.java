package dev.landfall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecParsersTest {

    @ParameterizedTest
    @CsvSource({
        "600/10s,600,10000",
        "1200/5m,1200,300000",
        "100/1s,100,1000",
        "50/500ms,50,500",
        "10/s,10,1000",
        "7/1h,7,3600000"
    })
    void rateLimitParsesRequestsPerWindow(String text, int requests, long windowMillis) {
        RateLimit r = RateLimit.parse(text);
        assertEquals(requests, r.requests());
        assertEquals(Duration.ofMillis(windowMillis), r.window());
        assertEquals(r, RateLimit.parse(r.spec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unlimited", "off", "OFF"})
    void rateLimitCanBeOff(String text) {
        assertTrue(RateLimit.parse(text).unlimited());
    }

    @Test
    void rateLimitRefusesWhatABudgetRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(5, Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new RateLimit(5, null));
        assertEquals("off", RateLimit.UNLIMITED.spec());
        assertEquals("1200/5m", RateLimit.CLOUDFLARE_DEFAULT.spec());
    }

    @Test
    void rateLimitErrorsNameTheText() {
        LandfallException e = bad(RateLimit::parse, "600/10x");
        assertTrue(e.getMessage().startsWith("'600/10x': WINDOW"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("1200/5m"));
        assertTrue(bad(RateLimit::parse, "many/10s").getMessage().contains("REQUESTS must be a whole number"));
        assertTrue(bad(RateLimit::parse, "600").getMessage().contains("REQUESTS/WINDOW"));
        assertTrue(bad(RateLimit::parse, "0/10s").getMessage().contains("between 1"));
        assertTrue(bad(RateLimit::parse, "5/0s").getMessage().contains("at least 1ms"));
        assertEquals("'': a value is required", bad(RateLimit::parse, "").getMessage());
    }

    @Test
    void faultsParseEveryKind() {
        Faults f = Faults.parse("429=0.05,500=0.02,502=0.01,503=0.01,reset=0.01,slow=0.01");
        assertEquals(new Faults(0.05, 0.02, 0.01, 0.01, 0.01, 0.01), f);
        assertEquals(new Faults(0.05, 0, 0, 0, 0, 0), Faults.parse("429=5%"));
        assertEquals(Faults.NONE, Faults.parse("none"));
        assertEquals(Faults.NONE, Faults.parse(""));
        assertEquals(f, Faults.parse(f.spec()));
    }

    @Test
    void faultErrorsNameTheText() {
        assertTrue(bad(Faults::parse, "404=0.1").getMessage().startsWith("'404=0.1': unknown fault kind '404'"));
        assertTrue(bad(Faults::parse, "429=1.5").getMessage().contains("from 0 to 1"));
        assertTrue(bad(Faults::parse, "429=lots").getMessage().contains("must be a number"));
        assertTrue(bad(Faults::parse, "429").getMessage().contains("is not KIND=P"));
        assertTrue(bad(Faults::parse, "429=0.1,429=0.2").getMessage().contains("given twice"));
        assertTrue(bad(Faults::parse, "429=0.6,500=0.6").getMessage().contains("more than 1"));
    }

    @Test
    void kvSeedParses() {
        assertEquals(new KvSeed("SESSIONS", 20000, KvSeed.VARIED), KvSeed.parse("SESSIONS=20000"));
        assertEquals(new KvSeed("USERS", 5000, 1024), KvSeed.parse("USERS=5000:1024"));
        assertEquals(new KvSeed("a=b", 3, KvSeed.VARIED), KvSeed.parse("a=b=3"));
        assertEquals("USERS=5000:1024", KvSeed.parse("USERS=5000:1024").spec());
    }

    @Test
    void kvSeedErrorsNameTheTextAndTheForm() {
        LandfallException e = bad(KvSeed::parse, "SESSIONS=abc");
        assertEquals("'SESSIONS=abc': COUNT must be a whole number", e.getMessage());
        assertEquals(
                "write NAME=COUNT[:VALUE_BYTES], for example SESSIONS=20000:256",
                e.hint().orElseThrow());
        assertTrue(bad(KvSeed::parse, "SESSIONS").getMessage().contains("expected NAME=COUNT[:VALUE_BYTES]"));
        assertTrue(bad(KvSeed::parse, "=5").getMessage().contains("NAME is empty"));
        assertTrue(bad(KvSeed::parse, "S=0").getMessage().contains("COUNT must be between 1"));
        assertTrue(bad(KvSeed::parse, "S=5:x").getMessage().contains("VALUE_BYTES must be a whole number"));
        assertTrue(bad(KvSeed::parse, "S=5:999999999").getMessage().contains("VALUE_BYTES must be between"));
    }

    @Test
    void doSeedParses() {
        assertEquals(new DoSeed("Room", 50, 200), DoSeed.parse("Room=50x200"));
        assertEquals(new DoSeed("Chat_Room", 1, 0), DoSeed.parse("Chat_Room=1X0"));
        LandfallException e = bad(DoSeed::parse, "Room=50");
        assertTrue(e.getMessage().startsWith("'Room=50': expected OBJECTSxKEYS"), e.getMessage());
        assertEquals(
                "write CLASS=OBJECTSxKEYS, for example Room=50x200", e.hint().orElseThrow());
        assertTrue(bad(DoSeed::parse, "9Room=1x1").getMessage().contains("CLASS must be"));
        assertTrue(bad(DoSeed::parse, "Room=ax1").getMessage().contains("OBJECTS must be a whole number"));
        assertTrue(bad(DoSeed::parse, "Room=1xb").getMessage().contains("KEYS must be a whole number"));
    }

    @Test
    void durationParses() {
        assertEquals(Duration.ofMillis(2), SandboxConfig.parseDuration("2ms"));
        assertEquals(Duration.ofSeconds(1), SandboxConfig.parseDuration("1s"));
        assertEquals(Duration.ZERO, SandboxConfig.parseDuration("0"));
        assertTrue(bad(SandboxConfig::parseDuration, "2").getMessage().startsWith("'2': the duration needs a unit"));
        assertTrue(bad(SandboxConfig::parseDuration, "fast").getMessage().contains("number with a unit"));
    }

    @Test
    void configDefaultsAndCopies() {
        SandboxConfig d = SandboxConfig.defaults();
        assertEquals(0, d.port());
        assertTrue(d.token().startsWith("sandbox-token-"));
        assertTrue(d.accountId().matches("[0-9a-f]{32}"));
        assertEquals(RateLimit.CLOUDFLARE_DEFAULT, d.rateLimit());
        assertEquals(new RateLimit(1200, Duration.ofSeconds(300)), d.rateLimit());
        assertEquals(Faults.NONE, d.faults());
        assertEquals(Duration.ZERO, d.latency());
        assertEquals(1L, d.randomSeed());
        assertEquals(d, SandboxConfig.defaults());
        assertTrue(!d.toString().contains(d.token()), "toString masks the token");
        SandboxConfig c = d.toBuilder()
                .port(8787)
                .randomSeed(7)
                .addSeedKv(KvSeed.parse("A=1"))
                .build();
        assertEquals(8787, c.port());
        assertEquals(7, c.randomSeed());
        assertEquals(List.of(new KvSeed("A", 1, 0)), c.seedKv());
        LandfallException dup = assertThrows(
                LandfallException.class,
                () -> c.toBuilder().addSeedKv(KvSeed.parse("A=2")).build());
        assertEquals(ErrorKind.USAGE, dup.kind());
        assertEquals("--seed-kv names the namespace 'A' twice", dup.getMessage());
        assertEquals(Optional.of("give each --seed-kv a different NAME"), dup.hint());
        LandfallException dupDo = assertThrows(
                LandfallException.class,
                () -> SandboxConfig.builder()
                        .addSeedDo(DoSeed.parse("Room=2x1"))
                        .addSeedDo(DoSeed.parse("Room=3x1"))
                        .build());
        assertEquals("--seed-do names the class 'Room' twice", dupDo.getMessage());
        assertEquals(Optional.of("give each --seed-do a different CLASS"), dupDo.hint());
    }

    private static LandfallException bad(Function<String, ?> parser, String text) {
        LandfallException e = assertThrows(LandfallException.class, () -> parser.apply(text));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.hint().isPresent(), "a hint");
        return e;
    }
}
