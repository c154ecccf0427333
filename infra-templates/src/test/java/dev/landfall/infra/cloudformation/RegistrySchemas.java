package dev.landfall.infra.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudFormation registry schema of a resource type. shared/contracts/cfn-schemas holds the
 * types the first templates used; the VPC types a created network adds (AWS::EC2::VPC, Subnet,
 * InternetGateway, VPCGatewayAttachment, RouteTable, Route, SubnetRouteTableAssociation, EIP,
 * NatGateway) are not there, so for those the registry schemas cfn-lint ships (its us-east-1 set,
 * the "secondary set" of SOURCE.md) are read from the installed cfn-lint. Empty when neither has
 * the type; the callers decide whether that fails or skips.
 */
final class RegistrySchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRY = Pattern.compile("\"([A-Za-z0-9:]+)\": \"([0-9a-f]+)\"");
    private static final Map<String, Optional<JsonNode>> CACHE = new HashMap<>();
    private static Optional<Path> cfnLintSchemas;

    private RegistrySchemas() {}

    static synchronized Optional<JsonNode> of(String type) {
        return CACHE.computeIfAbsent(type, RegistrySchemas::load);
    }

    private static Optional<JsonNode> load(String type) {
        Path shared = sharedFile(type);
        if (Files.exists(shared)) {
            return Optional.of(read(shared));
        }
        return cfnLintSchemas().flatMap(dir -> {
            try {
                String providers = Files.readString(dir.resolve("providers/us_east_1.py"), StandardCharsets.UTF_8);
                Matcher m = ENTRY.matcher(providers);
                while (m.find()) {
                    if (m.group(1).equals(type)) {
                        return Optional.of(read(dir.resolve("resources/" + m.group(2) + ".json")));
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path sharedFile(String type) {
        return SharedDir.resolve("contracts/cfn-schemas").resolve(type.replace("::", "_") + ".json");
    }

    /** cfn-lint's data/schemas directory, asked of the Python that has cfn-lint installed. */
    private static Optional<Path> cfnLintSchemas() {
        if (cfnLintSchemas == null) {
            cfnLintSchemas = Optional.empty();
            try {
                Process python = new ProcessBuilder(
                                "python3",
                                "-c",
                                "import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__),"
                                        + " 'data', 'schemas'))")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (python.waitFor(60, TimeUnit.SECONDS)
                        && python.exitValue() == 0
                        && Files.isDirectory(Path.of(out, "providers"))) {
                    cfnLintSchemas = Optional.of(Path.of(out));
                }
            } catch (IOException e) {
                // No python3: the cfn-lint schemas are simply not available.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return cfnLintSchemas;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
