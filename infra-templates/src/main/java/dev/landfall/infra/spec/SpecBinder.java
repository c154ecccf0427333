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
import java.util.regex.Pattern;

/**
 * Turns the located tree into a {@link ServiceSpec}: known fields only, each of the right type
 * and range. Rules that span fields are {@link SpecValidator}'s job.
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
            "repositoryCredentials");

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

    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*]+");
    private static final Pattern KMS_KEY_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    private SpecBinder() {}

    static ServiceSpec bind(SpecDocument document) {
        SpecNode top = new SpecNode(document, "", document.root());
        top.allowOnly(TOP);
        SpecNode tasks = top.object("tasks");
        tasks.allowOnly(Set.of("desired", "min", "max"));
        SpecNode autoscaling = top.object("autoscaling");
        autoscaling.allowOnly(Set.of("targetCpuPercent"));
        return new ServiceSpec(
                top.string("name"),
                top.string("image"),
                top.integer("port", 1, 65535),
                healthCheckPath(document, top),
                healthCheck(document, top),
                top.integer("cpu", 1, 1_000_000),
                top.integer("memory", 1, 10_000_000),
                new TaskCounts(
                        tasks.integer("desired", 1, 1000),
                        tasks.integer("min", 1, 1000),
                        tasks.integer("max", 1, 1000)),
                autoscaling.integer("targetCpuPercent", 10, 90),
                loadBalancer(document, top),
                top.integer("logRetentionDays", 30, 1, 3653),
                top.strings("environment"),
                secrets(document, top),
                regions(document, top),
                accelerator(document, top),
                cutover(top),
                taskRole(document, top),
                kmsKeys(document, top),
                top.has("repositoryCredentials")
                        ? Optional.of(secretArn(
                                document, top.at("repositoryCredentials"), top.string("repositoryCredentials")))
                        : Optional.empty());
    }

    /** The path is given once: as healthCheckPath, or as healthCheck.path beside the protocol and port. */
    private static String healthCheckPath(SpecDocument document, SpecNode top) {
        boolean nested = top.has("healthCheck") && top.object("healthCheck").has("path");
        if (nested && top.has("healthCheckPath")) {
            throw document.error(
                    top.at("healthCheckPath"),
                    "the path is also given as healthCheck.path",
                    "keep one of healthCheckPath and healthCheck.path");
        }
        return nested ? top.object("healthCheck").string("path") : top.string("healthCheckPath");
    }

    private static HealthCheckSpec healthCheck(SpecDocument document, SpecNode top) {
        if (!top.has("healthCheck")) {
            return HealthCheckSpec.DEFAULT;
        }
        SpecNode check = top.object("healthCheck");
        check.allowOnly(Set.of("protocol", "port", "path"));
        Optional<HealthCheckSpec.Protocol> protocol = Optional.empty();
        if (check.has("protocol")) {
            String text = check.string("protocol");
            protocol = Optional.of(Arrays.stream(HealthCheckSpec.Protocol.values())
                    .filter(p -> p.name().equals(text.toUpperCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> document.error(
                            check.at("protocol"),
                            "'" + text + "' is not a health check protocol",
                            "use HTTP, HTTPS (the container speaks TLS) or TCP (a handshake only, NLB)")));
        }
        OptionalInt port = OptionalInt.empty();
        if (check.has("port")
                && !(check.required("port").isTextual()
                        && check.required("port").asText().equals("traffic-port"))) {
            if (check.required("port").isTextual()) {
                throw document.error(
                        check.at("port"),
                        "'" + check.required("port").asText() + "' is not a port",
                        "write a port number from 1 to 65535, or traffic-port (the container port, the default)");
            }
            port = OptionalInt.of(check.integer("port", 1, 65535));
        }
        return new HealthCheckSpec(protocol, port);
    }

    private static TaskRoleSpec taskRole(SpecDocument document, SpecNode top) {
        if (!top.has("taskRole")) {
            return TaskRoleSpec.NONE;
        }
        SpecNode role = top.object("taskRole");
        role.allowOnly(Set.of("policyArns", "statements"));
        List<String> policies = role.stringList("policyArns", false);
        for (int i = 0; i < policies.size(); i++) {
            if (!POLICY_ARN.matcher(policies.get(i)).matches()) {
                throw document.error(
                        role.at("policyArns") + "/" + i,
                        "'" + policies.get(i) + "' is not an IAM policy ARN",
                        "give e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or"
                                + " arn:aws:iam::111122223333:policy/NAME");
            }
        }
        List<TaskRoleSpec.Statement> statements = new ArrayList<>();
        List<JsonNode> items = role.list("statements", false);
        for (int i = 0; i < items.size(); i++) {
            SpecNode statement = role.element("statements", i, items.get(i));
            statement.allowOnly(Set.of("actions", "resources"));
            List<String> actions = statement.stringList("actions", true);
            List<String> resources = statement.stringList("resources", true);
            for (int j = 0; j < actions.size(); j++) {
                if (!ACTION.matcher(actions.get(j)).matches()) {
                    throw document.error(
                            statement.at("actions") + "/" + j,
                            "'" + actions.get(j) + "' is not an IAM action",
                            "write service:Action, such as s3:GetObject or dynamodb:Query");
                }
            }
            if (actions.isEmpty() || resources.isEmpty()) {
                throw document.error(
                        statement.pointer(),
                        "needs at least one action and one resource",
                        "list actions: [service:Action] and resources: [ARN]");
            }
            statements.add(new TaskRoleSpec.Statement(actions, resources));
        }
        return new TaskRoleSpec(policies, statements);
    }

    private static List<String> kmsKeys(SpecDocument document, SpecNode top) {
        List<String> keys = top.stringList("secretsKmsKeyArns", false);
        for (int i = 0; i < keys.size(); i++) {
            if (!KMS_KEY_ARN.matcher(keys.get(i)).matches()) {
                throw document.error(
                        top.at("secretsKmsKeyArns") + "/" + i,
                        "'" + keys.get(i) + "' is not a KMS key ARN",
                        "give the key's ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID); IAM does not match aliases");
            }
        }
        return keys;
    }

    private static LoadBalancerKind loadBalancer(SpecDocument document, SpecNode top) {
        String kind = top.string("loadBalancer", "nlb");
        return switch (kind) {
            case "nlb" -> LoadBalancerKind.NLB;
            case "alb" -> LoadBalancerKind.ALB;
            default ->
                throw document.error(
                        top.at("loadBalancer"),
                        "'" + kind + "' is not a load balancer type",
                        "use nlb (default) or alb");
        };
    }

    /** The {@code secrets} mapping of the top level or of a region. */
    private static SortedMap<String, SecretArn> secrets(SpecDocument document, SpecNode top) {
        SortedMap<String, SecretArn> out = new TreeMap<>();
        for (Map.Entry<String, String> e : top.strings("secrets").entrySet()) {
            out.put(e.getKey(), secretArn(document, SpecDocument.child(top.at("secrets"), e.getKey()), e.getValue()));
        }
        return out;
    }

    /** The value is never echoed: a misplaced secret value must not land in a log or CI output. */
    private static SecretArn secretArn(SpecDocument document, String pointer, String text) {
        return SecretArn.parse(text)
                .orElseThrow(() -> document.error(
                        pointer,
                        "is not a Secrets Manager or SSM parameter ARN (its value is not shown)",
                        "store the value in Secrets Manager or SSM Parameter Store and give its ARN, e.g."
                                + " arn:aws:secretsmanager:us-east-1:111122223333:secret:api/db-AbCdEf"));
    }

    private static List<RegionSpec> regions(SpecDocument document, SpecNode top) {
        List<JsonNode> items = top.list("regions", true);
        if (items.isEmpty()) {
            throw document.error(top.at("regions"), "needs at least one region", "add '- name: us-east-1' and its VPC");
        }
        LoadBalancerScheme scheme = scheme(document, top, LoadBalancerScheme.INTERNAL);
        List<RegionSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SpecNode region = top.element("regions", i, items.get(i));
            region.allowOnly(REGION);
            String name = region.string("name");
            out.add(new RegionSpec(
                    name,
                    region.bool("create", false) ? created(document, region, name) : existing(document, region),
                    store(document, region.object("store")),
                    certificate(document, region),
                    scheme(document, region, scheme),
                    region.has("image") ? Optional.of(region.string("image")) : Optional.empty(),
                    secrets(document, region)));
        }
        return out;
    }

    /** Absent means the level above decides; the spec's top level falls back to internal. */
    private static LoadBalancerScheme scheme(SpecDocument document, SpecNode node, LoadBalancerScheme fallback) {
        if (!node.has("loadBalancerScheme")) {
            return fallback;
        }
        String text = node.string("loadBalancerScheme");
        return LoadBalancerScheme.parse(text)
                .orElseThrow(() -> document.error(
                        node.at("loadBalancerScheme"),
                        "'" + text + "' is not a load balancer scheme",
                        "use internal (default: reachable only through the accelerator) or internet-facing"
                                + " (needs publicSubnetIds in an existing VPC)"));
    }

    private static RegionNetwork existing(SpecDocument document, SpecNode region) {
        for (String field : CREATE_ONLY) {
            if (region.has(field)) {
                throw document.error(
                        region.at(field),
                        "only applies to a VPC Landfall creates",
                        "add create: true to have Landfall create the VPC, or remove " + field);
            }
        }
        if (!region.has("vpcId") && !region.has("subnetIds")) {
            throw document.error(
                    region.pointer(),
                    "needs an existing VPC (vpcId and subnetIds) or create: true",
                    "add vpcId: and subnetIds: of the VPC to use, or create: true to have Landfall create one");
        }
        return new RegionNetwork.Existing(
                region.string("vpcId"),
                region.stringList("subnetIds", true),
                region.stringList("publicSubnetIds", false));
    }

    private static RegionNetwork created(SpecDocument document, SpecNode region, String name) {
        for (String field : List.of("vpcId", "subnetIds", "publicSubnetIds")) {
            if (region.has(field)) {
                throw document.error(
                        region.at(field),
                        "cannot be given with create: true, which makes Landfall create the VPC and its subnets",
                        "remove vpcId, subnetIds and publicSubnetIds to have Landfall create the network,"
                                + " or remove create: true to use this VPC");
            }
        }
        Ipv4Cidr cidr = cidr(document, region);
        String nat = region.string("natGateways", "per-zone");
        RegionNetwork.NatGateways natGateways = switch (nat) {
            case "per-zone" -> RegionNetwork.NatGateways.PER_ZONE;
            case "single" -> RegionNetwork.NatGateways.SINGLE;
            default ->
                throw document.error(
                        region.at("natGateways"),
                        "'" + nat + "' is not a NAT gateway layout",
                        "use per-zone (default: each zone keeps its egress when another fails) or single"
                                + " (one NAT gateway, cheaper)");
        };
        int zones = region.integer("availabilityZones", RegionNames.availabilityZones(name), 2, 3);
        return new RegionNetwork.Created(cidr, zones, natGateways);
    }

    private static Ipv4Cidr cidr(SpecDocument document, SpecNode region) {
        String text = region.string("cidr", RegionNetwork.Created.DEFAULT_CIDR);
        return Ipv4Cidr.parse(text)
                .orElseThrow(() -> document.error(
                        region.at("cidr"),
                        "'" + text + "' is not an IPv4 network in CIDR notation",
                        Ipv4Cidr.parseLoosely(text)
                                .map(network -> "its host bits are not zero; did you mean " + network + "?")
                                .orElse("write a private range such as 10.0.0.0/16")));
    }

    private static Optional<CertificateArn> certificate(SpecDocument document, SpecNode region) {
        if (!region.has("certificateArn")) {
            return Optional.empty();
        }
        String text = region.string("certificateArn");
        return Optional.of(
                CertificateArn.parse(text)
                        .orElseThrow(
                                () -> document.error(
                                        region.at("certificateArn"),
                                        "'" + text + "' is not an ACM certificate ARN",
                                        "give the ARN of an AWS Certificate Manager certificate in this region, e.g."
                                                + " arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9")));
    }

    private static StoreSpec store(SpecDocument document, SpecNode store) {
        store.allowOnly(Set.of("kind", "endpoint", "secretArn"));
        String kind = store.string("kind");
        if (!kind.equals("postgres") && !kind.equals("redis")) {
            throw document.error(store.at("kind"), "'" + kind + "' is not a store kind", "use postgres or redis");
        }
        if (store.has("endpoint") == store.has("secretArn")) {
            throw document.error(
                    store.pointer(),
                    "needs exactly one of endpoint and secretArn",
                    "give endpoint: host:port, or secretArn: the ARN of a secret holding the connection URL");
        }
        Optional<SecretArn> arn = store.has("secretArn")
                ? Optional.of(secretArn(document, store.at("secretArn"), store.string("secretArn")))
                : Optional.empty();
        Optional<String> endpoint = store.has("endpoint") ? Optional.of(store.string("endpoint")) : Optional.empty();
        return new StoreSpec(kind, endpoint, arn);
    }

    private static AcceleratorSpec accelerator(SpecDocument document, SpecNode top) {
        SpecNode ga = top.object("accelerator");
        ga.allowOnly(Set.of("port", "protocol", "clientIpPreservation", "healthCheck", "clientAffinity"));
        String protocol = ga.string("protocol", "TCP").toUpperCase(Locale.ROOT);
        if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
            throw document.error(
                    ga.at("protocol"),
                    "'" + protocol + "' is not a Global Accelerator protocol",
                    "use TCP or UDP; GA does not terminate HTTP or TLS");
        }
        int interval = 30;
        int threshold = 3;
        if (ga.has("healthCheck")) {
            SpecNode check = ga.object("healthCheck");
            check.allowOnly(Set.of("intervalSeconds", "thresholdCount"));
            interval = check.integer("intervalSeconds", 30, 10, 30);
            if (interval != 10 && interval != 30) {
                throw document.error(
                        check.at("intervalSeconds"), "must be 10 or 30", "AWS documents only 10 and 30 seconds");
            }
            threshold = check.integer("thresholdCount", 3, 1, 10);
        }
        String affinity = ga.string("clientAffinity", AcceleratorSpec.DEFAULT_CLIENT_AFFINITY);
        if (!affinity.equals("NONE") && !affinity.equals("SOURCE_IP")) {
            throw document.error(
                    ga.at("clientAffinity"),
                    "'" + affinity + "' is not a client affinity",
                    "use NONE (default) or SOURCE_IP (keep a client's connections on one region)");
        }
        return new AcceleratorSpec(
                ga.integer("port", 1, 65535),
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
                edge.integer("shadow", 0, 0, 100),
                edge.stringList("routes", false),
                optionalString(edge, "zone"),
                edge.has("writes") ? writes(edge.object("writes")) : WriteRules.DEFAULT);
    }

    private static WriteRules writes(SpecNode writes) {
        writes.allowOnly(Set.of("methods", "paths", "retryAfter"));
        return new WriteRules(
                writes.has("methods") ? writes.stringList("methods", false) : WriteRules.DEFAULT_METHODS,
                writes.stringList("paths", false),
                writes.integer("retryAfter", WriteRules.DEFAULT_RETRY_AFTER_SECONDS, 1, 3600));
    }

    private static Optional<String> optionalString(SpecNode node, String name) {
        return node.has(name) ? Optional.of(node.string(name)) : Optional.empty();
    }
}
