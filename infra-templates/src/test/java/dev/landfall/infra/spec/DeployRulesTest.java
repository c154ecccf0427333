package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The deploy-time rules of {@link DeployRules}: each refusal is a spec in specs-refused/ whose
 * first line names the field and a piece of the message, and the refusal is a located usage
 * error (exit 2) with a fix.
 */
class DeployRulesTest {
    private static final String EXAMPLE = SpecExample.text();

    @Test
    void anInternetFacingLoadBalancerInAnExistingVpcNeedsPublicSubnets() {
        LandfallException e = refused("internet-facing-without-public-subnets");
        assertTrue(
                e.hint().orElseThrow().contains("loadBalancerScheme: internal"),
                e.hint().orElseThrow());
    }

    @Test
    void publicSubnetsBesideAnInternalLoadBalancerAreRefused() {
        refused("internal-with-public-subnets");
    }

    @Test
    void anInternalAlbCannotTurnClientIpPreservationOff() {
        LandfallException e = refused("internal-alb-without-client-ip");
        assertTrue(e.getMessage().contains("us-east-1 at regions[0]"), e.getMessage());
    }

    @Test
    void anAlbCannotProbeWithATcpHandshake() {
        refused("alb-tcp-health-check");
    }

    @Test
    void theHealthCheckPathIsGivenOnce() {
        refused("health-check-path-twice");
    }

    @Test
    void theHealthCheckDefaultsToHttpsWhereTheContainerSpeaksTls() {
        ServiceSpec passthrough = SpecParser.parse("landfall.yaml", EXAMPLE);
        RegionSpec region = passthrough.regions().get(0);
        assertEquals(HealthCheckSpec.Protocol.HTTPS, passthrough.healthCheckProtocol(region));
        assertEquals(8080, passthrough.healthCheckPort());
        ServiceSpec plain = SpecParser.parse("landfall.yaml", EXAMPLE.replace("  port: 443\n", "  port: 80\n"));
        assertEquals(
                HealthCheckSpec.Protocol.HTTP,
                plain.healthCheckProtocol(plain.regions().get(0)));
        ServiceSpec tcp = SpecParser.parse(
                "landfall.yaml",
                EXAMPLE.replace(
                        "healthCheckPath: /healthz\n",
                        "healthCheck: {protocol: TCP, port: traffic-port, path: /healthz}\n"));
        assertEquals(
                HealthCheckSpec.Protocol.TCP,
                tcp.healthCheckProtocol(tcp.regions().get(0)));
        assertEquals("/healthz", tcp.healthCheckPath());
    }

