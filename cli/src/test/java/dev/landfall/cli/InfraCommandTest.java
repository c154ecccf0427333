package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class InfraCommandTest {
    @Test
    void validateSaysHowManyRegions(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        CliRun run = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("valid: 2 region(s) (us-east-1, eu-west-1)"), run.out());
    }

    @Test
    void validateNamesLineColumnAndFixOfABadSpec(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, Files.readString(example(dir)).replace("memory: 1024", "memory: 300"));
        CliRun run = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(spec + ":16:9: memory: memory 300 is not valid with cpu 512"), run.err());
        assertTrue(run.err().contains("hint: with cpu 512 use memory 1024, 2048, 3072, 4096"), run.err());
    }

    @Test
    void validateListsEveryErrorAndPrintsWarnings(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(
                spec,
                Files.readString(example(dir))
                        .replace("api:1.0.0", "api:latest")
                        .replace("port: 8080", "port: https")
                        .replace("cpu: 512", "cpu: \"1024\"")
                        .replace("  min: 2", "  min: 3"));
        CliRun run = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("warning: " + spec + ":9:8: image: "), run.err());
        assertTrue(run.err().contains("landfall: " + spec + " has 3 errors:"), run.err());
        assertTrue(run.err().contains(spec + ":11:7: port: "), run.err());
        assertTrue(run.err().contains("fix: remove the quotes: cpu: 1024"), run.err());
        assertTrue(run.err().contains(spec + ":21:8: tasks.min: "), run.err());
    }

    @Test
    void aWarningShowsTheSpecsValuesEscaped(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(
                spec,
                Files.readString(example(dir))
                        .replace(
                                "image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0",
                                "image: \"111122223333.dkr.ecr.us-east-1.amazonaws.com/api\\e[2J\""));
        CliRun run = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + spec + ":9:8: image: "), run.err());
        assertFalse(run.err().contains("\u001b"), "no raw escape reaches the terminal: " + run.err());
    }

    @Test
    void validateCountsWarningsOfAValidSpec(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, Files.readString(example(dir)).replace("api:1.0.0", "api:latest"));
        CliRun run = CliRun.run("infra", "validate", "--spec", spec.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + spec + ":9:8: image: "), run.err());
        assertTrue(run.err().contains("0 errors, 1 warning(s)"), run.err());
    }

    @Test
    void cutoverWorkerWithoutAnEdgeSaysWhereToAddIt(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        Path out = dir.resolve("infra");
        CliRun run = CliRun.run(
                "infra", "generate", "--spec", spec.toString(), "--out", out.toString(), "--format", "cutover-worker");
        assertEquals(2, run.exitCode());
        assertTrue(
                run.err()
                        .matches("(?s).*" + java.util.regex.Pattern.quote(spec.toString())
                                + ":\\d+:\\d+: cutover.edge: is missing, and --format cutover-worker needs it.*"),
                run.err());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void validateOfAMissingFileSuggestsInit(@TempDir Path dir) {
        CliRun run = CliRun.run(
                "infra", "validate", "--spec", dir.resolve("nope.yaml").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("landfall init --out"), run.err());
    }

    @Test
    void generateWritesRegionalAndGlobalTemplatesAndAReadme(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        Path out = dir.resolve("infra");
        CliRun run = CliRun.run("infra", "generate", "--spec", spec.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(
                    List.of(
                            ".landfall-manifest",
                            "README.md",
                            "global.json",
                            "region-eu-west-1.json",
                            "region-us-east-1.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String global = Files.readString(out.resolve("global.json"));
        assertTrue(global.contains("\"TrafficDialEuWest1\""), global);
        assertTrue(Files.readString(out.resolve("README.md")).contains("aws cloudformation deploy"));

        byte[] first = Files.readAllBytes(out.resolve("region-us-east-1.json"));
        assertEquals(
                0,
                CliRun.run("infra", "generate", "--spec", spec.toString(), "--out", out.toString())
                        .exitCode());
        assertEquals(new String(first), Files.readString(out.resolve("region-us-east-1.json")));
    }

    @Test
    void generateWritesEveryFormatInItsOwnPlace(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        Path out = dir.resolve("infra");
        CliRun run = CliRun.run(
                "infra",
                "generate",
                "--spec",
                spec.toString(),
                "--out",
                out.toString(),
                "--format",
                "cloudformation,terraform,compose");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("global.json")));
        assertTrue(Files.exists(out.resolve("terraform/global/main.tf")));
        assertTrue(Files.exists(out.resolve("terraform/region-us-east-1/main.tf")));
        assertTrue(Files.exists(out.resolve("terraform/modules/region/main.tf")));
        assertTrue(Files.exists(out.resolve("compose/docker-compose.yml")));
        assertTrue(Files.exists(out.resolve("compose/.env.example")));
    }

    @Test
    void generateWithFewerFormatsRemovesTheFilesItNoLongerWritesAndSaysSo(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        Path out = dir.resolve("infra");
        String[] both = {"infra", "generate", "--spec", spec.toString(), "--out", out.toString(), "--format"};
        assertEquals(0, CliRun.run(append(both, "cloudformation,compose")).exitCode());
        Files.writeString(out.resolve("compose/.env"), "mine");

        CliRun run = CliRun.run(append(both, "cloudformation"));

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(out.resolve("compose/docker-compose.yml")));
        assertEquals("mine", Files.readString(out.resolve("compose/.env")), "a file generate did not write stays");
        assertTrue(run.err().contains("removed 4 file(s)"), run.err());
        assertTrue(run.err().contains("compose/docker-compose.yml"), run.err());
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void generateRefusesAnUnknownFormatAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = example(dir);
        Path out = dir.resolve("infra");
        for (String format : List.of("pulumi", "cloudformation,cdk")) {
            CliRun run = CliRun.run(
                    "infra", "generate", "--spec", spec.toString(), "--out", out.toString(), "--format", format);
            assertEquals(2, run.exitCode(), format);
            assertTrue(run.err().contains("is not a template format"), run.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void generateWithABadSpecWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("landfall.yaml");
        Files.writeString(spec, Files.readString(example(dir)).replace("name: eu-west-1", "name: eu-west-9"));
        Path out = dir.resolve("infra");
        CliRun run = CliRun.run("infra", "generate", "--spec", spec.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("did you mean"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void infraAloneShowsItsSubcommandsAndExits2() {
        CliRun run = CliRun.run("infra");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("validate") && run.err().contains("generate"), run.err());
    }

    @Test
    void docsInfraMdListsEveryOptionOfInitAndInfra() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("LANDFALL_PROJECT_DIR", ".."));
        String guide = Files.readString(root.resolve("docs/infra.md"));
        CommandLine cli = Landfall.newCommandLine(new CliContext(System.out, System.err, Map.of()));
        for (CommandLine command : List.of(
                cli.getSubcommands().get("init"),
                cli.getSubcommands().get("infra").getSubcommands().get("validate"),
                cli.getSubcommands().get("infra").getSubcommands().get("generate"))) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                String name = option.longestName();
                if (!name.equals("--help") && !name.equals("--version")) {
                    assertTrue(guide.contains("`" + name), "docs/infra.md does not document " + name);
                }
            }
        }
    }

    private static Path example(Path dir) throws IOException {
        Path spec = dir.resolve("example.yaml");
        if (!Files.exists(spec)) {
            assertEquals(0, CliRun.run("init", "--out", spec.toString()).exitCode());
        }
        return spec;
    }
}
