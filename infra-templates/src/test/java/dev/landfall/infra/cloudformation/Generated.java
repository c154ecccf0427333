package dev.landfall.infra.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The test specs and what the generator makes of them, shared by the template tests. */
final class Generated {
    static final List<String> SPECS = List.of("one-region", "three-region", "udp", "tls-nlb", "example");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Generated() {}

    static String specText(String name) {
        if (name.equals("example")) {
            return SpecExample.text();
        }
        try (InputStream in = Generated.class.getResourceAsStream("/specs/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceSpec spec(String name) {
        return SpecParser.parse(name + ".yaml", specText(name));
    }

    static SortedMap<String, String> files(String name) {
        return CloudFormationGenerator.generate(spec(name));
    }

    /** Every generated template of every test spec, as {@code spec/file} → parsed JSON. */
    static List<Map.Entry<String, JsonNode>> templates() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (String spec : SPECS) {
            for (Map.Entry<String, String> file : files(spec).entrySet()) {
                if (file.getKey().endsWith(".json")) {
                    try {
                        out.add(Map.entry(spec + "/" + file.getKey(), JSON.readTree(file.getValue())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return out;
    }
}
