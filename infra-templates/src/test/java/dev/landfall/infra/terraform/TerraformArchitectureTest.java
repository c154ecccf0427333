package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Terraform mirrors the CloudFormation architecture, one state per region plus the
 * accelerator's, and the accelerator root's variables hold the dials' initial values.
 */
class TerraformArchitectureTest {
    private static final Pattern PASSWORD_WORD = Pattern.compile("(?i)passw(or)?d");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@\"]+:[^@\\s/\"]+@");

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void theVariablesOwnTheTrafficDialsWhichStartAtZero(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        HclStructure root = TerraformReferencesTest.module(files, Names.GLOBAL_ROOT + "/");
        HclStructure global = TerraformReferencesTest.module(files, "modules/global/");
        for (RegionSpec region : parsed.regions()) {
            String dial = Names.trafficDial(region.name());
            for (HclStructure module : new HclStructure[] {root, global}) {
                String variable = module.blocks.get("variable " + dial);
                assertTrue(variable.contains("\n  default = 0\n"), variable);
                assertTrue(variable.contains(">= 0 &&") && variable.contains("<= 100"), variable);
            }
            String group =
                    global.blocks.get("resource aws_globalaccelerator_endpoint_group " + Names.region(region.name()));
            assertTrue(group.contains("  traffic_dial_percentage = var." + dial + "\n"), group);
            assertTrue(root.blocks.get("module global").contains("  " + dial + " = var." + dial + "\n"));
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().endsWith(".tf") && !file.getKey().startsWith("modules/region/")) {
                assertFalse(file.getValue().contains("ignore_changes"), file.getKey());
            }
        }
        String region = files.get("modules/region/main.tf");
        assertEquals(1, region.split("ignore_changes", -1).length - 1);
        assertTrue(region.contains("ignore_changes = [desired_count]\n"), "only the task count");
        for (String dir : TerraformFiles.modules(files)) {
            boolean dials = dir.equals(Names.GLOBAL_ROOT + "/") || dir.equals("modules/global/");
            assertEquals(dials, files.get(dir + "main.tf").contains("traffic_dial"), dir);
        }
    }

    /** The README tells the dial story of docs/infra.md, "Who owns the traffic dials". */
    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void theReadmeAppliesEachRootAndLetsTheCutoverOwnTheDials(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        String readme = TerraformFiles.files(spec).get("README.md");
        for (RegionSpec region : parsed.regions()) {
            String root = Names.regionRoot(region.name());
            assertTrue(
                    readme.contains("terraform -chdir=" + root + " init\nterraform -chdir=" + root + " plan"), readme);
            assertTrue(
                    readme.contains("  echo \"" + Names.loadBalancerArn(region.name()) + " = \\\"$(terraform -chdir="
                            + root + " output -raw load_balancer_arn)\\\"\"\n"),
                    readme);
            assertTrue(readme.contains("- `" + Names.trafficDial(region.name()) + "` (" + region.name() + ")"), readme);
        }
        // The accelerator is applied last, after the regions' load balancers are recorded for it.
        assertTrue(
                readme.indexOf("} > global/load-balancers.auto.tfvars")
                        < readme.indexOf("terraform -chdir=global init\nterraform -chdir=global plan"),
                readme);
        assertTrue(readme.contains("`landfall cutover --region` owns the dial"), readme);
        assertTrue(readme.contains("`UpdateEndpointGroup`"), readme);
        assertTrue(readme.contains("Do not apply `global/` while a cutover runs"), readme);
        assertTrue(readme.contains("`" + Names.DIALS_FILE + "`"), readme);
        assertTrue(readme.contains("The templates only set the initial value, 0"), readme);
        // The story it replaced: the apply moving traffic, and the API forbidden.
        assertFalse(readme.contains("apply -var"), readme);
        assertFalse(readme.contains("Never change dials"), readme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void prefixNamedResourcesAreReplacedBeforeTheyAreDestroyedAndTheAcceleratorIsNeverDestroyed(String spec) {
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        int prefixed = 0;
        for (String dir : TerraformFiles.modules(files)) {
            for (Map.Entry<String, String> block :
                    TerraformReferencesTest.module(files, dir).blocks.entrySet()) {
                if (block.getValue().contains("\n  name_prefix = ")) {
                    prefixed++;
                    assertTrue(
                            block.getValue().contains("\n  lifecycle {\n    create_before_destroy = true\n  }\n"),
                            block.getValue());
                }
            }
        }
        // The two IAM roles, the load balancer and its target group.
        assertTrue(prefixed >= 4, spec + ": " + prefixed);
        String accelerator = TerraformReferencesTest.module(files, "modules/global/")
                .blocks
                .get("resource aws_globalaccelerator_accelerator this");
        assertTrue(accelerator.contains("\n  lifecycle {\n    prevent_destroy = true\n  }\n"), accelerator);
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void onlyTheListenerPortIsOpenToTheWorld(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        HclStructure region = TerraformReferencesTest.module(TerraformFiles.unaligned(spec), "modules/region/");
        int ingress = 0;
        for (Map.Entry<String, String> block : region.blocks.entrySet()) {
            if (!block.getKey().startsWith("resource aws_vpc_security_group_ingress_rule ")) {
                continue;
            }
            ingress++;
            String rule = block.getValue();
            if (rule.contains("cidr_ipv4")) {
                assertTrue(rule.contains("security_group_id = aws_security_group.load_balancer.id\n"), rule);
                assertTrue(rule.contains("from_port = " + parsed.accelerator().port() + "\n"), rule);
                assertTrue(rule.contains("to_port = " + parsed.accelerator().port() + "\n"), rule);
            } else {
                assertTrue(rule.contains("security_group_id = aws_security_group.tasks.id\n"), rule);
                assertTrue(rule.contains("referenced_security_group_id = aws_security_group.load_balancer.id\n"), rule);
                assertTrue(rule.contains("from_port = " + parsed.port() + "\n"), rule);
            }
        }
        assertTrue(ingress >= 2, "listener rule and task rule");
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void everyCloudFormationResourceHasItsTerraformCounterpart(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        HclStructure region = TerraformReferencesTest.module(files, "modules/region/");
        for (String resource : new String[] {
            "aws_ecs_cluster.this", "aws_cloudwatch_log_group.this", "aws_iam_role.execution",
            "aws_iam_role_policy.execution", "aws_iam_role.task", "aws_ecs_task_definition.this",
            "aws_security_group.load_balancer", "aws_security_group.tasks", "aws_lb.this",
            "aws_lb_target_group.this", "aws_lb_listener.this", "aws_ecs_service.this",
            "aws_appautoscaling_target.this", "aws_appautoscaling_policy.cpu"
        }) {
            assertTrue(region.declared("resource").contains(resource), spec + ": " + resource);
        }
        String service = region.blocks.get("resource aws_ecs_service this");
        assertTrue(service.contains("deployment_circuit_breaker {\n    enable = true\n    rollback = true\n"), service);
        String lbType = parsed.loadBalancer() == ServiceSpec.LoadBalancerKind.ALB ? "application" : "network";
        assertTrue(region.blocks.get("resource aws_lb this").contains("load_balancer_type = \"" + lbType + "\""));
        String group = region.blocks.get("resource aws_lb_target_group this");
        assertTrue(group.contains("target_type = \"ip\"") && group.contains("health_check {"), group);
        assertTrue(region.blocks.get("resource aws_ecs_task_definition this").contains("network_mode = \"awsvpc\""));
        assertTrue(region.blocks
                .get("resource aws_cloudwatch_log_group this")
                .contains("retention_in_days = " + parsed.logRetentionDays() + "\n"));
        HclStructure global = TerraformReferencesTest.module(files, "modules/global/");
        assertEquals(parsed.regions().size() + 2, global.declared("resource").size(), spec);
    }

    @Test
    void udpGetsANetworkLoadBalancerAndATcpHealthCheckRule() {
        String region = TerraformFiles.unaligned("udp").get("modules/region/main.tf");
        assertTrue(region.contains("load_balancer_type = \"network\""));
        assertTrue(region.contains("resource \"aws_vpc_security_group_ingress_rule\" \"health_check\""));
        // A UDP target group cannot turn client IP preservation off (ListenerRules refuses it).
        assertTrue(region.contains("preserve_client_ip = \"true\""), region);
        assertTrue(
                TerraformFiles.unaligned("one-region")
                        .get("modules/region/main.tf")
                        .contains("load_balancer_type = \"network\""),
                "NLB by default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void noPasswordOrSecretValueAndSecretsOnlyAsArns(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getValue();
            assertFalse(PASSWORD_WORD.matcher(text).find(), spec + "/" + file.getKey() + " mentions a password");
            assertFalse(URL_WITH_PASSWORD.matcher(text).find(), spec + "/" + file.getKey() + " holds a URL password");
        }
        for (RegionSpec region : parsed.regions()) {
            HclStructure root = TerraformReferencesTest.module(files, Names.regionRoot(region.name()) + "/");
            String block = root.blocks.get("module " + Names.regionModule(region.name()));
            String environment = block.substring(block.indexOf("  environment = "), block.indexOf("  secrets = "));
            for (var secret : parsed.secretsFor(region).entrySet()) {
                assertFalse(environment.contains("\"" + secret.getKey() + "\""), block);
                assertTrue(
                        block.contains("\"" + secret.getKey() + "\" = \""
                                + secret.getValue().value() + "\""),
                        block);
                assertTrue(block.contains("\"" + secret.getValue().resourceArn() + "\""), block);
            }
        }
    }

    @Test
    void iamNamesTheSecretItselfWhenTheTaskPicksOneJsonKey() {
        String main = TerraformFiles.unaligned("udp").get("region-eu-central-1/main.tf");
        String arn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:relay/redis-url-AbCdEf";
        assertTrue(main.contains("\"LANDFALL_STORE_URL\" = \"" + arn + ":url::\""), main);
        assertTrue(main.contains("secrets_manager_arns = [\"" + arn + "\"]"), main);
        assertTrue(
                main.contains("ssm_parameter_arns = [\"arn:aws:ssm:eu-central-1:111122223333:parameter/relay/key\"]"));
        assertFalse(
                TerraformFiles.unaligned("udp").get("modules/region/main.tf").contains("\"ecr:"),
                "a Docker Hub image needs no ECR permission");
    }

    @Test
    void aCreatedNetworkIsItsOwnModuleFeedingTheRegion() {
        SortedMap<String, String> files = TerraformFiles.unaligned("three-region");
        HclStructure network = TerraformReferencesTest.module(files, "modules/network/");
        for (String resource : new String[] {
            "aws_vpc.this",
            "aws_internet_gateway.this",
            "aws_subnet.public",
            "aws_subnet.private",
            "aws_route_table.public",
            "aws_route.public_internet",
            "aws_route_table_association.public",
            "aws_eip.nat",
            "aws_nat_gateway.this",
            "aws_route_table.private",
            "aws_route.private_nat",
            "aws_route_table_association.private"
        }) {
            assertTrue(network.declared("resource").contains(resource), resource);
        }
        assertEquals(Set.of("aws_availability_zones.available"), network.declared("data"));
        // The same ranges as the CloudFormation template (RegionNetwork.Created).
        assertTrue(
                network.blocks.get("resource aws_subnet public").contains("cidrsubnet(var.cidr, 4, 12 + count.index)"));
        assertTrue(network.blocks.get("resource aws_subnet private").contains("cidrsubnet(var.cidr, 2, count.index)"));
        assertTrue(network.blocks
                .get("resource aws_route private_nat")
                .contains("nat_gateway_id = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id"));
        assertTrue(network.blocks.get("output private_subnet_ids").contains("depends_on = [aws_route.private_nat"));

        HclStructure root = TerraformReferencesTest.module(files, "region-eu-west-1/");
        String call = root.blocks.get("module network_eu_west_1");
        assertTrue(call.contains("source = \"../modules/network\"\n"), call);
        assertTrue(call.contains("cidr = \"10.20.0.0/16\"\n  availability_zones = 3\n  single_nat_gateway = false\n"));
        String region = root.blocks.get("module region_eu_west_1");
        assertTrue(region.contains("vpc_id = module.network_eu_west_1.vpc_id\n"), region);
        assertTrue(region.contains("subnet_ids = module.network_eu_west_1.private_subnet_ids\n"), region);
        assertTrue(region.contains("load_balancer_subnet_ids = module.network_eu_west_1.public_subnet_ids\n"));
        assertFalse(
                TerraformReferencesTest.module(files, "region-us-east-1/")
                        .blocks
                        .containsKey("module network_us_east_1"),
                "an existing VPC gets no network");
        assertTrue(files.get("region-eu-west-1/outputs.tf").contains("value = module.network_eu_west_1.vpc_id\n"));
        assertFalse(files.get("region-us-east-1/outputs.tf").contains("vpc_id"));

        String single = TerraformFiles.unaligned("tls-nlb").get("region-us-west-2/main.tf");
        assertTrue(
                single.contains("cidr = \"172.20.0.0/20\"\n  availability_zones = 2\n  single_nat_gateway = true\n"));
        assertFalse(TerraformFiles.unaligned("one-region").containsKey("modules/network/main.tf"));
    }

    @Test
    void aCertificateTurnsTheListenerToTlsOnlyInItsRegion() {
        SortedMap<String, String> three = TerraformFiles.unaligned("three-region");
        String listener =
                TerraformReferencesTest.module(three, "modules/region/").blocks.get("resource aws_lb_listener this");
        assertTrue(listener.contains("protocol = var.certificate_arn == null ? \"HTTP\" : \"HTTPS\"\n"), listener);
        assertTrue(listener.contains("certificate_arn = var.certificate_arn\n"), listener);
        assertTrue(listener.contains(
                "ssl_policy = var.certificate_arn == null ? null : \"ELBSecurityPolicy-TLS13-1-2-2021-06\""));
        assertTrue(TerraformReferencesTest.module(three, "region-us-east-1/")
                .blocks
                .get("module region_us_east_1")
                .contains("  certificate_arn = \"arn:aws:acm:us-east-1:"));
        assertFalse(TerraformReferencesTest.module(three, "region-eu-west-1/")
                .blocks
                .get("module region_eu_west_1")
                .contains("certificate_arn"));
        assertTrue(three.get("modules/region/variables.tf").contains("  default = null\n"));

        String nlb = TerraformFiles.unaligned("tls-nlb").get("modules/region/main.tf");
        assertTrue(nlb.contains("protocol = var.certificate_arn == null ? \"TCP\" : \"TLS\"\n"), nlb);
        assertTrue(
                nlb.contains(
                        "resource \"aws_lb_target_group\" \"this\" {\n  name_prefix = \"lf-\"\n  target_type = \"ip\"\n  protocol = \"TCP\"\n"));
        String plain = TerraformFiles.unaligned("one-region").get("modules/region/main.tf");
        assertFalse(plain.contains("certificate_arn"), "no TLS, no certificate variable");
    }
}
