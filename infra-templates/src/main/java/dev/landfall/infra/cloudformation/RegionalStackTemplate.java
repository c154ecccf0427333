package dev.landfall.infra.cloudformation;

import static dev.landfall.infra.cloudformation.Intrinsics.getAtt;
import static dev.landfall.infra.cloudformation.Intrinsics.ref;
import static dev.landfall.infra.cloudformation.Intrinsics.sub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.infra.TemplateGenerator;
import dev.landfall.infra.serve.ServeHealthCheck;
import dev.landfall.infra.serve.ServeJvm;
import dev.landfall.infra.serve.ServeSidecar;
import dev.landfall.infra.spec.CertificateArn;
import dev.landfall.infra.spec.HealthCheckSpec;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServeSpec;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stack of one region: ECS cluster, Fargate task definition and service (circuit breaker
 * with rollback), load balancer with listener and target group, security groups, log group,
 * task roles and target-tracking autoscaling, plus the VPC when the region says {@code create:
 * true} ({@link NetworkResources}). The listener terminates TLS when the region has a
 * certificate. Its {@code LoadBalancerArn} output feeds the global stack.
 */
public final class RegionalStackTemplate {
    private RegionalStackTemplate() {}

    /** The template for {@code region}, as a JSON tree. */
    public static ObjectNode build(ServiceSpec spec, RegionSpec region) {
        CfnTemplate template = new CfnTemplate(TemplateGenerator.notice(spec.name() + " on Fargate in " + region.name()
                + " behind an " + spec.loadBalancer().name()));
        // Cluster and service carry the service's name so that `landfall cutover` finds them in
        // every region without stack outputs.
        ObjectNode cluster = template.resource("Cluster", "AWS::ECS::Cluster").put("ClusterName", spec.name());
        cluster.putArray("ClusterSettings")
                .addObject()
                .put("Name", "containerInsights")
                .put("Value", "enabled");
        cluster.set("Tags", Intrinsics.tags(spec.name()));
        template.resource("LogGroup", "AWS::Logs::LogGroup")
                .put("LogGroupName", "/landfall/" + spec.name())
                .put("RetentionInDays", spec.logRetentionDays());
        // The logs explain what went wrong; deleting the stack must not delete them with it.
        GlobalStackTemplate.retain(template, "LogGroup");
        Placement placement = NetworkResources.add(template, spec, region);
        TaskRoles.add(template, spec, region);
        taskDefinition(template, spec, region);
        securityGroups(template, spec, placement);
        loadBalancer(template, spec, region, placement);
        service(template, spec, placement);
        autoscaling(template, spec);
        template.output("LoadBalancerArn", "Pass to the global stack's LoadBalancerArn parameter", ref("LoadBalancer"));
        template.output(
                "LoadBalancerDnsName",
                region.internal()
                        ? "Internal load balancer: reachable from inside the VPC only, clients come through the"
                                + " accelerator"
                        : "Reach this region directly, bypassing the accelerator",
                getAtt("LoadBalancer", "DNSName"));
        template.output("ClusterName", "ECS cluster", ref("Cluster"));
        template.output("ServiceName", "ECS service", getAtt("Service", "Name"));
        return template.toJson();
    }

