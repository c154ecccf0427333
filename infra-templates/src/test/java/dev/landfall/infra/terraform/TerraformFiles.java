package dev.landfall.infra.terraform;

import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The test specs and what the Terraform generator makes of them. */
final class TerraformFiles {
    private static final Pattern ALIGNED = Pattern.compile("(?m)^( *[^ \\n=]+) += ");
    static final List<String> SPECS =
            List.of("one-region", "three-region", "udp", "tls-nlb", "example", "serve-workerd");

    private TerraformFiles() {}

    static ServiceSpec spec(String name) {
        if (name.equals("example")) {
            return SpecParser.parse("landfall.yaml", SpecExample.text());
        }
        try (InputStream in = TerraformFiles.class.getResourceAsStream("/specs/" + name + ".yaml")) {
            return SpecParser.parse(name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SortedMap<String, String> files(String name) {
        return TerraformGenerator.generate(spec(name));
    }

    /**
     * The generated files with terraform fmt's alignment taken out ({@code name   = x} → {@code
     * name = x}), so structural tests can look for an attribute without knowing its neighbours.
     */
    static SortedMap<String, String> unaligned(String name) {
        SortedMap<String, String> files = new TreeMap<>();
        files(name)
                .forEach((path, text) -> files.put(path, ALIGNED.matcher(text).replaceAll("$1 = ")));
        return files;
    }

    /** The directories holding .tf files, each a module: roots and {@code modules/*}, with a trailing slash. */
    static SortedSet<String> modules(SortedMap<String, String> files) {
        SortedSet<String> dirs = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.endsWith(".tf")) {
                dirs.add(path.substring(0, path.lastIndexOf('/') + 1));
            }
        }
        return dirs;
    }
}
