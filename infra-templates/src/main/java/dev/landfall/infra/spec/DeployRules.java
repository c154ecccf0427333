package dev.landfall.infra.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's own rules that only show when CloudFormation or Terraform calls the API: combinations
 * every field allows alone but a deploy rejects, or accepts and then serves badly. Errors are
 * refused before anything is written (docs/infra.md, "Deploy-time rules Landfall checks");
 * {@link #warnings} lists what deploys but weakens the multi-region design.
 */
public final class DeployRules {
    private static final Pattern ECR_HOST = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/.+");

    private DeployRules() {}

    /** Reports every rule the spec breaks as an error, and {@link #warnings} as warnings. */
    static void check(SpecProblems problems, ServiceSpec spec) {
        healthCheck(problems, spec);
        repositoryCredentials(problems, spec);
        for (int i = 0; i < spec.regions().size(); i++) {
            regionOverrides(problems, spec, spec.regions().get(i), "/regions/" + i);
            loadBalancerPlacement(problems, spec.regions().get(i), "/regions/" + i);
            internalAlbKeepsClientIp(problems, spec, spec.regions().get(i), "/regions/" + i);
        }
        if (!problems.hasErrors()) {
            warnings(spec).forEach(w -> problems.warn(w.pointer(), w.message(), w.fix()));
        }
    }

    /** What deploys but weakens the design, in spec order; empty when nothing does. */
    public static List<DeployWarning> warnings(ServiceSpec spec) {
        List<DeployWarning> out = new ArrayList<>();
        oneRegistry(spec).ifPresent(out::add);
        out.addAll(oneRegionsSecrets(spec));
        out.addAll(tasksBelowZones(spec));
        return out;
    }

    /**
     * At tasks.min the service cannot cover every zone it spans: a zone runs no task, and a
     * zone outage takes a larger share of the capacity than the zone count suggests. Only a
     * created network's zones are known offline; an existing subnet id does not carry its zone.
     */
    private static List<DeployWarning> tasksBelowZones(ServiceSpec spec) {
        List<DeployWarning> out = new ArrayList<>();
        for (int i = 0; i < spec.regions().size(); i++) {
            RegionSpec region = spec.regions().get(i);
            if (region.network() instanceof RegionNetwork.Created created
                    && spec.tasks().min() < created.availabilityZones()) {
                int zones = created.availabilityZones();
                out.add(new DeployWarning(
                        "/tasks/min",
                        "is " + spec.tasks().min() + ", below the " + zones + " availability zones " + region.name()
                                + " (regions[" + i + "]) spans: scaled in, a zone runs no task",
                        "raise tasks.min to " + zones + ", or give regions[" + i + "].availabilityZones: "
                                + Math.max(2, spec.tasks().min())));
            }
        }
        return out;
    }

    /**
     * Every region pulling from ECR in one region: when that region is impaired no region can
     * start a task (scale-out, replacement, deploy) just when the others must take its traffic.
     */
    private static Optional<DeployWarning> oneRegistry(ServiceSpec spec) {
        if (spec.regions().size() < 2) {
            return Optional.empty();
        }
        Set<String> hosts = new TreeSet<>();
        for (RegionSpec region : spec.regions()) {
            Matcher m = ECR_HOST.matcher(spec.imageFor(region));
            if (!m.matches()) {
                return Optional.empty();
            }
            hosts.add(m.group(1));
        }
        if (hosts.size() != 1) {
            return Optional.empty();
        }
        String host = hosts.iterator().next();
        return Optional.of(new DeployWarning(
                spec.regions().stream().anyMatch(r -> r.image().isEmpty()) ? "/image" : "/regions/0/image",
                "every region pulls its image from ECR in " + host + ": while " + host
                        + " is impaired no region can start a task (scale-out, replacements, deploys)",
                "replicate the repository to each region (ECR replication) and give each region's copy as"
                        + " regions[].image, e.g. ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG"));
    }

    /** Per secret name: every region reading it from one region, which then gates every task start. */
    private static List<DeployWarning> oneRegionsSecrets(ServiceSpec spec) {
        List<DeployWarning> out = new ArrayList<>();
        if (spec.regions().size() < 2) {
            return out;
        }
        Set<String> names = new TreeSet<>(spec.secrets().keySet());
        spec.regions().forEach(region -> names.addAll(region.secrets().keySet()));
        for (String name : names) {
            Set<String> homes = new TreeSet<>();
            boolean everyRegion = true;
            for (RegionSpec region : spec.regions()) {
                SecretArn arn = spec.secretsFor(region).get(name);
                if (arn == null) {
                    everyRegion = false;
                    break;
                }
                homes.add(arn.value().split(":", -1)[3]);
            }
            if (everyRegion && homes.size() == 1) {
                String home = homes.iterator().next();
                out.add(new DeployWarning(
                        spec.secrets().containsKey(name)
                                ? SpecDocument.child("/secrets", name)
                                : SpecDocument.child("/regions/0/secrets", name),
                        "every region reads " + name + " from " + home + ": while " + home
                                + " is impaired no region can start a task",
                        "replicate the secret to each region (Secrets Manager replica secrets keep the name) and"
                                + " give each region's ARN as regions[].secrets." + name));
            }
        }
        return out;
    }

    /**
     * Rule 5: an internet-facing load balancer needs subnets routed to an internet gateway. The
     * task subnets are private, so defaulting to them builds a load balancer nothing can reach.
     */
    private static void loadBalancerPlacement(SpecProblems problems, RegionSpec region, String at) {
        if (!(region.network() instanceof RegionNetwork.Existing existing)) {
            return;
        }
        if (!region.internal() && existing.publicSubnetIds().isEmpty()) {
            problems.error(
                    at,
                    "an internet-facing load balancer in an existing VPC needs publicSubnetIds (subnets routed to an"
                            + " internet gateway); the task subnets are private",
                    "list publicSubnetIds: [subnet-…] of this VPC, or use loadBalancerScheme: internal, which"
                            + " places the load balancer in the task subnets, reachable only through the accelerator");
        }
        if (region.internal() && !existing.publicSubnetIds().isEmpty()) {
            problems.error(
                    at + "/publicSubnetIds",
                    "an internal load balancer goes in the task subnets, so publicSubnetIds would be ignored",
                    "remove publicSubnetIds, or set loadBalancerScheme: internet-facing (top level or on this region)");
        }
    }

    /** GA always preserves the client address of an internal ALB; the setting cannot turn it off. */
    private static void internalAlbKeepsClientIp(
            SpecProblems problems, ServiceSpec spec, RegionSpec region, String at) {
        if (spec.loadBalancer() == ServiceSpec.LoadBalancerKind.ALB
                && region.internal()
                && !spec.accelerator().clientIpPreservation()) {
            problems.error(
                    "/accelerator/clientIpPreservation",
                    "Global Accelerator always preserves the client address of an internal ALB (" + region.name()
                            + " at " + SpecDocument.field(at) + ")",
                    "remove clientIpPreservation: false (the ALB's X-Forwarded-For carries the client address),"
                            + " or use loadBalancerScheme: internet-facing");
        }
    }

    /** An ALB's target group probes over HTTP or HTTPS only; a TCP handshake check is an NLB's. */
    private static void healthCheck(SpecProblems problems, ServiceSpec spec) {
        if (spec.loadBalancer() == ServiceSpec.LoadBalancerKind.ALB
                && spec.healthCheck().protocol().orElse(null) == HealthCheckSpec.Protocol.TCP) {
            problems.error(
                    "/healthCheck/protocol",
                    "an ALB's health check speaks HTTP or HTTPS, not TCP",
                    "use protocol: HTTP (or HTTPS if the container speaks TLS), or loadBalancer: nlb");
        }
    }

    /** A region's image and secrets follow the rules of the top-level ones they replace. */
    private static void regionOverrides(SpecProblems problems, ServiceSpec spec, RegionSpec region, String at) {
        if (region.image().isPresent() && region.image().get().chars().anyMatch(Character::isWhitespace)) {
            problems.error(at + "/image", "must not contain spaces", "give one image reference such as repo/api:1.2.3");
        }
        for (String name : region.secrets().keySet()) {
            String pointer = SpecDocument.child(at + "/secrets", name);
            SpecValidator.envName(problems, pointer, name);
            if (name.startsWith("LANDFALL_")) {
                problems.error(pointer, "LANDFALL_ names are reserved for what Landfall sets", "rename it");
            }
            if (spec.environment().containsKey(name)) {
                problems.error(pointer, "is also under environment", "keep it in one of environment and secrets");
            }
        }
    }

    /**
     * ECS reads registry credentials from Secrets Manager only, and ECR images are pulled with
     * the execution role's own permissions, never with credentials.
     */
    private static void repositoryCredentials(SpecProblems problems, ServiceSpec spec) {
        if (spec.repositoryCredentials().isEmpty()) {
            return;
        }
        if (spec.repositoryCredentials().get().isSsmParameter()) {
            problems.error(
                    "/repositoryCredentials",
                    "ECS reads registry credentials from a Secrets Manager secret, not an SSM parameter",
                    "store {\"username\": …, \"password\": …} in Secrets Manager and give that secret's ARN");
        }
        for (RegionSpec region : spec.regions()) {
            if (ECR_HOST.matcher(spec.imageFor(region)).matches()) {
                problems.error(
                        "/repositoryCredentials",
                        "the image in " + region.name() + " is in ECR, which the execution role pulls from with its"
                                + " own permissions; repositoryCredentials is for private registries outside ECR",
                        "remove repositoryCredentials, or give an image outside ECR");
            }
        }
    }
}
