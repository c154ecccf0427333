package dev.landfall.infra.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The test specs and the kits the generator makes of them, shared by the compose tests. */
final class ComposeKits {
    static final List<String> SPECS = List.of("one-region", "three-region", "udp", "serve-workerd");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ComposeKits() {}

    static String specText(String name) {
        try (InputStream in = ComposeKits.class.getResourceAsStream("/specs/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceSpec spec(String name) {
        return SpecParser.parse(name + ".yaml", specText(name));
    }

    static SortedMap<String, String> files(String name) {
        return ComposeGenerator.generate(spec(name));
    }

    static JsonNode compose(SortedMap<String, String> files) {
        try {
            return YAML.readTree(files.get(ComposeGenerator.COMPOSE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The assignments of a {@code .env} file, in file order; comments and blank lines skipped. */
    static Map<String, String> env(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
