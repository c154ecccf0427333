package dev.landfall.infra.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import dev.landfall.infra.spec.ServiceSpec.TaskCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the located tree into a {@link ServiceSpec}: known fields only, each of the right type
 * and range. Rules that span fields are {@link SpecValidator}'s job. A wrong field is reported to
 * {@link SpecProblems} and read as a stand-in value, so the rest is still checked; a spec with an
 * error is never handed out, so the stand-ins only ever meet the other checks.
 */
final class SpecBinder {
    private static final Set<String> TOP = Set.of(
            "name",
            "image",
            "port",
            "healthCheckPath",
            "healthCheck",
            "cpu",
            "memory",
            "tasks",
            "autoscaling",
            "loadBalancer",
            "loadBalancerScheme",
            "logRetentionDays",
            "environment",
            "secrets",
            "regions",
            "accelerator",
            "cutover",
            "taskRole",
            "secretsKmsKeyArns",
            "repositoryCredentials",
            "serve");

    private static final Set<String> REGION = Set.of(
            "name",
            "create",
            "vpcId",
            "subnetIds",
            "publicSubnetIds",
            "cidr",
            "availabilityZones",
            "natGateways",
            "certificateArn",
            "loadBalancerScheme",
            "image",
            "secrets",
            "store");
    /** The fields that shape a VPC Landfall creates; meaningless beside an existing VPC. */
    private static final List<String> CREATE_ONLY = List.of("cidr", "availabilityZones", "natGateways");

    static final WholeNumber PORT = WholeNumber.range(1, 65535, 8080);
    private static final WholeNumber TASKS = WholeNumber.range(1, 1000, 2);
    /** The retentions CloudWatch Logs offers (PutRetentionPolicy). */
    static final List<Integer> CLOUDWATCH_RETENTION_DAYS = List.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final StringForm POLICY_ARN = StringForm.of(
            "arn:aws(-[a-z]+)*:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+",
            "an IAM policy ARN",
            "give e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or arn:aws:iam::111122223333:policy/NAME");
    private static final StringForm ACTION = StringForm.of(
            "[a-z0-9-]+:[A-Za-z0-9*]+",
            "an IAM action",
            "write service:Action, such as s3:GetObject or dynamodb:Query");
    private static final StringForm KMS_KEY_ARN = StringForm.of(
            "arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+",
            "a KMS key ARN",
            "give the key's ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID); IAM does not match aliases");

    private SpecBinder() {}

    static ServiceSpec bind(SpecDocument document, SpecProblems problems) {
        SpecNode top = new SpecNode(problems, "", document.root());
        top.allowOnly(TOP);
        SpecNode tasks = top.object("tasks");
        tasks.allowOnly(Set.of("desired", "min", "max"));
        SpecNode autoscaling = top.object("autoscaling");
        autoscaling.allowOnly(Set.of("targetCpuPercent"));
        return new ServiceSpec(
                top.string("name"),
                top.string("image"),
                top.integer("port", PORT),
                healthCheckPath(problems, top),
                healthCheck(document, problems, top),
                top.integer("cpu", WholeNumber.oneOf(FargateSizes.cpus())),
                top.integer("memory", WholeNumber.range(1, 10_000_000, 2048)),
                new TaskCounts(
                        tasks.integer("desired", TASKS), tasks.integer("min", TASKS), tasks.integer("max", TASKS)),
                autoscaling.integer("targetCpuPercent", WholeNumber.range(10, 90, 60)),
                loadBalancer(problems, top),
                top.integer("logRetentionDays", 30, WholeNumber.oneOf(CLOUDWATCH_RETENTION_DAYS)),
                top.strings("environment"),
                secrets(problems, top),
                regions(problems, top),
                accelerator(problems, top),
                cutover(top),
                taskRole(problems, top),
                top.stringList("secretsKmsKeyArns", false, KMS_KEY_ARN),
                top.has("repositoryCredentials")
                        ? secretArn(problems, top.at("repositoryCredentials"), top.string("repositoryCredentials"))
                        : Optional.empty(),
                serve(top));
    }

