package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec under {@code specs-refused/} is refused with an error at the pointer its first line
 * names ({@code # expect: <JSON pointer> <substring of the message>}), and every spec under
 * {@code specs/} passes without an error.
 */
class RefusedSpecsTest {
    private static final Path REFUSED = Path.of("src/test/resources/specs-refused");
    private static final Path VALID = Path.of("src/test/resources/specs");
    private static final Pattern EXPECT = Pattern.compile("# expect: (/\\S*) (.+)");

    @TestFactory
    Stream<DynamicTest> eachRefusedSpecIsRefusedAtItsPointer() throws IOException {
        List<Path> specs = yamlFiles(REFUSED);
        assertTrue(specs.size() >= 3, "specs-refused/ holds the deploy-time rules' specs: " + specs);
        return specs.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Matcher expect = EXPECT.matcher(text.lines().findFirst().orElse(""));
                    assertTrue(expect.matches(), file + " must start with '# expect: <pointer> <substring>'");
                    SpecCheck check = SpecParser.check(file.getFileName().toString(), text);
                    assertTrue(
                            check.errors().stream()
                                    .anyMatch(e -> e.pointer().equals(expect.group(1))
                                            && e.problem().contains(expect.group(2))),
                            file + ": expected an error at " + expect.group(1) + " containing '" + expect.group(2)
                                    + "', got " + check.errors());
                    LandfallException refused = assertThrows(LandfallException.class, check::spec);
                    assertEquals(2, refused.exitCode());
                }));
    }

    @TestFactory
    Stream<DynamicTest> eachValidSpecHasNoError() throws IOException {
        List<Path> specs = yamlFiles(VALID);
        assertFalse(specs.isEmpty());
        return specs.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    SpecCheck check = SpecParser.check(file);
                    assertEquals(List.of(), check.errors(), file.toString());
                }));
    }

    @Test
    void theRefusedSpecsDifferFromValidOnesOnlyInTheRuleTheyBreak() throws IOException {
        // The refused specs are the project's own valid specs with one rule broken: fixing it as
        // the error says makes them pass, so the error does not hide a second one.
        String text = Files.readString(REFUSED.resolve("tls-nlb-client-ip.yaml"), StandardCharsets.UTF_8);
        String fixed = text.replace(
                "accelerator:\n  port: 443\n", "accelerator:\n  port: 443\n  clientIpPreservation: false\n");
        assertEquals(List.of(), SpecParser.check("fixed.yaml", fixed).errors());
        String udp = Files.readString(REFUSED.resolve("udp-no-client-ip.yaml"), StandardCharsets.UTF_8);
        assertEquals(
                List.of(),
                SpecParser.check("fixed.yaml", udp.replace("  clientIpPreservation: false\n", ""))
                        .errors());
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
