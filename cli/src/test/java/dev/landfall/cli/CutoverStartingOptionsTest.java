package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.cli.cutover.StartingOptions;
import dev.landfall.core.error.LandfallException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** What a cutover keeps of its command line for a resume, and how a resume's command line is made. */
class CutoverStartingOptionsTest {
    private static final Path STATE = Path.of("/srv/state.json");

    private static ParseResult cutover(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cutover";
        System.arraycopy(args, 0, all, 1, args.length);
        return Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()))
                .parseArgs(all)
                .subcommand();
    }

    @Test
    void keepsTheOptionsAsTypedAndWhatTheSpecFilledInButNothingOfOneInvocation() {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("--steps", "5,25,50,100");
        spec.put("--bake", "10m");
        spec.put("--baseline", "https://api-worker.example.workers.dev");
        Map<String, List<String>> kept = StartingOptions.of(
                cutover(
                        "--state",
                        "s.json",
                        "--verbose",
                        "--dry-run",
                        "--region",
                        "eu-west-1",
                        "--bake",
                        "5m",
                        "--ignore",
                        "$.a",
                        "--ignore=$.b",
                        "--no-verify",
                        "--candidate",
                        "https://user:pw@new.example.com"),
                spec);

        assertThat(kept)
                .containsExactly(
                        Map.entry("--region", List.of("eu-west-1")),
                        Map.entry("--bake", List.of("5m")),
                        Map.entry("--ignore", List.of("$.a", "$.b")),
                        Map.entry("--no-verify", List.of()),
                        Map.entry("--steps", List.of("5,25,50,100")),
                        Map.entry("--baseline", List.of("https://api-worker.example.workers.dev")));
        assertThat(kept.toString()).as("a password is never saved").doesNotContain("pw");
    }

    @Test
    void aResumeRepeatsTheSavedOptionsAcceptsTheSameAgainAndAddsNewOnes() {
        Map<String, List<String>> saved = new LinkedHashMap<>();
        saved.put("--region", List.of("eu-west-1"));
        saved.put("--slo", List.of("p99<=50ms,errors<=0.1%"));
        saved.put("--no-verify", List.of());
        List<String> notes = new ArrayList<>();

        List<String> args = StartingOptions.resumed(
                saved,
                cutover("--resume", "--region", "eu-west-1", "--no-verify", "--rate", "20", "--dry-run"),
                STATE,
                notes::add);

        assertThat(args)
                .containsExactly(
                        "--region=eu-west-1",
                        "--slo=p99<=50ms,errors<=0.1%",
                        "--no-verify",
                        "--rate=20",
                        "--resume",
                        "--state=" + STATE,
                        "--dry-run");
        assertThat(notes).isEmpty();
        assertThat(cutover(args.toArray(String[]::new)).hasMatchedOption("--slo"))
                .isTrue();
    }

    @Test
    void aDifferentValueIsRefusedButAFollowersNewAddressIsTaken() {
        Map<String, List<String>> saved =
                Map.of("--steps", List.of("10,100"), "--follow-status", List.of("http://127.0.0.1:9464"));

        assertThatThrownBy(() ->
                        StartingOptions.resumed(saved, cutover("--resume", "--steps", "10,50,100"), STATE, n -> {}))
                .isInstanceOf(LandfallException.class)
                .hasMessage("--resume: --steps 10,50,100 differs from --steps 10,100, which the cutover in " + STATE
                        + " was started with")
                .satisfies(e -> assertThat(((LandfallException) e).exitCode()).isEqualTo(2));

        List<String> notes = new ArrayList<>();
        List<String> args = StartingOptions.resumed(
                saved, cutover("--resume", "--follow-status", "http://127.0.0.1:9999"), STATE, notes::add);
        assertThat(args)
                .contains("--follow-status=http://127.0.0.1:9999")
                .doesNotContain("--follow-status=http://127.0.0.1:9464");
        assertThat(notes)
                .containsExactly("--follow-status http://127.0.0.1:9999 instead of --follow-status"
                        + " http://127.0.0.1:9464, which the cutover was started with");
    }
}