    private static Optional<ServeSpec> serve(SpecNode top) {
        if (!top.has("serve")) {
            return Optional.empty();
        }
        SpecNode serve = top.object("serve");
        serve.allowOnly(Set.of("image", "port", "workerd"));
        Optional<ServeSpec.Workerd> workerd = Optional.empty();
        if (serve.has("workerd")) {
            SpecNode w = serve.object("workerd");
            w.allowOnly(Set.of("script", "compatibilityDate", "kvNamespaces"));
            if (!w.has("kvNamespaces")) {
                w.object("kvNamespaces");
            }
            workerd = Optional.of(new ServeSpec.Workerd(
                    w.string("script"), w.string("compatibilityDate"), w.strings("kvNamespaces")));
        }
        return Optional.of(
                new ServeSpec(serve.string("image"), serve.integer("port", ServeSpec.DEFAULT_PORT, PORT), workerd));
    }

    /** The path is given once: as healthCheckPath, or as healthCheck.path beside the protocol and port. */
    private static String healthCheckPath(SpecProblems problems, SpecNode top) {
        boolean nested = top.has("healthCheck") && top.object("healthCheck").has("path");
        if (nested && top.has("healthCheckPath")) {
            problems.error(
                    top.at("healthCheckPath"),
                    "the path is also given as healthCheck.path",
                    "keep one of healthCheckPath and healthCheck.path");
        }
        SpecNode holder = nested ? top.object("healthCheck") : top;
        String key = nested ? "path" : "healthCheckPath";
        String path = holder.string(key);
        // Checked here, where it is known which of the two keys holds it, so the error points there.
        if (!path.isEmpty() && !path.startsWith("/")) {
            problems.error(holder.at(key), "must start with '/'", "write e.g. /healthz");
        }
        return path;
    }

    private static HealthCheckSpec healthCheck(SpecDocument document, SpecProblems problems, SpecNode top) {
        if (!top.has("healthCheck")) {
            return HealthCheckSpec.DEFAULT;
        }
        SpecNode check = top.object("healthCheck");
        check.allowOnly(Set.of("protocol", "port", "path"));
        Optional<HealthCheckSpec.Protocol> protocol = check.parsed(
                "protocol",
                text -> Arrays.stream(HealthCheckSpec.Protocol.values())
                        .filter(p -> p.name().equals(text.toUpperCase(Locale.ROOT)))
                        .findFirst(),
                "a health check protocol",
                "use HTTP, HTTPS (the container speaks TLS) or TCP (a handshake only, NLB)");
        OptionalInt port = OptionalInt.empty();
        JsonNode raw = document.root().at(check.at("port"));
        if (check.has("port") && !(raw.isTextual() && raw.asText().equals("traffic-port"))) {
            if (raw.isTextual()) {
                problems.error(
                        check.at("port"),
                        "'" + raw.asText() + "' is not a port",
                        "write a port number from 1 to 65535, or traffic-port (the container port, the default)");
            } else {
                port = OptionalInt.of(check.integer("port", PORT));
            }
        }
        return new HealthCheckSpec(protocol, port);
    }

    private static TaskRoleSpec taskRole(SpecProblems problems, SpecNode top) {
        if (!top.has("taskRole")) {
            return TaskRoleSpec.NONE;
        }
        SpecNode role = top.object("taskRole");
        role.allowOnly(Set.of("policyArns", "statements"));
        List<String> policies = role.stringList("policyArns", false, POLICY_ARN);
        List<TaskRoleSpec.Statement> statements = new ArrayList<>();
        List<JsonNode> items = role.list("statements", false);
        for (int i = 0; i < items.size(); i++) {
            SpecNode statement = role.element("statements", i, items.get(i));
            statement.allowOnly(Set.of("actions", "resources"));
            List<String> actions = statement.stringList("actions", true, ACTION);
            List<String> resources = statement.stringList("resources", true);
            if ((actions.isEmpty() && statement.has("actions"))
                    || (resources.isEmpty() && statement.has("resources"))) {
                problems.error(
                        statement.pointer(),
                        "needs at least one action and one resource",
                        "list actions: [service:Action] and resources: [ARN]");
            }
            statements.add(new TaskRoleSpec.Statement(actions, resources));
        }
        return new TaskRoleSpec(policies, statements);
    }

