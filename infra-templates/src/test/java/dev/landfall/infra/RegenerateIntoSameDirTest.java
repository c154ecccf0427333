package dev.landfall.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generating again into the same {@code --out} leaves exactly the new generation there: files of
 * dropped regions and formats go, the operator's own files stay, and a failure changes nothing.
 */
class RegenerateIntoSameDirTest {
    private static final Set<TemplateFormat> ALL =
            EnumSet.of(TemplateFormat.CLOUDFORMATION, TemplateFormat.TERRAFORM, TemplateFormat.COMPOSE);

    @Test
    void threeRegionsThenOneRemovesTheFilesOfTheDroppedRegionsOnly(@TempDir Path out) throws IOException {
        ServiceSpec three = spec("three-region.yaml", specText());
        ServiceSpec one = spec("one-of-three.yaml", onlyFirstRegion(specText()));
        Files.writeString(out.resolve("notes.md"), "mine");
        Files.createDirectories(out.resolve("terraform"));
        Files.writeString(out.resolve("terraform/backend_override.tf"), "mine");

        TemplateGenerator.write(out, three, ALL);
        assertTrue(Files.exists(out.resolve("region-eu-west-1.json")));
        assertTrue(Files.exists(out.resolve("terraform/modules/network/main.tf")), "eu-west-1 creates its VPC");
        WrittenFiles second = TemplateGenerator.write(out, one, ALL);

        assertEquals(
                expected(second, "notes.md", "terraform/backend_override.tf"),
                files(out),
                "the directory holds this generation and the operator's files");
        assertTrue(
                second.removed().contains("region-eu-west-1.json"),
                second.removed().toString());
        assertTrue(
                second.removed().contains("region-ap-southeast-1.json"),
                second.removed().toString());
        assertFalse(Files.exists(out.resolve("terraform/modules/network")), "an emptied module directory goes too");
        assertEquals("mine", Files.readString(out.resolve("notes.md")));
        assertEquals("mine", Files.readString(out.resolve("terraform/backend_override.tf")));
    }

    @Test
    void aDroppedFormatIsRemovedWithItsDirectory(@TempDir Path out) throws IOException {
        ServiceSpec three = spec("three-region.yaml", specText());

        TemplateGenerator.write(out, three, ALL);
        WrittenFiles second = TemplateGenerator.write(out, three, EnumSet.of(TemplateFormat.CLOUDFORMATION));

        assertFalse(Files.exists(out.resolve("terraform")));
        assertFalse(Files.exists(out.resolve("compose")));
        assertEquals(expected(second), files(out));
    }

    @Test
    void theManifestListsEveryFileWrittenAndNothingElse(@TempDir Path out) throws IOException {
        WrittenFiles written = TemplateGenerator.write(out, spec("three-region.yaml", specText()), ALL);

        assertEquals(written.written().keySet(), OutputManifest.read(out));
        assertTrue(written.removed().isEmpty(), "a first generate removes nothing");
    }

    @Test
    void aFileTheManifestDoesNotListIsNeverRemoved(@TempDir Path out) throws IOException {
        // Templates from before the manifest existed, or copied in by hand, are not ours to delete.
        Files.writeString(out.resolve("region-eu-west-1.json"), "{}");

        TemplateGenerator.write(out, spec("one-of-three.yaml", onlyFirstRegion(specText())), ALL);

        assertEquals("{}", Files.readString(out.resolve("region-eu-west-1.json")));
    }

    @Test
    void aManifestNamingAPathOutsideTheDirectoryIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("precious.txt"), "keep");
        Files.writeString(out.resolve(OutputManifest.NAME), "../precious.txt\n");

        LandfallException refused = assertThrows(
                LandfallException.class,
                () -> TemplateGenerator.write(out, spec("three-region.yaml", specText()), ALL));

        assertTrue(refused.getMessage().contains("../precious.txt"), refused.getMessage());
        assertEquals("keep", Files.readString(dir.resolve("precious.txt")));
        assertEquals(List.of(out.resolve(OutputManifest.NAME)), list(out), "nothing was written");
    }

    @Test
    void aSpecThatFailsToGenerateLeavesTheEarlierGenerationInPlace(@TempDir Path out) throws IOException {
        TemplateGenerator.write(out, spec("three-region.yaml", specText()), ALL);
        SortedSet<String> before = files(out);
        ServiceSpec storeNamed =
                spec("store.yaml", onlyFirstRegion(specText()).replace("name: checkout", "name: store"));

        assertThrows(LandfallException.class, () -> TemplateGenerator.write(out, storeNamed, ALL));

        assertEquals(before, files(out));
    }

    /** What {@code out} should hold: this generation, its manifest and the operator's own files. */
    private static SortedSet<String> expected(WrittenFiles written, String... own) {
        SortedSet<String> names = new TreeSet<>(written.written().keySet());
        names.add(OutputManifest.NAME);
        names.addAll(List.of(own));
        return names;
    }

    private static SortedSet<String> files(Path dir) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return names;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** The three-region spec with its second and third regions cut out. */
    private static String onlyFirstRegion(String text) {
        String cut = text.replaceAll("(?s)\n  - name: eu-west-1\n.*?(?=\naccelerator:)", "");
        assertFalse(cut.contains("eu-west-1\n"), "the spec lost its later regions");
        return cut;
    }

    private static ServiceSpec spec(String file, String text) {
        return SpecParser.parse(file, text);
    }

    private static String specText() throws IOException {
        try (InputStream in = RegenerateIntoSameDirTest.class.getResourceAsStream("/specs/three-region.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
