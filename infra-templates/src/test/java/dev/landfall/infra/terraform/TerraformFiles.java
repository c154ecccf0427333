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

/** The test specs and what the Terraform generator makes of them. */
final class TerraformFiles {
    static final List<String> SPECS = List.of("one-region", "three-region", "udp", "tls-nlb", "example");

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
}
