package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Terraform mirrors the CloudFormation architecture, and the variables own the dials. */
class TerraformArchitectureTest {
    private static final Pattern PASSWORD_WORD = Pattern.compile("(?i)passw(or)?d");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@\"]+:[^@\\s/\"]+@");

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "example"})
    void theVariablesOwnTheTrafficDialsWhichStartAtZero(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.files(spec);
        HclStructure root = TerraformReferencesTest.module(files, "");
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
        assertTrue(files.get("README.md").contains("terraform init\nterraform plan"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "example"})
    void onlyTheListenerPortIsOpenToTheWorld(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        HclStructure region = TerraformReferencesTest.module(TerraformFiles.files(spec), "modules/region/");
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
    @ValueSource(strings = {"one-region", "three-region", "udp", "example"})
    void everyCloudFormationResourceHasItsTerraformCounterpart(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.files(spec);
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
        String region = TerraformFiles.files("udp").get("modules/region/main.tf");
        assertTrue(region.contains("load_balancer_type = \"network\""));
        assertTrue(region.contains("resource \"aws_vpc_security_group_ingress_rule\" \"health_check\""));
        assertTrue(region.contains("preserve_client_ip = \"false\""));
        assertTrue(
                TerraformFiles.files("one-region")
                        .get("modules/region/main.tf")
                        .contains("load_balancer_type = \"network\""),
                "NLB by default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "example"})
    void noPasswordOrSecretValueAndSecretsOnlyAsArns(String spec) {
        ServiceSpec parsed = TerraformFiles.spec(spec);
        SortedMap<String, String> files = TerraformFiles.files(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getValue();
            assertFalse(PASSWORD_WORD.matcher(text).find(), spec + "/" + file.getKey() + " mentions a password");
            assertFalse(URL_WITH_PASSWORD.matcher(text).find(), spec + "/" + file.getKey() + " holds a URL password");
        }
        HclStructure root = TerraformReferencesTest.module(files, "");
        for (RegionSpec region : parsed.regions()) {
            String block = root.blocks.get("module " + Names.regionModule(region.name()));
            String environment = block.substring(block.indexOf("  environment = "), block.indexOf("  secrets = "));
            for (var secret : parsed.secrets().entrySet()) {
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
        String main = TerraformFiles.files("udp").get("main.tf");
        String arn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:relay/redis-url-AbCdEf";
        assertTrue(main.contains("\"LANDFALL_STORE_URL\" = \"" + arn + ":url::\""), main);
        assertTrue(main.contains("secrets_manager_arns = [\"" + arn + "\"]"), main);
        assertTrue(
                main.contains("ssm_parameter_arns = [\"arn:aws:ssm:eu-central-1:111122223333:parameter/relay/key\"]"));
        assertFalse(
                TerraformFiles.files("udp").get("modules/region/main.tf").contains("\"ecr:"),
                "a Docker Hub image needs no ECR permission");
    }
}
