package dev.landfall.infra;

import dev.landfall.infra.cloudformation.CloudFormationGenerator;
import dev.landfall.infra.cloudformation.TemplateWriter;
import dev.landfall.infra.compose.ComposeGenerator;
import dev.landfall.infra.cutover.CutoverWorkerKit;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.terraform.TerraformGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code infra generate} as a library: every file of the chosen formats from one spec, the same
 * bytes for the same spec. All files are generated before any is written, so a failure leaves the
 * output directory untouched; after a write the directory holds exactly this generation's files
 * besides the operator's own.
 */
public final class TemplateGenerator {
    private TemplateGenerator() {}

    /**
     * The first line of every generated template, CloudFormation's description or Terraform's
     * heading comment: what the file is, and that it is regenerated rather than edited.
     */
    public static String notice(String what) {
        return "Landfall: " + what + " (generated from landfall.yaml; do not edit)";
    }

    /** The files of {@code formats}, by path relative to the output directory, in name order. */
    public static SortedMap<String, String> generate(ServiceSpec spec, Set<TemplateFormat> formats) {
        SortedMap<String, String> files = new TreeMap<>();
        for (TemplateFormat format : formats) {
            Map<String, String> generated = generator(format).apply(spec);
            generated.forEach((name, text) -> files.put(format.directory() + name, text));
        }
        return files;
    }

    /**
     * Generates and writes; our files are replaced, files an earlier generate wrote and this one
     * does not are removed ({@link OutputManifest}), other files in {@code dir} are left alone.
     *
     * @return the files written and the files removed
     */
    public static WrittenFiles write(Path dir, ServiceSpec spec, Set<TemplateFormat> formats) {
        SortedMap<String, String> files = generate(spec, formats);
        SortedSet<String> previous = OutputManifest.read(dir);
        // Until the stale files are gone the manifest lists them too, so a crash in between
        // leaves every file of ours listed for the next run to clean up.
        SortedSet<String> both = new TreeSet<>(previous);
        both.addAll(files.keySet());
        TemplateWriter.write(dir, Map.of(OutputManifest.NAME, OutputManifest.render(both)));
        TemplateWriter.write(dir, files);
        SortedSet<String> removed = OutputManifest.removeStale(dir, previous, files.keySet());
        TemplateWriter.write(dir, Map.of(OutputManifest.NAME, OutputManifest.render(files.keySet())));
        return new WrittenFiles(files, removed);
    }

    /** The formats' names, for messages: {@code cloudformation, terraform}. */
    public static String names(Set<TemplateFormat> formats) {
        return formats.stream().map(TemplateFormat::flag).sorted().collect(Collectors.joining(", "));
    }

    private static Function<ServiceSpec, ? extends Map<String, String>> generator(TemplateFormat format) {
        return switch (format) {
            case CLOUDFORMATION -> CloudFormationGenerator::generate;
            case TERRAFORM -> TerraformGenerator::generate;
            case COMPOSE -> ComposeGenerator::generate;
            case CUTOVER_WORKER -> CutoverWorkerKit::generate;
        };
    }
}