    private static void taskDefinition(CfnTemplate template, ServiceSpec spec, RegionSpec region) {
        ObjectNode task = template.resource("TaskDefinition", "AWS::ECS::TaskDefinition")
                .put("Family", spec.name())
                .put("Cpu", String.valueOf(spec.cpu()))
                .put("Memory", String.valueOf(spec.memory()))
                .put("NetworkMode", "awsvpc");
        task.putArray("RequiresCompatibilities").add("FARGATE");
        task.putObject("RuntimePlatform").put("CpuArchitecture", "X86_64").put("OperatingSystemFamily", "LINUX");
        task.set("ExecutionRoleArn", getAtt("ExecutionRole", "Arn"));
        task.set("TaskRoleArn", getAtt("TaskRole", "Arn"));
        task.set("Tags", Intrinsics.tags(spec.name()));
        ObjectNode container = task.putArray("ContainerDefinitions")
                .addObject()
                .put("Name", spec.name())
                .put("Image", spec.imageFor(region))
                .put("Essential", true);
        spec.repositoryCredentials()
                .ifPresent(
                        arn -> container.putObject("RepositoryCredentials").put("CredentialsParameter", arn.value()));
        container
                .putArray("PortMappings")
                .addObject()
                .put("ContainerPort", spec.port())
                .put("Protocol", spec.accelerator().protocol().toLowerCase(Locale.ROOT));
        ArrayNode environment = container.putArray("Environment");
        Map<String, String> plain = new TreeMap<>(spec.environment());
        plain.put("LANDFALL_REGION", region.name());
        plain.put("LANDFALL_STORE_KIND", region.store().kind());
        region.store().endpoint().ifPresent(endpoint -> plain.put("LANDFALL_STORE_ENDPOINT", endpoint));
        spec.serve().ifPresent(serve -> plain.put(ServeSidecar.URL_VARIABLE, ServeSidecar.url(serve)));
        plain.forEach((name, value) -> environment.addObject().put("Name", name).put("Value", value));
        Map<String, String> secret = new TreeMap<>();
        spec.secretsFor(region).forEach((name, arn) -> secret.put(name, arn.value()));
        region.store().secretArn().ifPresent(arn -> secret.put("LANDFALL_STORE_URL", arn.value()));
        if (!secret.isEmpty()) {
            ArrayNode secrets = container.putArray("Secrets");
            secret.forEach((name, arn) -> secrets.addObject().put("Name", name).put("ValueFrom", arn));
        }
        logConfiguration(container, spec.name());
        spec.serve().ifPresent(serve -> serveSidecar(task, container, spec, serve, region));
    }

    /**
     * {@code landfall serve} on the task's loopback, with a memory limit of its own; the service
     * starts once serve's health check has passed, so it never takes traffic before serve answers.
     */
    private static void serveSidecar(
            ObjectNode task, ObjectNode service, ServiceSpec spec, ServeSpec serve, RegionSpec region) {
        service.putArray("DependsOn")
                .addObject()
                .put("ContainerName", ServeSidecar.CONTAINER)
                .put("Condition", "HEALTHY");
        ObjectNode sidecar = ((ArrayNode) task.get("ContainerDefinitions"))
                .addObject()
                .put("Name", ServeSidecar.CONTAINER)
                .put("Image", serve.image())
                .put("Essential", true)
                .put("Memory", ServeJvm.memoryMiB(spec));
        sidecar.putArray("EntryPoint").add("sh").add("-c");
        sidecar.putArray("Command").add(ServeSidecar.script(serve));
        ObjectNode healthCheck = sidecar.putObject("HealthCheck");
        healthCheck.putArray("Command").add("CMD-SHELL").add(ServeHealthCheck.command(serve));
        healthCheck
                .put("Interval", ServeHealthCheck.INTERVAL_SECONDS)
                .put("Timeout", ServeHealthCheck.TIMEOUT_SECONDS)
                .put("Retries", ServeHealthCheck.RETRIES)
                .put("StartPeriod", ServeHealthCheck.START_PERIOD_SECONDS);
        ArrayNode environment = sidecar.putArray("Environment");
        environment
                .addObject()
                .put("Name", "LANDFALL_STORE_KIND")
                .put("Value", region.store().kind());
        region.store()
                .endpoint()
                .ifPresent(endpoint -> environment
                        .addObject()
                        .put("Name", "LANDFALL_STORE_ENDPOINT")
                        .put("Value", endpoint));
        region.store()
                .secretArn()
                .ifPresent(arn -> sidecar.putArray("Secrets")
                        .addObject()
                        .put("Name", "LANDFALL_STORE_URL")
                        .put("ValueFrom", arn.value()));
        logConfiguration(sidecar, ServeSidecar.CONTAINER);
    }

    /** A container's logs: the stack's log group, under {@code streamPrefix}. */
    private static void logConfiguration(ObjectNode container, String streamPrefix) {
        ObjectNode options = container
                .putObject("LogConfiguration")
                .put("LogDriver", "awslogs")
                .putObject("Options");
        options.set("awslogs-group", ref("LogGroup"));
        options.set("awslogs-region", ref("AWS::Region"));
        options.put("awslogs-stream-prefix", streamPrefix);
    }

