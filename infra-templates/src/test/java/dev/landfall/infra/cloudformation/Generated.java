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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/** The test specs and what the generator makes of them, shared by the template tests. */
final class Generated {
    /** Every valid spec in src/test/resources/specs/, by name, and the example {@code landfall init} writes. */
    static final List<String> SPECS = specNames();

    private static final ObjectMapper JSON = new ObjectMapper();

    private Generated() {}

    private static List<String> specNames() {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/specs"))) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .sorted()
                    .toList());
            names.add("example");
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
