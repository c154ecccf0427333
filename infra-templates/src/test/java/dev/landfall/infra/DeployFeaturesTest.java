package dev.landfall.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.infra.cloudformation.CloudFormationGenerator;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import dev.landfall.infra.terraform.TerraformGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What both generators emit for the deploy-time spec fields: the same choice in the
 * CloudFormation templates and in the Terraform modules.
 */
class DeployFeaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = SpecExample.text();
    private static final String EU_SUBNETS = "    subnetIds: [subnet-0fedcba9876543210, subnet-0fedcba9876543211]\n";

    @Test
    void anInternalLoadBalancerSitsInTheTaskSubnets() {
        ServiceSpec spec = parse(EXAMPLE);
        JsonNode lb = resource(spec, "region-eu-west-1.json", "LoadBalancer");
        assertEquals("internal", lb.at("/Properties/Scheme").asText());
        assertEquals(
                "[\"subnet-0fedcba9876543210\",\"subnet-0fedcba9876543211\"]",
                lb.at("/Properties/Subnets").toString());
        assertTrue(terraform(spec).contains("internal = true"), terraform(spec));
        assertTrue(terraform(spec).contains("internal = var.internal"), terraform(spec));
    }

    @Test
    void anInternetFacingLoadBalancerSitsInThePublicSubnets() {
        ServiceSpec spec = parse(EXAMPLE.replace(
                EU_SUBNETS,
                EU_SUBNETS + "    loadBalancerScheme: internet-facing\n    publicSubnetIds: [subnet-0aaaaaaaaaaaaaaa0,"
                        + " subnet-0aaaaaaaaaaaaaaa1]\n"));
        JsonNode lb = resource(spec, "region-eu-west-1.json", "LoadBalancer");
        assertEquals("internet-facing", lb.at("/Properties/Scheme").asText());
        assertEquals(
                "[\"subnet-0aaaaaaaaaaaaaaa0\",\"subnet-0aaaaaaaaaaaaaaa1\"]",
                lb.at("/Properties/Subnets").toString());
        assertEquals(
                "internal",
                resource(spec, "region-us-east-1.json", "LoadBalancer")
                        .at("/Properties/Scheme")
                        .asText());
        String tf = terraform(spec);
        assertTrue(tf.contains("[\"subnet-0aaaaaaaaaaaaaaa0\", \"subnet-0aaaaaaaaaaaaaaa1\"]"), tf);
        assertTrue(tf.contains("internal = false"), tf);
    }

    @Test
    void aCreatedNetworkPlacesAnInternalLoadBalancerInItsPrivateSubnets() {
        ServiceSpec spec =
                parse(EXAMPLE.replace("    vpcId: vpc-0fedcba9876543210\n" + EU_SUBNETS, "    create: true\n"));
        JsonNode lb = resource(spec, "region-eu-west-1.json", "LoadBalancer");
        assertEquals("internal", lb.at("/Properties/Scheme").asText());
        assertEquals("PrivateSubnet1", lb.at("/Properties/Subnets/0/Ref").asText());
        assertTrue(terraform(spec).contains("module.network_eu_west_1.private_subnet_ids"), terraform(spec));
        assertTrue(!terraform(spec).contains("module.network_eu_west_1.public_subnet_ids"), terraform(spec));
    }

    @Test
    void theAcceleratorAndTheLogGroupOutliveTheirStacksAndContainerInsightsIsOn() throws IOException {
        ServiceSpec spec = parse(EXAMPLE);
        JsonNode global = JSON.readTree(CloudFormationGenerator.generate(spec).get("global.json"));
        for (JsonNode resource : java.util.List.of(
                global.at("/Resources/Accelerator"), resource(spec, "region-us-east-1.json", "LogGroup"))) {
            assertEquals("Retain", resource.path("DeletionPolicy").asText(), resource.toString());
            assertEquals("Retain", resource.path("UpdateReplacePolicy").asText(), resource.toString());
        }
        assertEquals(
                "[{\"Name\":\"containerInsights\",\"Value\":\"enabled\"}]",
                resource(spec, "region-eu-west-1.json", "Cluster")
                        .at("/Properties/ClusterSettings")
                        .toString());
        String tf = terraform(spec);
        assertTrue(tf.contains("setting {\n name = \"containerInsights\"\n value = \"enabled\"\n"), tf);
        assertTrue(tf.contains("skip_destroy = true"), tf);
    }

    @Test
    void aTlsPassthroughRegionIsProbedOverHttpsAndAnotherPortIsOpenedToTheProbe() {
        ServiceSpec spec = parse(TestSpecs.text("health-check"));
        JsonNode group = resource(spec, "region-eu-west-1.json", "TargetGroup").get("Properties");
        assertEquals("HTTPS", group.get("HealthCheckProtocol").asText());
        assertEquals("9090", group.get("HealthCheckPort").asText());
        assertEquals("/health/ready", group.get("HealthCheckPath").asText());
        JsonNode ingress =
                resource(spec, "region-eu-west-1.json", "TaskSecurityGroup").at("/Properties/SecurityGroupIngress");
        assertEquals(9090, ingress.get(1).get("FromPort").asInt(), ingress.toString());
        String tf = terraform(spec);
        assertTrue(tf.contains("health_check_protocol = \"HTTPS\""), tf);
        assertTrue(tf.contains("port = \"9090\""), tf);
        assertTrue(tf.contains("from_port = 9090"), tf);
    }

    @Test
    void aTcpProbeHasNoPathAndARegionWithACertificateKeepsHttp() {
        ServiceSpec tcp =
                parse(EXAMPLE.replace("healthCheckPath: /healthz\n", "healthCheck: {protocol: TCP, path: /healthz}\n"));
        JsonNode group = resource(tcp, "region-us-east-1.json", "TargetGroup").get("Properties");
        assertEquals("TCP", group.get("HealthCheckProtocol").asText());
        assertTrue(!group.has("HealthCheckPath"), group.toString());
        assertTrue(!group.has("HealthCheckPort"), group.toString());
        assertTrue(terraform(tcp).contains("path = var.health_check_protocol == \"TCP\" ? null : \"/healthz\""));
        ServiceSpec tls = parse(TestSpecs.text("tls-nlb"));
        assertEquals(
                "HTTP",
                resource(tls, "region-us-west-2.json", "TargetGroup")
                        .at("/Properties/HealthCheckProtocol")
                        .asText());
    }

    @Test
    void aSecretArnWithoutItsSuffixIsReadAsGivenAndGrantedWithTheWildcard() {
        ServiceSpec spec = parse(TestSpecs.text("health-check"));
        String arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger/signing-key";
        JsonNode container =
                resource(spec, "region-eu-west-1.json", "TaskDefinition").at("/Properties/ContainerDefinitions/0");
        assertEquals(arn, container.at("/Secrets/0/ValueFrom").asText());
        String policy = resource(spec, "region-eu-west-1.json", "ExecutionRole").toString();
        assertTrue(policy.contains("\"" + arn + "-??????\""), policy);
        String tf = terraform(spec);
        assertTrue(tf.contains("\"SIGNING_KEY\" = \"" + arn + "\""), tf);
        assertTrue(tf.contains("secrets_manager_arns = [\"" + arn + "-??????\"]"), tf);
    }

    @Test
    void clientAffinityReachesTheAcceleratorListener() throws IOException {
        for (String[] c : new String[][] {{TestSpecs.text("health-check"), "SOURCE_IP"}, {EXAMPLE, "NONE"}}) {
            ServiceSpec spec = parse(c[0]);
            JsonNode global =
                    JSON.readTree(CloudFormationGenerator.generate(spec).get("global.json"));
            assertEquals(
                    c[1],
                    global.at("/Resources/Listener/Properties/ClientAffinity").asText());
            assertTrue(terraform(spec).contains("client_affinity = \"" + c[1] + "\""), terraform(spec));
        }
    }

    @Test
    void eachRegionRunsItsOwnImageAndReadsItsOwnSecretReplica() {
        ServiceSpec spec = parse(EXAMPLE);
        String euImage = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.0.0";
        String euSecret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/session-key-AbCdEf";
        JsonNode container =
                resource(spec, "region-eu-west-1.json", "TaskDefinition").at("/Properties/ContainerDefinitions/0");
        assertEquals(euImage, container.get("Image").asText());
        assertTrue(container.get("Secrets").toString().contains(euSecret), container.toString());
        String role = resource(spec, "region-eu-west-1.json", "ExecutionRole").toString();
        assertTrue(role.contains("arn:aws:ecr:eu-west-1:111122223333:repository/api"), role);
        assertTrue(!role.contains("us-east-1"), role);
        String tf = terraform(spec);
        assertTrue(tf.contains("image = \"" + euImage + "\""), tf);
        assertTrue(tf.contains("ecr_repository_arn = \"arn:aws:ecr:eu-west-1:111122223333:repository/api\""), tf);
        assertTrue(tf.contains("\"SESSION_KEY\" = \"" + euSecret + "\""), tf);
        assertTrue(tf.contains("image = var.image"), tf);
    }

    @Test
    void theTaskRoleGetsItsGrantsAndTheExecutionRoleTheKeysAndRegistryCredentials() {
        ServiceSpec spec = parse(TestSpecs.text("grants"));
        String key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        String registry = "arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/registry-Ab12Cd";
        JsonNode task = resource(spec, "region-us-east-1.json", "TaskRole").get("Properties");
        assertEquals(
                "[\"arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\"]",
                task.get("ManagedPolicyArns").toString());
        assertEquals(
                "{\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Effect\":\"Allow\","
                        + "\"Resource\":[\"arn:aws:s3:::acme-reports\",\"arn:aws:s3:::acme-reports/*\"]}",
                task.at("/Policies/0/PolicyDocument/Statement/0").toString());
        String execution =
                resource(spec, "region-us-east-1.json", "ExecutionRole").toString();
        assertTrue(
                execution.contains(
                        "{\"Action\":[\"kms:Decrypt\"],\"Effect\":\"Allow\",\"Resource\":[\"" + key + "\"]}"),
                execution);
        assertTrue(execution.contains("\"" + registry + "\""), execution);
        assertTrue(!execution.contains("ecr:"), execution);
        assertEquals(
                registry,
                resource(spec, "region-us-east-1.json", "TaskDefinition")
                        .at("/Properties/ContainerDefinitions/0/RepositoryCredentials/CredentialsParameter")
                        .asText());
        String tf = terraform(spec);
        assertTrue(tf.contains("for_each = toset([\"arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\"])"), tf);
        assertTrue(tf.contains("Action = [\"s3:GetObject\", \"s3:ListBucket\"]"), tf);
        assertTrue(tf.contains("Action = [\"kms:Decrypt\"], Resource = [\"" + key + "\"]"), tf);
        assertTrue(tf.contains("repositoryCredentials = { credentialsParameter = \"" + registry + "\" }"), tf);
        String example = terraform(parse(EXAMPLE));
        assertTrue(!example.contains("aws_iam_role_policy_attachment") && !example.contains("kms:Decrypt"), example);
    }

    @Test
    void everyNlbBalancesAcrossZonesAndAnAlbNeedsNoSetting() {
        ServiceSpec nlb = parse(EXAMPLE);
        assertEquals(
                "[{\"Key\":\"load_balancing.cross_zone.enabled\",\"Value\":\"true\"}]",
                resource(nlb, "region-us-east-1.json", "LoadBalancer")
                        .at("/Properties/LoadBalancerAttributes")
                        .toString());
        assertTrue(terraform(nlb).contains("enable_cross_zone_load_balancing = true"), terraform(nlb));
        ServiceSpec alb = parse(
                EXAMPLE.replace("loadBalancer: nlb", "loadBalancer: alb").replace("  port: 443\n", "  port: 80\n"));
        assertTrue(resource(alb, "region-us-east-1.json", "LoadBalancer")
                .at("/Properties/LoadBalancerAttributes")
                .isMissingNode());
        assertTrue(!terraform(alb).contains("enable_cross_zone_load_balancing"), terraform(alb));
    }

    static ServiceSpec parse(String text) {
        return SpecParser.parse("landfall.yaml", text);
    }

    static JsonNode resource(ServiceSpec spec, String file, String logicalId) {
        try {
            JsonNode template =
                    JSON.readTree(CloudFormationGenerator.generate(spec).get(file));
            JsonNode resource = template.at("/Resources/" + logicalId);
            assertTrue(!resource.isMissingNode(), file + " has no " + logicalId);
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every generated .tf file, concatenated, runs of blanks as one space: robust to how the
     * modules are laid out and aligned.
     */
    static String terraform(ServiceSpec spec) {
        return TerraformGenerator.generate(spec).entrySet().stream()
                .filter(e -> e.getKey().endsWith(".tf"))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining("\n"))
                .replaceAll("[ \t]+", " ");
    }
}