    /** The world reaches only the listener port; tasks accept only the load balancer's group. */
    private static void securityGroups(CfnTemplate template, ServiceSpec spec, Placement placement) {
        String protocol = spec.loadBalancer() == LoadBalancerKind.ALB
                ? "tcp"
                : spec.accelerator().protocol().toLowerCase(Locale.ROOT);
        ObjectNode lb = template.resource("LoadBalancerSecurityGroup", "AWS::EC2::SecurityGroup")
                .put("GroupDescription", spec.name() + " load balancer: listener port from anywhere")
                .set("VpcId", placement.vpcId());
        lb.putArray("SecurityGroupIngress")
                .addObject()
                .put("IpProtocol", protocol)
                .put("FromPort", spec.accelerator().port())
                .put("ToPort", spec.accelerator().port())
                .put("CidrIp", "0.0.0.0/0")
                .put("Description", "listener");
        lb.set("Tags", Intrinsics.tags(spec.name()));

        ObjectNode tasks = template.resource("TaskSecurityGroup", "AWS::EC2::SecurityGroup")
                .put("GroupDescription", spec.name() + " tasks: container port from the load balancer only")
                .set("VpcId", placement.vpcId());
        ArrayNode ingress = tasks.putArray("SecurityGroupIngress");
        ingress.addObject()
                .put("IpProtocol", protocol)
                .put("FromPort", spec.port())
                .put("ToPort", spec.port())
                .put("Description", "traffic from the load balancer")
                .set("SourceSecurityGroupId", getAtt("LoadBalancerSecurityGroup", "GroupId"));
        if (!protocol.equals("tcp") || spec.healthCheckPort() != spec.port()) {
            // The probe is always TCP (HTTP, HTTPS or a handshake), to its own port when it has one.
            ingress.addObject()
                    .put("IpProtocol", "tcp")
                    .put("FromPort", spec.healthCheckPort())
                    .put("ToPort", spec.healthCheckPort())
                    .put("Description", "health checks from the load balancer")
                    .set("SourceSecurityGroupId", getAtt("LoadBalancerSecurityGroup", "GroupId"));
        }
        tasks.set("Tags", Intrinsics.tags(spec.name()));
    }

    private static void loadBalancer(CfnTemplate template, ServiceSpec spec, RegionSpec region, Placement placement) {
        boolean alb = spec.loadBalancer() == LoadBalancerKind.ALB;
        ObjectNode lb = template.resource("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer")
                .put("Type", alb ? "application" : "network")
                .put("Scheme", region.loadBalancerScheme().text());
        lb.set("Subnets", placement.loadBalancerSubnets());
        lb.putArray("SecurityGroups").add(ref("LoadBalancerSecurityGroup"));
        if (!alb) {
            // An NLB node sends only to targets in its own zone unless told otherwise; with fewer
            // tasks than zones a node would have none while Global Accelerator still sends to it.
            lb.putArray("LoadBalancerAttributes")
                    .addObject()
                    .put("Key", "load_balancing.cross_zone.enabled")
                    .put("Value", "true");
        }
        lb.set("Tags", Intrinsics.tags(spec.name()));
        if (!placement.loadBalancerDependsOn().isEmpty()) {
            ArrayNode dependsOn = template.resourceNode("LoadBalancer").putArray("DependsOn");
            placement.loadBalancerDependsOn().forEach(dependsOn::add);
        }

        String protocol = alb ? "HTTP" : spec.accelerator().protocol();
        ObjectNode group = template.resource("TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup")
                .put("TargetType", "ip")
                .put("Protocol", protocol)
                .put("Port", spec.port())
                .set("VpcId", placement.vpcId());
        HealthCheckSpec.Protocol check = spec.healthCheckProtocol(region);
        group.put("HealthCheckProtocol", check.name());
        if (check != HealthCheckSpec.Protocol.TCP) {
            group.put("HealthCheckPath", spec.healthCheckPath());
        }
        spec.healthCheck().port().ifPresent(port -> group.put("HealthCheckPort", String.valueOf(port)));
        group.put("HealthCheckIntervalSeconds", 10)
                .put("HealthyThresholdCount", 3)
                .put("UnhealthyThresholdCount", 3);
        ArrayNode attributes = group.putArray("TargetGroupAttributes");
        // Tasks drain quickly on deploys; the 300 s default slows every rollout and rollback.
        attributes
                .addObject()
                .put("Key", "deregistration_delay.timeout_seconds")
                .put("Value", "30");
        if (!alb) {
            // With ip targets an NLB hides the client address unless told to keep it.
            attributes
                    .addObject()
                    .put("Key", "preserve_client_ip.enabled")
                    .put("Value", String.valueOf(spec.accelerator().clientIpPreservation()));
        }
        group.set("Tags", Intrinsics.tags(spec.name()));

        ObjectNode listener = template.resource("Listener", "AWS::ElasticLoadBalancingV2::Listener")
                .put("Port", spec.accelerator().port());
        if (region.certificate().isPresent()) {
            // TLS ends at the listener; the target group keeps speaking plain HTTP or TCP to the tasks.
            listener.put("Protocol", alb ? "HTTPS" : "TLS").put("SslPolicy", CertificateArn.SSL_POLICY);
            listener.putArray("Certificates")
                    .addObject()
                    .put("CertificateArn", region.certificate().get().value());
        } else {
            listener.put("Protocol", protocol);
        }
        listener.set("LoadBalancerArn", ref("LoadBalancer"));
        listener.putArray("DefaultActions")
                .addObject()
                .put("Type", "forward")
                .set("TargetGroupArn", ref("TargetGroup"));
    }