    @Test
    void aHealthCheckPortIsANumberOrTrafficPort() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml",
                        EXAMPLE.replace("healthCheckPath: /healthz\n", "healthCheck: {port: http, path: /healthz}\n")));
        assertTrue(e.getMessage().contains("healthCheck.port: 'http' is not a port"), e.getMessage());
    }

    @Test
    void aPathWithoutSlashIsReportedWhereItIsWritten() {
        LandfallException nested = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml",
                        EXAMPLE.replace(
                                "healthCheckPath: /healthz\n", "healthCheck: {protocol: HTTP, path: healthz}\n")));
        assertTrue(nested.getMessage().contains("healthCheck.path: must start with '/'"), nested.getMessage());
        LandfallException top = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml", EXAMPLE.replace("healthCheckPath: /healthz\n", "healthCheckPath: healthz\n")));
        assertTrue(top.getMessage().contains("healthCheckPath: must start with '/'"), top.getMessage());
    }

    @Test
    void anUnknownClientAffinityNamesBothChoices() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml",
                        EXAMPLE.replace("  protocol: TCP ", "  clientAffinity: STICKY\n  protocol: TCP ")));
        assertTrue(
                e.getMessage().contains("accelerator.clientAffinity: 'STICKY' is not a client affinity"),
                e.getMessage());
        assertEquals(
                "use NONE (default) or SOURCE_IP (keep a client's connections on one region)",
                e.hint().orElseThrow());
    }

    @Test
    void theExampleGivesEachRegionItsOwnImageAndSecretsSoNothingIsWarned() {
        ServiceSpec spec = SpecParser.parse("landfall.yaml", EXAMPLE);
        assertEquals(
                "111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.0.0",
                spec.imageFor(spec.regions().get(1)));
        assertEquals(
                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/session-key-AbCdEf",
                spec.secretsFor(spec.regions().get(1)).get("SESSION_KEY").value());
        assertEquals(spec.image(), spec.imageFor(spec.regions().get(0)));
        assertEquals(java.util.List.of(), DeployRules.warnings(spec));
    }

    @Test
    void everyRegionOnOneRegionsRegistryOrSecretIsWarned() {
        ServiceSpec spec = SpecParser.parse(
                "landfall.yaml",
                EXAMPLE.replace("    image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.0.0\n", "")
                        .replace(
                                "      SESSION_KEY: arn:aws:secretsmanager:eu-west-1:",
                                "      SESSION_KEY: arn:aws:secretsmanager:us-east-1:"));
        var warnings = DeployRules.warnings(spec);
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("/image", warnings.get(0).pointer());
        assertTrue(
                warnings.get(0).message().contains("from ECR in us-east-1"),
                warnings.get(0).message());
        assertTrue(
                warnings.get(0).fix().contains("regions[].image"),
                warnings.get(0).fix());
        assertEquals("/secrets/SESSION_KEY", warnings.get(1).pointer());
        assertTrue(
                warnings.get(1).message().contains("reads SESSION_KEY from us-east-1"),
                warnings.get(1).message());
        assertEquals(
                java.util.List.of(),
                DeployRules.warnings(SpecParser.parse("one.yaml", resource("/specs/one-region.yaml"))));
    }

    @Test
    void aRegionsSecretFollowsTheRulesOfSecrets() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml",
                        EXAMPLE.replace(
                                "      SESSION_KEY: arn:aws:secretsmanager:eu-west-1:",
                                "      LOG_LEVEL: arn:aws:secretsmanager:eu-west-1:")));
        assertTrue(e.getMessage().contains("regions[1].secrets.LOG_LEVEL: is also under environment"), e.getMessage());
    }

    @Test
    void registryCredentialsAreForRegistriesOutsideEcr() {
        refused("repository-credentials-with-ecr");
    }

    @Test
    void grantsAreCheckedFieldByField() {
        String grants = resource("/specs/grants.yaml");
        for (String[] c : new String[][] {
            {
                "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess",
                "AmazonSSMReadOnlyAccess",
                "taskRole.policyArns[0]: 'AmazonSSMReadOnlyAccess' is not an IAM policy ARN"
            },
            {
                "s3:GetObject, s3:ListBucket",
                "s3 GetObject",
                "taskRole.statements[0].actions[0]: 's3 GetObject' is not an IAM action"
            },
            {
                // a refused item before it must not shift the index the next one is reported at
                "s3:GetObject, s3:ListBucket",
                "5, s3 GetObject",
                "taskRole.statements[0].actions[1]: 's3 GetObject' is not an IAM action"
            },
            {
                "key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "alias/reports",
                "secretsKmsKeyArns[0]: 'arn:aws:kms:us-east-1:111122223333:alias/reports' is not a KMS key ARN"
            },
        }) {
            LandfallException e = assertThrows(
                    LandfallException.class, () -> SpecParser.parse("grants.yaml", grants.replace(c[0], c[1])), c[2]);
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void tasksMinBelowTheZonesOfACreatedNetworkIsWarned() {
        ServiceSpec three = SpecParser.parse("three.yaml", resource("/specs/three-region.yaml"));
        var warnings = DeployRules.warnings(three).stream()
                .filter(w -> w.pointer().equals("/tasks/min"))
                .toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(
                "is 2, below the 3 availability zones eu-west-1 (regions[1]) spans: scaled in, a zone"
                        + " runs no task",
                warnings.get(0).message());
        assertEquals(
                "raise tasks.min to 3, or give regions[1].availabilityZones: 2",
                warnings.get(0).fix());
        ServiceSpec twoZones = SpecParser.parse("tls.yaml", resource("/specs/tls-nlb.yaml"));
        assertTrue(
                DeployRules.warnings(twoZones).isEmpty(),
                DeployRules.warnings(twoZones).toString());
    }

    @Test
    void theDeployWarningsReachTheSpecsWarningsLocated() {
        SpecCheck check = SpecParser.check("three.yaml", resource("/specs/three-region.yaml"));
        var located = check.warnings().stream()
                .filter(w -> w.pointer().equals("/tasks/min"))
                .toList();
        assertEquals(1, located.size(), check.warnings().toString());
        assertTrue(
                located.get(0).located().matches("three\\.yaml:\\d+:\\d+: tasks\\.min: is 2, below the 3 .*"),
                located.get(0).located());
    }

    @Test
    void theSchemeDefaultsToInternalAndARegionOverridesTheTopLevel() {
        String text = EXAMPLE.replace("loadBalancerScheme: internal\n", "")
                .replace(
                        "    subnetIds: [subnet-0fedcba9876543210, subnet-0fedcba9876543211]\n",
                        "    subnetIds: [subnet-0fedcba9876543210, subnet-0fedcba9876543211]\n"
                                + "    loadBalancerScheme: internet-facing\n"
                                + "    publicSubnetIds: [subnet-0aaaaaaaaaaaaaaa0]\n");
        ServiceSpec spec = SpecParser.parse("landfall.yaml", text);
        assertEquals(LoadBalancerScheme.INTERNAL, spec.regions().get(0).loadBalancerScheme());
        assertEquals(LoadBalancerScheme.INTERNET_FACING, spec.regions().get(1).loadBalancerScheme());
    }

    @Test
    void anUnknownSchemeNamesBothChoices() {
        LandfallException e = assertThrows(
                LandfallException.class,
                () -> SpecParser.parse(
                        "landfall.yaml",
                        EXAMPLE.replace("loadBalancerScheme: internal", "loadBalancerScheme: public")));
        assertTrue(
                e.getMessage().contains("loadBalancerScheme: 'public' is not a load balancer scheme"), e.getMessage());
        assertEquals(2, e.exitCode());
    }

    /**
     * Parses specs-refused/NAME.yaml and checks the refusal against its first line, {@code # expect:
     * POINTER TEXT}: the message names the field the pointer denotes and contains TEXT.
     */
    static LandfallException refused(String name) {
        String text = resource("/specs-refused/" + name + ".yaml");
        String expect = text.lines().findFirst().orElseThrow();
        assertTrue(expect.startsWith("# expect: "), name + ": first line is not '# expect: POINTER TEXT'");
        String[] parts = expect.substring("# expect: ".length()).split(" ", 2);
        LandfallException e = assertThrows(LandfallException.class, () -> SpecParser.parse(name + ".yaml", text), name);
        assertEquals(2, e.exitCode(), name);
        assertTrue(
                e.getMessage().matches(name + "\\.yaml:\\d+:\\d+: \\Q" + SpecDocument.field(parts[0]) + "\\E: .*"),
                name + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(parts[1]), name + ": " + e.getMessage());
        assertTrue(e.hint().isPresent(), name + " has no fix");
        return e;
    }

    static String resource(String path) {
        try (InputStream in = DeployRulesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
