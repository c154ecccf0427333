package dev.landfall.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One traffic-dial story in every generated README and in docs/infra.md and docs/cutover.md:
 * {@code landfall cutover} sets a region's dial with {@code UpdateEndpointGroup} during a cutover,
 * the templates only set the initial 0, nothing is deployed while a cutover runs, and afterwards
 * the override the cutover prints makes the templates agree. None may say the stack or
 * {@code terraform apply} moves traffic, or forbid the API the cutover uses.
 */
class DialStoryTest {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?:;])\\s+");
    private static final Pattern STACK_MOVES_TRAFFIC =
            Pattern.compile("(?i)(through the stack|terraform apply -var|(stack|apply)\\b.*\\bstep by step)");
    private static final Pattern STARTS_AT_ZERO = Pattern.compile("default 0\\b|starts at a traffic dial of 0\\b");
    // Forbidding is telling the reader not to change the dials with the API, not any "never" near "API".
    private static final Pattern FORBIDS = Pattern.compile(
            "(?i)\\b(never|do not|don't|must not)\\b.*\\b(change|set|touch|move)\\b.*\\bdials?\\b.*\\bAPI\\b"
                    + "|\\bdials?\\b.*\\bAPI\\b.*\\b(forbidden|not allowed)\\b");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "compose/README.md", "cutover-worker/README.md"})
    void noGeneratedReadmeSaysTheTemplatesMoveTrafficOrForbidsTheApi(String readme) {
        // terraform/README.md is checked by theTerraformReadmeTellsTheStory, disabled until merge.
        assertEquals(List.of(), contradictions(generated().get(readme)), readme);
    }

    @Test
    void theCloudFormationReadmeTellsTheStory() {
        String text = generated().get("README.md");

        assertEquals(List.of(), missing(text, "--parameter-overrides TrafficDial"), "README.md");
    }

    @Test
    void theTerraformReadmeTellsTheStory() {
        String text = generated().get("terraform/README.md");

        assertEquals(List.of(), contradictions(text), "terraform/README.md");
        assertEquals(List.of(), missing(text, "traffic-dials.auto.tfvars"), "terraform/README.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra.md", "cutover.md"})
    void theDocsTellTheStory(String doc) throws IOException {
        String text = Files.readString(docs().resolve(doc), StandardCharsets.UTF_8);

        assertEquals(List.of(), contradictions(text), "docs/" + doc);
        assertEquals(List.of(), missing(text, "--parameter-overrides TrafficDial"), "docs/" + doc);
        assertTrue(text.contains("traffic-dials.auto.tfvars"), "docs/" + doc + " gives the Terraform form too");
    }

    @Test
    void theChecksCatchTheOldWording() {
        String old = "The traffic dials are parameters of the global stack, and `landfall cutover` changes them"
                + " through the stack, step by step. Never change the dials in the Global Accelerator console"
                + " or API: the stack would drift. By hand: terraform apply -var traffic_dial_us_east_1=25.";

        assertEquals(3, contradictions(old).size(), contradictions(old).toString());
        assertEquals(4, missing(old, "--parameter-overrides TrafficDial").size());
    }

    /** The parts of the story {@code text} leaves out; {@code override} is how it names the fix-up. */
    private static List<String> missing(String text, String override) {
        List<String> missing = new ArrayList<>();
        for (String part : List.of("landfall cutover", "UpdateEndpointGroup", "while a cutover runs")) {
            if (!text.contains(part)) {
                missing.add("does not say: " + part);
            }
        }
        if (!STARTS_AT_ZERO.matcher(text).find()) {
            missing.add("does not say the templates start every dial at 0");
        }
        if (!text.contains(override)) {
            missing.add("does not show the override a cutover prints: " + override);
        }
        return missing;
    }

    /** Sentences of {@code text} that tell another story. */
    private static List<String> contradictions(String text) {
        List<String> found = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text.replaceAll("\\s+", " "))) {
            if (STACK_MOVES_TRAFFIC.matcher(sentence).find()) {
                found.add("the templates move traffic: " + sentence);
            } else if (FORBIDS.matcher(sentence).find()) {
                found.add("forbids the API: " + sentence);
            }
        }
        return found;
    }

    private static SortedMap<String, String> generated() {
        try (InputStream in = DialStoryTest.class.getResourceAsStream("/specs/three-region.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return TemplateGenerator.generate(
                    SpecParser.parse("three-region.yaml", text), EnumSet.allOf(TemplateFormat.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As cli's DocsTruthTest: $LANDFALL_PROJECT_DIR (surefire sets it), else a parent with docs/. */
    private static Path docs() {
        String env = System.getenv("LANDFALL_PROJECT_DIR");
        if (env != null && Files.isDirectory(Path.of(env, "docs"))) {
            return Path.of(env, "docs");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/cutover.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("cannot find docs/cutover.md; set LANDFALL_PROJECT_DIR");
    }
}