    private static void service(CfnTemplate template, ServiceSpec spec, Placement placement) {
        ObjectNode service = template.resource("Service", "AWS::ECS::Service")
                .put("ServiceName", spec.name())
                .put("LaunchType", "FARGATE")
                .put("DesiredCount", spec.tasks().desired())
                .put("HealthCheckGracePeriodSeconds", 60)
                .put("EnableECSManagedTags", true)
                .put("PropagateTags", "SERVICE");
        service.set("Cluster", ref("Cluster"));
        service.set("TaskDefinition", ref("TaskDefinition"));
        ObjectNode deployment = service.putObject("DeploymentConfiguration")
                .put("MaximumPercent", 200)
                .put("MinimumHealthyPercent", 100);
        deployment.putObject("DeploymentCircuitBreaker").put("Enable", true).put("Rollback", true);
        ObjectNode awsvpc = service.putObject("NetworkConfiguration")
                .putObject("AwsvpcConfiguration")
                .put("AssignPublicIp", "DISABLED");
        awsvpc.set("Subnets", placement.taskSubnets());
        awsvpc.putArray("SecurityGroups").add(ref("TaskSecurityGroup"));
        service.putArray("LoadBalancers")
                .addObject()
                .put("ContainerName", spec.name())
                .put("ContainerPort", spec.port())
                .set("TargetGroupArn", ref("TargetGroup"));
        service.set("Tags", Intrinsics.tags(spec.name()));
        // The target group must belong to a load balancer before a service may register in it.
        ArrayNode dependsOn =
                template.resourceNode("Service").putArray("DependsOn").add("Listener");
        placement.serviceDependsOn().forEach(dependsOn::add);
    }

    private static void autoscaling(CfnTemplate template, ServiceSpec spec) {
        ObjectNode target = template.resource("ScalableTarget", "AWS::ApplicationAutoScaling::ScalableTarget")
                .put("MinCapacity", spec.tasks().min())
                .put("MaxCapacity", spec.tasks().max())
                .put("ScalableDimension", "ecs:service:DesiredCount")
                .put("ServiceNamespace", "ecs");
        target.set("ResourceId", sub("service/${Cluster}/${Service.Name}"));
        ObjectNode policy = template.resource("ScalingPolicy", "AWS::ApplicationAutoScaling::ScalingPolicy")
                .put("PolicyName", spec.name() + "-cpu")
                .put("PolicyType", "TargetTrackingScaling");
        policy.set("ScalingTargetId", ref("ScalableTarget"));
        ObjectNode tracking = policy.putObject("TargetTrackingScalingPolicyConfiguration")
                .put("TargetValue", (double) spec.targetCpuPercent())
                .put("ScaleInCooldown", 120)
                .put("ScaleOutCooldown", 60);
        tracking.putObject("PredefinedMetricSpecification")
                .put("PredefinedMetricType", "ECSServiceAverageCPUUtilization");
    }
}