    /** Absent means the level above decides; the spec's top level falls back to internal. */
    private static LoadBalancerScheme scheme(SpecNode node, LoadBalancerScheme fallback) {
        return node.parsed(
                        "loadBalancerScheme",
                        LoadBalancerScheme::parse,
                        "a load balancer scheme",
                        "use internal (default: reachable only through the accelerator) or internet-facing"
                                + " (needs publicSubnetIds in an existing VPC)")
                .orElse(fallback);
    }

    private static LoadBalancerKind loadBalancer(SpecProblems problems, SpecNode top) {
        String kind = top.string("loadBalancer", "nlb");
        return switch (kind) {
            case "nlb" -> LoadBalancerKind.NLB;
            case "alb" -> LoadBalancerKind.ALB;
            default -> {
                problems.error(
                        top.at("loadBalancer"),
                        "'" + kind + "' is not a load balancer type",
                        "use nlb (default) or alb");
                yield LoadBalancerKind.NLB;
            }
        };
    }

    /** The {@code secrets} mapping of the top level or of a region. */
    private static SortedMap<String, SecretArn> secrets(SpecProblems problems, SpecNode top) {
        SortedMap<String, SecretArn> out = new TreeMap<>();
        for (Map.Entry<String, String> e : top.strings("secrets").entrySet()) {
            secretArn(problems, SpecDocument.child(top.at("secrets"), e.getKey()), e.getValue())
                    .ifPresent(arn -> out.put(e.getKey(), arn));
        }
        return out;
    }

    /** The value is never echoed: a misplaced secret value must not land in a log or CI output. */
    private static Optional<SecretArn> secretArn(SpecProblems problems, String pointer, String text) {
        Optional<SecretArn> arn = SecretArn.parse(text);
        if (arn.isEmpty()) {
            problems.error(
                    pointer,
                    "is not a Secrets Manager or SSM parameter ARN (its value is not shown)",
                    "store the value in Secrets Manager or SSM Parameter Store and give its ARN, e.g."
                            + " arn:aws:secretsmanager:us-east-1:111122223333:secret:api/db-AbCdEf");
        }
        return arn;
    }

