package dev.landfall.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** The dual-run mixins read every value once, the same way for verify latency and cutover. */
class DualRunOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DualRunLoadOptions load;

        @Mixin
        SloOptions gate;
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void rateTakesBothFormsAndTheCommandDefaultWhenAbsent() {
        assertThat(parse("--rate", "500/s").load.rate(50)).isEqualTo(500.0);
        assertThat(parse("--rate", "12.5").load.rate(50)).isEqualTo(12.5);
        assertThat(parse().load.rate(50)).isEqualTo(50.0);
        assertThat(parse().load.rate(100)).isEqualTo(100.0);
    }

    @Test
    void badLoadValuesAreRefusedWhenTheLineIsRead() {
        assertThatThrownBy(() -> parse("--rate", "fast"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--rate fast is not a rate");
        assertThatThrownBy(() -> parse("--rate", "0/s")).hasMessageContaining("--rate 0/s is not a rate");
        assertThatThrownBy(() -> parse("--connections", "0")).hasMessageContaining("--connections 0 is out of range");
        assertThatThrownBy(() -> parse("--connections", "1025")).hasMessageContaining("use 1..1024");
        assertThat(parse().load.connections()).isEqualTo(16);
        assertThat(parse("--connections", "4").load.connections()).isEqualTo(4);
    }

    @Test
    void sloAndIgnoreParseOnceWithTheCommandDefault() {
        assertThat(parse("--slo", "p99<=10ms").gate.slo("errors<=1%").toString())
                .isEqualTo("p99<=10ms");
        assertThat(parse().gate.slo("errors<=1%").toString()).isEqualTo("errors<=1%");
        assertThat(parse("--ignore", "$.a", "--ignore", "$.b[*].c").gate.ignore())
                .hasSize(2);
        assertThatThrownBy(() -> parse("--slo", "fast please")).hasMessageContaining("--slo 'fast please'");
        assertThatThrownBy(() -> parse("--ignore", "items")).hasMessageContaining("--ignore items must start with $");
    }
}
