package dev.landfall.cli.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The requests and the load of a dual run, read as one group for verify latency and cutover. */
class DualRunTrafficOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DualRunTrafficOptions traffic;
    }

    private static DualRunTrafficOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.traffic;
    }

    @Test
    void theRequestsAndTheLoadComeFromTheirFlags() throws Exception {
        Path requests = dir.resolve("requests.ndjson");
        Files.writeString(requests, "{\"method\":\"GET\",\"path\":\"/v1/keys/a\"}\n");

        DualRunTrafficOptions traffic =
                parse("--requests", requests.toString(), "--rate", "20/s", "--connections", "4");
        traffic.check("what for");

        assertThat(traffic.rate(50)).isEqualTo(20.0);
        assertThat(traffic.connections()).isEqualTo(4);
        try (RequestCorpus corpus = traffic.open()) {
            assertThat(corpus.next().path()).isEqualTo("/v1/keys/a");
        }
    }

    @Test
    void withoutRequestsTheCommandsHintIsGivenAndTheLoadKeepsItsDefaults() {
        DualRunTrafficOptions traffic = parse();

        assertThat(traffic.rate(50)).isEqualTo(50.0);
        assertThat(traffic.connections()).isEqualTo(DualRunLoadOptions.DEFAULT_CONNECTIONS);
        assertThatThrownBy(() -> traffic.check("what the requests are for"))
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.hint()).hasValue("what the requests are for");
                });
    }
}