    private static List<RegionSpec> regions(SpecProblems problems, SpecNode top) {
        List<JsonNode> items = top.list("regions", true);
        if (items.isEmpty() && top.has("regions")) {
            problems.error(top.at("regions"), "needs at least one region", "add '- name: us-east-1' and its VPC");
        }
        LoadBalancerScheme scheme = scheme(top, LoadBalancerScheme.INTERNAL);
        List<RegionSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SpecNode region = top.element("regions", i, items.get(i));
            region.allowOnly(REGION);
            String name = region.string("name");
            out.add(new RegionSpec(
                    name,
                    region.bool("create", false) ? created(problems, region, name) : existing(problems, region),
                    store(problems, region.object("store")),
                    certificate(region),
                    scheme(region, scheme),
                    region.has("image") ? Optional.of(region.string("image")) : Optional.empty(),
                    secrets(problems, region)));
        }
        return out;
    }

    private static RegionNetwork existing(SpecProblems problems, SpecNode region) {
        for (String field : CREATE_ONLY) {
            if (region.has(field)) {
                problems.error(
                        region.at(field),
                        "only applies to a VPC Landfall creates",
                        "add create: true to have Landfall create the VPC, or remove " + field);
            }
        }
        if (!region.has("vpcId") && !region.has("subnetIds")) {
            problems.error(
                    region.at("vpcId"),
                    "is missing: a region needs an existing VPC (vpcId and subnetIds) or create: true",
                    "add vpcId: and subnetIds: of the VPC to use, or create: true to have Landfall create one");
            return new RegionNetwork.Existing("", List.of(), List.of());
        }
        return new RegionNetwork.Existing(
                region.string("vpcId"),
                region.stringList("subnetIds", true),
                region.stringList("publicSubnetIds", false));
    }

    private static RegionNetwork created(SpecProblems problems, SpecNode region, String name) {
        for (String field : List.of("vpcId", "subnetIds", "publicSubnetIds")) {
            if (region.has(field)) {
                problems.error(
                        region.at(field),
                        "cannot be given with create: true, which makes Landfall create the VPC and its subnets",
                        "remove vpcId, subnetIds and publicSubnetIds to have Landfall create the network,"
                                + " or remove create: true to use this VPC");
                // The fix names all three fields: one message is enough.
                break;
            }
        }
        Ipv4Cidr cidr = cidr(problems, region);
        String nat = region.string("natGateways", "per-zone");
        RegionNetwork.NatGateways natGateways = switch (nat) {
            case "per-zone" -> RegionNetwork.NatGateways.PER_ZONE;
            case "single" -> RegionNetwork.NatGateways.SINGLE;
            default -> {
                problems.error(
                        region.at("natGateways"),
                        "'" + nat + "' is not a NAT gateway layout",
                        "use per-zone (default: each zone keeps its egress when another fails) or single"
                                + " (one NAT gateway, cheaper)");
                yield RegionNetwork.NatGateways.PER_ZONE;
            }
        };
        int zones =
                region.integer("availabilityZones", RegionNames.availabilityZones(name), WholeNumber.range(2, 3, 3));
        return new RegionNetwork.Created(cidr, zones, natGateways);
    }

    private static Ipv4Cidr cidr(SpecProblems problems, SpecNode region) {
        String text = region.string("cidr", RegionNetwork.Created.DEFAULT_CIDR);
        Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(text);
        if (cidr.isEmpty()) {
            problems.error(
                    region.at("cidr"),
                    "'" + text + "' is not an IPv4 network in CIDR notation",
                    Ipv4Cidr.parseLoosely(text)
                            .map(network -> "its host bits are not zero; did you mean " + network + "?")
                            .orElse("write a private range such as 10.0.0.0/16"));
        }
        return cidr.orElseGet(
                () -> Ipv4Cidr.parse(RegionNetwork.Created.DEFAULT_CIDR).orElseThrow());
    }

    private static Optional<CertificateArn> certificate(SpecNode region) {
        return region.parsed(
                "certificateArn",
                CertificateArn::parse,
                "an ACM certificate ARN",
                "give the ARN of an AWS Certificate Manager certificate in this region, e.g."
                        + " arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9");
    }

    private static StoreSpec store(SpecProblems problems, SpecNode store) {
        store.allowOnly(Set.of("kind", "endpoint", "secretArn"));
        String kind = store.string("kind");
        if (!kind.isEmpty() && !kind.equals("postgres") && !kind.equals("redis")) {
            problems.error(store.at("kind"), "'" + kind + "' is not a store kind", "use postgres or redis");
        }
        Optional<String> endpoint = store.has("endpoint") ? Optional.of(store.string("endpoint")) : Optional.empty();
        Optional<SecretArn> arn = store.has("secretArn")
                ? secretArn(problems, store.at("secretArn"), store.string("secretArn"))
                : Optional.empty();
        if (store.has("endpoint") == store.has("secretArn")) {
            problems.error(
                    store.pointer(),
                    "needs exactly one of endpoint and secretArn",
                    "give endpoint: host:port, or secretArn: the ARN of a secret holding the connection URL");
        }
        // A stand-in when the store was refused above: the spec is not handed out then.
        return endpoint.isPresent() != arn.isPresent()
                ? new StoreSpec(kind, endpoint, arn)
                : new StoreSpec(kind, Optional.of(""), Optional.empty());
    }

    private static AcceleratorSpec accelerator(SpecProblems problems, SpecNode top) {
        SpecNode ga = top.object("accelerator");
        ga.allowOnly(Set.of("port", "protocol", "clientIpPreservation", "healthCheck", "clientAffinity"));
        String protocol = ga.string("protocol", "TCP").toUpperCase(Locale.ROOT);
        if (!protocol.equals("TCP") && !protocol.equals("UDP") && !protocol.isEmpty()) {
            problems.error(
                    ga.at("protocol"),
                    "'" + protocol + "' is not a Global Accelerator protocol",
                    "use TCP or UDP; GA does not terminate HTTP or TLS");
        }
        int interval = 30;
        int threshold = 3;
        if (ga.has("healthCheck")) {
            SpecNode check = ga.object("healthCheck");
            check.allowOnly(Set.of("intervalSeconds", "thresholdCount"));
            // AWS documents only 10 and 30 seconds.
            interval = check.integer("intervalSeconds", 30, WholeNumber.oneOf(List.of(10, 30)));
            threshold = check.integer("thresholdCount", 3, WholeNumber.range(1, 10, 3));
        }
        String affinity = ga.string("clientAffinity", AcceleratorSpec.DEFAULT_CLIENT_AFFINITY);
        if (!affinity.equals("NONE") && !affinity.equals("SOURCE_IP") && !affinity.isEmpty()) {
            problems.error(
                    ga.at("clientAffinity"),
                    "'" + affinity + "' is not a client affinity",
                    "use NONE (default) or SOURCE_IP (keep a client's connections on one region)");
        }
        return new AcceleratorSpec(
                ga.integer("port", WholeNumber.range(1, 65535, 443)),
                protocol,
                ga.bool("clientIpPreservation", true),
                interval,
                threshold,
                affinity);
    }

    private static CutoverSpec cutover(SpecNode top) {
        SpecNode cutover = top.object("cutover");
        cutover.allowOnly(Set.of("steps", "bake", "slo", "baseline", "candidate", "edge"));
        List<Integer> steps = new ArrayList<>();
        List<JsonNode> items = cutover.list("steps", true);
        for (JsonNode item : items) {
            steps.add(item.isIntegralNumber() ? item.asInt() : -1);
        }
        return new CutoverSpec(
                steps,
                cutover.string("bake"),
                cutover.string("slo"),
                optionalString(cutover, "baseline"),
                optionalString(cutover, "candidate"),
                cutover.has("edge") ? Optional.of(edge(cutover.object("edge"))) : Optional.empty());
    }

    private static EdgeSpec edge(SpecNode edge) {
        edge.allowOnly(Set.of("worker", "dialNamespace", "sticky", "shadow", "routes", "zone", "writes"));
        return new EdgeSpec(
                edge.string("worker"),
                edge.string("dialNamespace"),
                edge.string("sticky", EdgeSpec.DEFAULT_STICKY),
                edge.integer("shadow", 0, WholeNumber.range(0, 100, 5)),
                edge.stringList("routes", false),
                optionalString(edge, "zone"),
                edge.has("writes") ? writes(edge.object("writes")) : WriteRules.DEFAULT);
    }

    private static WriteRules writes(SpecNode writes) {
        writes.allowOnly(Set.of("methods", "paths", "retryAfter"));
        return new WriteRules(
                writes.has("methods") ? writes.stringList("methods", false) : WriteRules.DEFAULT_METHODS,
                writes.stringList("paths", false),
                writes.integer(
                        "retryAfter",
                        WriteRules.DEFAULT_RETRY_AFTER_SECONDS,
                        WholeNumber.range(1, 3600, WriteRules.DEFAULT_RETRY_AFTER_SECONDS)));
    }

    private static Optional<String> optionalString(SpecNode node, String name) {
        return node.has(name) ? Optional.of(node.string(name)) : Optional.empty();
    }
}
