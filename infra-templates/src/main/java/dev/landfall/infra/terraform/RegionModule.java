package dev.landfall.infra.terraform;

import dev.landfall.infra.serve.ServeHealthCheck;
import dev.landfall.infra.serve.ServeJvm;
import dev.landfall.infra.serve.ServeSidecar;
import dev.landfall.infra.spec.CertificateArn;
import dev.landfall.infra.spec.ServeSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import dev.landfall.infra.spec.TaskRoleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code modules/region}: the same resources as the CloudFormation regional stack. What is the
 * same in every region (image, sizes, ports) is written in; what differs (VPC, subnets, store,
 * secret ARNs) arrives as variables from the root module.
 */
final class RegionModule {
    private static final Pattern ECR_IMAGE =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+).*");
    private static final String LB_SG = "aws_security_group.load_balancer.id";
    private static final String TASK_SG = "aws_security_group.tasks.id";

    private RegionModule() {}

    static String variables(ServiceSpec spec) {
        HclWriter w = new HclWriter();
        variable(w, "region", "string", "AWS region code; the provider passed in must be for the same region");
        variable(w, "vpc_id", "string", "VPC of the load balancer and the tasks");
        variable(w, "subnet_ids", "list(string)", "Private subnets for the tasks");
        variable(
                w,
                "load_balancer_subnet_ids",
                "list(string)",
                "Subnets of the load balancer: public ones when internet-facing, the task subnets when internal");
        variable(w, "image", "string", "The container image in this region (an ECR replica, or the spec's image)");
        if (anyEcr(spec)) {
            nullableString(w, "ecr_repository_arn", "The ECR repository the image is pulled from; null: not ECR");
        }
        variable(w, "internal", "bool", "Internal load balancer, reachable only through the accelerator");
        variable(
                w,
                "health_check_protocol",
                "string",
                "HTTP, HTTPS (the container speaks TLS: passthrough) or TCP; the target group's probe");
        variable(w, "environment", "map(string)", "Plain environment variables of the container (never secrets)");
        variable(w, "secrets", "map(string)", "Environment variable name to the Secrets Manager or SSM ARN it reads");
        variable(w, "secrets_manager_arns", "list(string)", "Secrets the execution role may read");
        variable(w, "ssm_parameter_arns", "list(string)", "SSM parameters the execution role may read");
        if (anyTls(spec)) {
            nullableString(
                    w,
                    "certificate_arn",
                    "ACM certificate in this region the listener terminates TLS with; null: no TLS");
        }
        return w.text();
    }

    static String outputs() {
        HclWriter w = new HclWriter();
        output(w, "load_balancer_arn", "Feeds the global module's endpoint group", "aws_lb.this.arn");
        output(
                w,
                "load_balancer_dns_name",
                "This region's load balancer: from the internet when internet-facing, from the VPC when internal",
                "aws_lb.this.dns_name");
        output(w, "cluster_name", "ECS cluster", "aws_ecs_cluster.this.name");
        output(w, "service_name", "ECS service", "aws_ecs_service.this.name");
        return w.text();
    }

    static String main(ServiceSpec spec) {
        HclWriter w = HclWriter.generated(
                spec.name() + " on Fargate behind an " + spec.loadBalancer().name());
        w.block("resource", "aws_ecs_cluster", "this")
                .literal("name", spec.name())
                .block("setting")
                .literal("name", "containerInsights")
                .literal("value", "enabled")
                .close()
                .close()
                .blankLine();
        w.block("resource", "aws_cloudwatch_log_group", "this")
                .literal("name", "/landfall/" + spec.name())
                .attribute("retention_in_days", spec.logRetentionDays())
                .comment("The logs explain what went wrong; destroying the module must not delete them.")
                .attribute("skip_destroy", true)
                .close()
                .blankLine();
        roles(w, spec);
        taskRoleGrants(w, spec);
        taskDefinition(w, spec);
        securityGroups(w, spec);
        loadBalancer(w, spec);
        service(w, spec);
        autoscaling(w, spec);
        return w.text();
    }

    /** Execution role: its log group, its ECR repository, the listed secrets; task role: nothing. */
    private static void roles(HclWriter w, ServiceSpec spec) {
        for (String role : new String[] {"execution", "task"}) {
            w.block("resource", "aws_iam_role", role)
                    .literal("name_prefix", "landfall-" + role + "-")
                    .open("assume_role_policy = jsonencode({")
                    .literal("Version", "2012-10-17")
                    .attribute(
                            "Statement",
                            "[{ Effect = \"Allow\", Action = \"sts:AssumeRole\", "
                                    + "Principal = { Service = \"ecs-tasks.amazonaws.com\" } }]")
                    .close("})");
            replaceBeforeDestroy(w);
            w.close().blankLine();
        }
        w.block("resource", "aws_iam_role_policy", "execution")
                .literal("name", "task-execution")
                .attribute("role", "aws_iam_role.execution.id")
                .open("policy = jsonencode({")
                .literal("Version", "2012-10-17")
                .open("Statement = concat(")
                .line("["
                        + allow(
                                "logs:CreateLogStream\", \"logs:PutLogEvents",
                                "[\"${aws_cloudwatch_log_group.this.arn}:*\"]")
                        + "],");
        if (anyEcr(spec)) {
            // GetAuthorizationToken has no resource-level permissions: AWS requires "*" for it.
            w.line("var.ecr_repository_arn == null ? [] : [" + allow("ecr:GetAuthorizationToken", "[\"*\"]") + "],")
                    .line("var.ecr_repository_arn == null ? [] : ["
                            + allow(
                                    "ecr:BatchCheckLayerAvailability\", \"ecr:BatchGetImage\", "
                                            + "\"ecr:GetDownloadUrlForLayer",
                                    "[var.ecr_repository_arn]")
                            + "],");
        }
        spec.serve().flatMap(serve -> ecrRepositoryArn(serve.image())).ifPresent(repository -> {
            // The serve sidecar's image, the same in every region, may live in another repository.
            w.line("[" + allow("ecr:GetAuthorizationToken", "[\"*\"]") + "],")
                    .line("["
                            + allow(
                                    "ecr:BatchCheckLayerAvailability\", \"ecr:BatchGetImage\", "
                                            + "\"ecr:GetDownloadUrlForLayer",
                                    HclWriter.stringList(List.of(repository)))
                            + "],");
        });
        w.line("length(var.secrets_manager_arns) == 0 ? [] : ["
                        + allow("secretsmanager:GetSecretValue", "var.secrets_manager_arns") + "],")
                .line("length(var.ssm_parameter_arns) == 0 ? [] : ["
                        + allow("ssm:GetParameters", "var.ssm_parameter_arns") + "],");
        if (!spec.secretsKmsKeyArns().isEmpty()) {
            // Secrets under a customer-managed key are unreadable without Decrypt on that key.
            w.line("[" + allow("kms:Decrypt", HclWriter.stringList(spec.secretsKmsKeyArns())) + "],");
        }
        w.close(")").close("})").close().blankLine();
    }

    /** The task role's grants: managed policies attached one by one, allow statements inline. */
    private static void taskRoleGrants(HclWriter w, ServiceSpec spec) {
        TaskRoleSpec grants = spec.taskRole();
        if (!grants.policyArns().isEmpty()) {
            w.block("resource", "aws_iam_role_policy_attachment", "task")
                    .attribute("for_each", "toset(" + HclWriter.stringList(grants.policyArns()) + ")")
                    .attribute("role", "aws_iam_role.task.name")
                    .attribute("policy_arn", "each.value")
                    .close()
                    .blankLine();
        }
        if (!grants.statements().isEmpty()) {
            w.block("resource", "aws_iam_role_policy", "task")
                    .literal("name", "task")
                    .attribute("role", "aws_iam_role.task.id")
                    .open("policy = jsonencode({")
                    .literal("Version", "2012-10-17")
                    .open("Statement = [");
            for (TaskRoleSpec.Statement grant : grants.statements()) {
                w.line("{ Effect = \"Allow\", Action = " + HclWriter.stringList(grant.actions()) + ", Resource = "
                        + HclWriter.stringList(grant.resources()) + " },");
            }
            w.close("]").close("})").close().blankLine();
        }
    }

    private static String allow(String actions, String resources) {
        return "{ Effect = \"Allow\", Action = [\"" + actions + "\"], Resource = " + resources + " }";
    }

    private static void taskDefinition(HclWriter w, ServiceSpec spec) {
        w.block("resource", "aws_ecs_task_definition", "this")
                .literal("family", spec.name())
                .literal("cpu", String.valueOf(spec.cpu()))
                .literal("memory", String.valueOf(spec.memory()))
                .literal("network_mode", "awsvpc")
                .attribute("requires_compatibilities", HclWriter.stringList(java.util.List.of("FARGATE")))
                .attribute("execution_role_arn", "aws_iam_role.execution.arn")
                .attribute("task_role_arn", "aws_iam_role.task.arn")
                .block("runtime_platform")
                .literal("cpu_architecture", "X86_64")
                .literal("operating_system_family", "LINUX")
                .close()
                .open("container_definitions = jsonencode([{")
                .literal("name", spec.name())
                .attribute("image", "var.image")
                .attribute("essential", true);
        spec.repositoryCredentials()
                .ifPresent(arn -> w.attribute(
                        "repositoryCredentials", "{ credentialsParameter = " + HclWriter.string(arn.value()) + " }"));
        w.attribute(
                        "portMappings",
                        "[{ containerPort = " + spec.port() + ", protocol = "
                                + HclWriter.string(spec.accelerator().protocol().toLowerCase(Locale.ROOT)) + " }]")
                .attribute("environment", "[for name, value in var.environment : { name = name, value = value }]")
                .attribute("secrets", "[for name, arn in var.secrets : { name = name, valueFrom = arn }]");
        logConfiguration(w, spec.name());
        spec.serve().ifPresent(serve -> serveSidecar(w, spec, serve));
        w.close("}])").close().blankLine();
    }

    /**
     * {@code landfall serve} on the task's loopback, given only the store's variables and a memory
     * limit of its own; the service starts once serve's health check has passed, so it never
     * takes traffic before serve answers.
     */
    private static void serveSidecar(HclWriter w, ServiceSpec spec, ServeSpec serve) {
        String storeVariables = HclWriter.stringList(List.of("LANDFALL_STORE_ENDPOINT", "LANDFALL_STORE_KIND"));
        w.attribute(
                        "dependsOn",
                        "[{ containerName = " + HclWriter.string(ServeSidecar.CONTAINER)
                                + ", condition = \"HEALTHY\" }]")
                // terraform fmt puts the separator of two objects in a list at their fields' depth.
                .line("}, {")
                .literal("name", ServeSidecar.CONTAINER)
                .literal("image", serve.image())
                .attribute("essential", true)
                .attribute("memory", ServeJvm.memoryMiB(spec))
                .attribute("entryPoint", HclWriter.stringList(List.of("sh", "-c")))
                .attribute("command", HclWriter.stringList(List.of(ServeSidecar.script(serve))))
                .attribute(
                        "environment",
                        "[for name, value in var.environment : { name = name, value = value } if contains("
                                + storeVariables + ", name)]")
                .attribute(
                        "secrets",
                        "[for name, arn in var.secrets : { name = name, valueFrom = arn } if name == \"LANDFALL_STORE_URL\"]")
                .open("healthCheck = {")
                .attribute("command", HclWriter.stringList(List.of("CMD-SHELL", ServeHealthCheck.command(serve))))
                .attribute("interval", ServeHealthCheck.INTERVAL_SECONDS)
                .attribute("timeout", ServeHealthCheck.TIMEOUT_SECONDS)
                .attribute("retries", ServeHealthCheck.RETRIES)
                .attribute("startPeriod", ServeHealthCheck.START_PERIOD_SECONDS)
                .close();
        logConfiguration(w, ServeSidecar.CONTAINER);
    }

    /** A container's logs: the module's log group, under {@code streamPrefix}. */
    private static void logConfiguration(HclWriter w, String streamPrefix) {
        w.open("logConfiguration = {")
                .literal("logDriver", "awslogs")
                .open("options = {")
                .attribute("\"awslogs-group\"", "aws_cloudwatch_log_group.this.name")
                .attribute("\"awslogs-region\"", "var.region")
                .attribute("\"awslogs-stream-prefix\"", HclWriter.string(streamPrefix))
                .close()
                .close();
    }

    /** The world reaches only the listener port; tasks accept only the load balancer's group. */
    private static void securityGroups(HclWriter w, ServiceSpec spec) {
        String protocol = spec.loadBalancer() == LoadBalancerKind.ALB
                ? "tcp"
                : spec.accelerator().protocol().toLowerCase(Locale.ROOT);
        int listenerPort = spec.accelerator().port();
        securityGroup(w, "load_balancer", spec.name() + " load balancer: listener port from anywhere");
        w.block("resource", "aws_vpc_security_group_ingress_rule", "listener")
                .attribute("security_group_id", LB_SG)
                .literal("description", "listener")
                .literal("ip_protocol", protocol)
                .attribute("from_port", listenerPort)
                .attribute("to_port", listenerPort)
                .literal("cidr_ipv4", "0.0.0.0/0")
                .close()
                .blankLine();
        securityGroup(w, "tasks", spec.name() + " tasks: container port from the load balancer only");
        fromLoadBalancer(w, "from_load_balancer", "traffic from the load balancer", protocol, spec.port());
        if (!protocol.equals("tcp") || spec.healthCheckPort() != spec.port()) {
            // The probe is always TCP (HTTP, HTTPS or a handshake), to its own port when it has one.
            fromLoadBalancer(w, "health_check", "health checks from the load balancer", "tcp", spec.healthCheckPort());
        }
        // A security group made by CloudFormation allows all egress; Terraform removes that rule,
        // so state it: the load balancer must reach the tasks, the tasks their image and store.
        for (String group : new String[] {"load_balancer", "tasks"}) {
            w.block("resource", "aws_vpc_security_group_egress_rule", group + "_all")
                    .attribute("security_group_id", "aws_security_group." + group + ".id")
                    .literal("description", "all outbound, as an AWS default security group")
                    .literal("ip_protocol", "-1")
                    .literal("cidr_ipv4", "0.0.0.0/0")
                    .close()
                    .blankLine();
        }
    }

    private static void securityGroup(HclWriter w, String name, String description) {
        w.block("resource", "aws_security_group", name)
                .literal("description", description)
                .attribute("vpc_id", "var.vpc_id")
                .close()
                .blankLine();
    }

    private static void fromLoadBalancer(HclWriter w, String name, String description, String protocol, int port) {
        w.block("resource", "aws_vpc_security_group_ingress_rule", name)
                .attribute("security_group_id", TASK_SG)
                .literal("description", description)
                .literal("ip_protocol", protocol)
                .attribute("from_port", port)
                .attribute("to_port", port)
                .attribute("referenced_security_group_id", LB_SG)
                .close()
                .blankLine();
    }

    private static void loadBalancer(HclWriter w, ServiceSpec spec) {
        boolean alb = spec.loadBalancer() == LoadBalancerKind.ALB;
        String protocol = alb ? "HTTP" : spec.accelerator().protocol();
        w.block("resource", "aws_lb", "this")
                .literal("name_prefix", "lf-")
                .literal("load_balancer_type", alb ? "application" : "network")
                .attribute("internal", "var.internal")
                .attribute("subnets", "var.load_balancer_subnet_ids")
                .attribute("security_groups", "[" + LB_SG + "]");
        if (!alb) {
            // An NLB node sends only to targets in its own zone unless told otherwise; with fewer
            // tasks than zones a node would have none while Global Accelerator still sends to it.
            w.attribute("enable_cross_zone_load_balancing", true);
        }
        replaceBeforeDestroy(w);
        w.close().blankLine();
        w.block("resource", "aws_lb_target_group", "this")
                .literal("name_prefix", "lf-")
                .literal("target_type", "ip")
                .literal("protocol", protocol)
                .attribute("port", spec.port())
                .attribute("vpc_id", "var.vpc_id");
        // Tasks drain quickly on deploys; the 300 s default slows every rollout and rollback.
        w.attribute("deregistration_delay", HclWriter.string("30"));
        if (!alb) {
            // With ip targets an NLB hides the client address unless told to keep it.
            w.literal("preserve_client_ip", String.valueOf(spec.accelerator().clientIpPreservation()));
        }
        w.block("health_check")
                .attribute("protocol", "var.health_check_protocol")
                .attribute(
                        "path",
                        "var.health_check_protocol == \"TCP\" ? null : " + HclWriter.string(spec.healthCheckPath()));
        spec.healthCheck().port().ifPresent(port -> w.literal("port", String.valueOf(port)));
        w.attribute("interval", 10)
                .attribute("healthy_threshold", 3)
                .attribute("unhealthy_threshold", 3)
                .close();
        replaceBeforeDestroy(w);
        w.close().blankLine();
        w.block("resource", "aws_lb_listener", "this")
                .attribute("load_balancer_arn", "aws_lb.this.arn")
                .attribute("port", spec.accelerator().port());
        if (anyTls(spec)) {
            // TLS ends here in a region with a certificate; the target group keeps speaking plain
            // HTTP or TCP to the tasks.
            w.attribute(
                            "protocol",
                            "var.certificate_arn == null ? " + HclWriter.string(protocol) + " : "
                                    + HclWriter.string(alb ? "HTTPS" : "TLS"))
                    .attribute("certificate_arn", "var.certificate_arn")
                    .attribute(
                            "ssl_policy",
                            "var.certificate_arn == null ? null : " + HclWriter.string(CertificateArn.SSL_POLICY));
        } else {
            w.literal("protocol", protocol);
        }
        w.block("default_action")
                .literal("type", "forward")
                .attribute("target_group_arn", "aws_lb_target_group.this.arn")
                .close()
                .close()
                .blankLine();
    }

    private static void service(HclWriter w, ServiceSpec spec) {
        w.block("resource", "aws_ecs_service", "this")
                .literal("name", spec.name())
                .attribute("cluster", "aws_ecs_cluster.this.id")
                .attribute("task_definition", "aws_ecs_task_definition.this.arn")
                .literal("launch_type", "FARGATE")
                .attribute("desired_count", spec.tasks().desired())
                .attribute("health_check_grace_period_seconds", 60)
                .attribute("enable_ecs_managed_tags", true)
                .literal("propagate_tags", "SERVICE")
                .attribute("deployment_maximum_percent", 200)
                .attribute("deployment_minimum_healthy_percent", 100)
                .block("deployment_circuit_breaker")
                .attribute("enable", true)
                .attribute("rollback", true)
                .close()
                .block("network_configuration")
                .attribute("subnets", "var.subnet_ids")
                .attribute("security_groups", "[" + TASK_SG + "]")
                .attribute("assign_public_ip", false)
                .close()
                .block("load_balancer")
                .attribute("target_group_arn", "aws_lb_target_group.this.arn")
                .literal("container_name", spec.name())
                .attribute("container_port", spec.port())
                .close()
                // The target group must belong to a load balancer before a service may register in it.
                .attribute("depends_on", "[aws_lb_listener.this]")
                // Autoscaling owns the running count; like CloudFormation, only a changed
                // tasks.desired should move it (this is about task counts, never traffic dials).
                .block("lifecycle")
                .attribute("ignore_changes", "[desired_count]")
                .close()
                .close()
                .blankLine();
    }

    private static void autoscaling(HclWriter w, ServiceSpec spec) {
        w.block("resource", "aws_appautoscaling_target", "this")
                .attribute("min_capacity", spec.tasks().min())
                .attribute("max_capacity", spec.tasks().max())
                .attribute("resource_id", "\"service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this.name}\"")
                .literal("scalable_dimension", "ecs:service:DesiredCount")
                .literal("service_namespace", "ecs")
                .close()
                .blankLine();
        w.block("resource", "aws_appautoscaling_policy", "cpu")
                .literal("name", spec.name() + "-cpu")
                .literal("policy_type", "TargetTrackingScaling")
                .attribute("resource_id", "aws_appautoscaling_target.this.resource_id")
                .attribute("scalable_dimension", "aws_appautoscaling_target.this.scalable_dimension")
                .attribute("service_namespace", "aws_appautoscaling_target.this.service_namespace")
                .block("target_tracking_scaling_policy_configuration")
                .attribute("target_value", spec.targetCpuPercent())
                .attribute("scale_in_cooldown", 120)
                .attribute("scale_out_cooldown", 60)
                .block("predefined_metric_specification")
                .literal("predefined_metric_type", "ECSServiceAverageCPUUtilization")
                .close()
                .close()
                .close();
    }

    /** Whether some region pulls from ECR; only then does the module take a repository. */
    private static boolean anyEcr(ServiceSpec spec) {
        return spec.regions().stream()
                .anyMatch(region -> ecrRepositoryArn(spec.imageFor(region)).isPresent());
    }

    /**
     * For a resource named by {@code name_prefix}: a change that replaces it creates the new one
     * first, which the unique prefix allows, so what refers to it moves over before the old one
     * goes instead of being left without it.
     */
    private static void replaceBeforeDestroy(HclWriter w) {
        w.block("lifecycle").attribute("create_before_destroy", true).close();
    }

    /** Whether some region terminates TLS; only then does the module take a certificate. */
    private static boolean anyTls(ServiceSpec spec) {
        return spec.regions().stream().anyMatch(region -> region.certificate().isPresent());
    }

    /** The repository ARN when the image lives in ECR; other registries need no IAM permission. */
    static Optional<String> ecrRepositoryArn(String image) {
        Matcher m = ECR_IMAGE.matcher(image);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("arn:aws:ecr:" + m.group(2) + ":" + m.group(1) + ":repository/" + m.group(3));
    }

    static void variable(HclWriter w, String name, String type, String description) {
        w.block("variable", name)
                .attribute("type", type)
                .literal("description", description)
                .close()
                .blankLine();
    }

    private static void nullableString(HclWriter w, String name, String description) {
        w.block("variable", name)
                .attribute("type", "string")
                .literal("description", description)
                .attribute("default", "null")
                .close()
                .blankLine();
    }

    static void output(HclWriter w, String name, String description, String value) {
        w.block("output", name)
                .literal("description", description)
                .attribute("value", value)
                .close()
                .blankLine();
    }
}
