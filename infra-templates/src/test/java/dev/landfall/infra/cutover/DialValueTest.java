package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dial key's JSON: the read split's members are added and kept without disturbing percent and
 * shadow, and a dial without them is written exactly as before they existed.
 */
class DialValueTest {
    private static DialValue parse(String json) {
        return DialValue.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(DialValue dial) {
        return new String(dial.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void aDialWithoutTheReadSplitIsWrittenAsBefore() {
        assertThat(text(DialValue.EMPTY.withTraffic(25, 0))).isEqualTo("{\"version\":1,\"percent\":25,\"shadow\":0}");
        assertThat(text(DialValue.EMPTY.withTraffic(12.5, 5)))
                .isEqualTo("{\"version\":1,\"percent\":12.5,\"shadow\":5}");
        assertThat(new String(EdgeSplit.dialJson(100, 0), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"percent\":100,\"shadow\":0}");
        DialValue old = parse("{\"version\":1,\"percent\":50,\"shadow\":10}");
        assertThat(old.split()).isFalse();
        assertThat(old.writes()).isEqualTo(WriteRoute.OLD);
        assertThat(text(old)).isEqualTo("{\"version\":1,\"percent\":50,\"shadow\":10}");
    }

    @Test
    void changingWritesKeepsPercentShadowAndUnknownMembers() {
        DialValue before = parse("{\"version\":1,\"percent\":40,\"shadow\":5,\"split\":true,\"note\":\"ops\"}");
        DialValue gated = before.withWrites(WriteRoute.GATE);
        assertThat(text(gated))
                .isEqualTo(
                        "{\"version\":1,\"percent\":40,\"shadow\":5,\"split\":true,\"writes\":\"gate\",\"note\":\"ops\"}");
        assertThat(parse(text(gated))).isEqualTo(gated);
        assertThat(text(gated.withTraffic(60, 5)))
                .as("a cutover step keeps where writes go")
                .isEqualTo(
                        "{\"version\":1,\"percent\":60,\"shadow\":5,\"split\":true,\"writes\":\"gate\",\"note\":\"ops\"}");
        assertThat(text(gated.withWrites(WriteRoute.OLD)))
                .as("old is what an absent member means")
                .isEqualTo("{\"version\":1,\"percent\":40,\"shadow\":5,\"split\":true,\"note\":\"ops\"}");
    }

    @Test
    void writesCountOnlyWithTheReadSplitOn() {
        assertThatThrownBy(() -> DialValue.EMPTY.withWrites(WriteRoute.GATE))
                .isInstanceOfSatisfying(
                        LandfallException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("only with the read split on");
        DialValue newWrites = DialValue.EMPTY.withSplit(true).withWrites(WriteRoute.NEW);
        assertThatThrownBy(() -> newWrites.withSplit(false))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("cannot be turned off while the dial sends writes to new");
        assertThat(newWrites.withWrites(WriteRoute.OLD).withSplit(false)).isEqualTo(DialValue.EMPTY);
    }

    @Test
    void itReadsTheDialAsTheWorkerDoes() {
        assertThat(parse("{\"split\":\"true\",\"writes\":\"gate\"}").split())
                .as("only the boolean true turns it on")
                .isFalse();
        assertThat(parse("{\"split\":true,\"writes\":\"sideways\"}").writes())
                .as("an unknown route means old")
                .isEqualTo(WriteRoute.OLD);
        assertThat(parse("7")).isEqualTo(DialValue.EMPTY);
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyIsChangedByReadModifyWriteAndReadBack() {
        MemoryDialKey key = new MemoryDialKey("{\"version\":1,\"percent\":30,\"shadow\":0,\"split\":true}");
        DialValue written = key.change(d -> d.withWrites(WriteRoute.GATE));
        assertThat(key.text())
                .isEqualTo("{\"version\":1,\"percent\":30,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");
        assertThat(key.dial()).isEqualTo(written);

        MemoryDialKey broken = new MemoryDialKey("{oops");
        assertThatThrownBy(broken::dial)
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("does not hold a dial the Worker can read");
        broken.change(d -> d.withSplit(true));
        assertThat(broken.text())
                .as("an unreadable dial counts as empty, as for the Worker")
                .isEqualTo("{\"version\":1,\"percent\":0,\"shadow\":0,\"split\":true}");
    }

    @Test
    void aDialThatReadsBackDifferentlyIsAnError() {
        DialKey lossy = new DialKey() {
            @Override
            public String describe() {
                return "key landfall-cutover in a namespace someone else writes";
            }

            @Override
            public Optional<byte[]> read() {
                return Optional.of("{\"version\":1,\"percent\":0,\"shadow\":0}".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void write(byte[] value) {}
        };
        assertThatThrownBy(() -> lossy.change(d -> d.withSplit(true)))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("reads back differently");
    }

    @Test
    void edgeSplitStepsKeepTheWriteRouteAndTheReadSplitModeTurnsItOn() {
        MemoryDialKey key =
                new MemoryDialKey("{\"version\":1,\"percent\":10,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");
        List<String> journal = new ArrayList<>();
        new EdgeSplit(key, 0, CallJournal.live(journal::add), d -> {}, Duration.ZERO).set(25);
        assertThat(key.text())
                .isEqualTo("{\"version\":1,\"percent\":25,\"shadow\":0,\"split\":true,\"writes\":\"gate\"}");

        MemoryDialKey fresh = new MemoryDialKey();
        EdgeSplit reads = new EdgeSplit(fresh, 5, true, CallJournal.live(journal::add), d -> {}, Duration.ZERO);
        reads.set(50);
        assertThat(fresh.text()).isEqualTo("{\"version\":1,\"percent\":50,\"shadow\":5,\"split\":true}");
        assertThat(reads.current()).isEqualTo(50.0);
        assertThat(reads.label()).isEqualTo("edge read split");

        MemoryDialKey dry = new MemoryDialKey("{\"version\":1,\"percent\":10,\"shadow\":0}");
        List<String> printed = new ArrayList<>();
        new EdgeSplit(dry, 0, true, CallJournal.dryRun(printed::add), d -> {}, Duration.ZERO).set(20);
        assertThat(dry.writes()).as("a dry run writes nothing").isZero();
        assertThat(printed)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("would  kv:write")
                        .endsWith("{\"version\":1,\"percent\":20,\"shadow\":0,\"split\":true}"));
    }
}
