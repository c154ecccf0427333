package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/landfall-yaml.schema.json agrees with the parser: the specs the parser accepts validate
 * against it, single-field mistakes fail it, and docs/landfall-yaml.md documents every field.
 */
class SpecSchemaDocTest {
    private static final Path DOCS = projectRoot().resolve("docs");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void acceptedSpecsValidateAgainstThePublishedSchema() throws IOException {
        Schema schema = schema();
        List<String> texts = new java.util.ArrayList<>(List.of(SpecExample.text()));
        try (var files = Files.list(Path.of("src/test/resources/specs"))) {
            for (Path file : files.sorted().toList()) {
                texts.add(Files.readString(file));
            }
        }
        assertTrue(texts.size() > 4, "the valid specs in src/test/resources/specs/");
        for (String text : texts) {
            SpecParser.parse("spec.yaml", text);
            assertEquals(List.of(), schema.validate(YAML.readTree(text)));
        }
    }

    @Test
    void theSchemaRejectsSingleFieldMistakes() throws IOException {
        Schema schema = schema();
        String example = SpecExample.text();
        for (String bad : List.of(
                example.replace("cpu: 512", "cpu: 500"),
                example.replace("protocol: TCP", "protocol: HTTP"),
                example.replace("healthCheckPath:", "healthcheckPath:"),
                example.replace(
                        "arn:aws:secretsmanager:us-east-1:111122223333:secret:api/session-key-AbCdEf", "plaintext"),
                example.replace("intervalSeconds: 30", "intervalSeconds: 15"),
                example.replace("loadBalancerScheme: internal", "loadBalancerScheme: public"),
                example.replace("healthCheckPath: /healthz", "healthCheck: {protocol: UDP, path: /healthz}"),
                example.replace("healthCheckPath: /healthz", "healthCheckPath: /healthz\nhealthCheck: {path: /x}"),
                example.replace("  protocol: TCP ", "  clientAffinity: STICKY\n  protocol: TCP "),
                example.replace("  - name: eu-west-1\n", "  - name: eu-west-1\n    create: true\n"),
                example.replace("  - name: eu-west-1\n", "  - name: eu-west-1\n    cidr: 10.0.0.0/16\n"),
                example.replace(
                        "  - name: eu-west-1\n    vpcId: vpc-0fedcba9876543210\n"
                                + "    subnetIds: [subnet-0fedcba9876543210, subnet-0fedcba9876543211]\n",
                        "  - name: eu-west-1\n    create: true\n    cidr: 10.0.0.0/8\n"),
                example.replace(
                        "  - name: eu-west-1\n",
                        "  - name: eu-west-1\n    certificateArn: arn:aws:iam::111122223333:server-certificate/x\n"))) {
            assertFalse(schema.validate(YAML.readTree(bad)).isEmpty(), bad);
        }
    }

    @Test
    void theReferenceDocumentsEverySchemaField() throws IOException {
        String reference = Files.readString(DOCS.resolve("landfall-yaml.md"));
        JsonNode root = new ObjectMapper().readTree(Files.readString(DOCS.resolve("landfall-yaml.schema.json")));
        for (Iterator<String> names = root.get("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(reference.contains("`" + name), "docs/landfall-yaml.md does not document " + name);
        }
    }

    private static Schema schema() throws IOException {
        JsonNode node = new ObjectMapper().readTree(Files.readString(DOCS.resolve("landfall-yaml.schema.json")));
        return SchemaRegistry.withDefaultDialect(Dialects.getDraft7()).getSchema(node);
    }

    /** As cli's DocsTruthTest: $LANDFALL_PROJECT_DIR (surefire sets it), else a parent with docs/. */
    private static Path projectRoot() {
        String env = System.getenv("LANDFALL_PROJECT_DIR");
        if (env != null && Files.isDirectory(Path.of(env, "docs"))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/landfall-yaml.schema.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find docs/landfall-yaml.schema.json; set LANDFALL_PROJECT_DIR");
    }
}
