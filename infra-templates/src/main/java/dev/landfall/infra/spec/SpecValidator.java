package dev.landfall.infra.spec;

import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules no field can check alone and no CloudFormation schema expresses: Fargate sizes, task
 * counts, region names, what a load balancer type needs, and keeping secrets out of plain
 * environment variables. Runs before anything is written.
 */
final class SpecValidator {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY).*");
    private static final Pattern BAKE = Pattern.compile("[1-9][0-9]*(s|m|h)");
    private static final Set<Integer> RETENTION_DAYS = Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private SpecValidator() {}

    static void validate(SpecDocument doc, ServiceSpec spec) {
        service(doc, spec);
        environment(doc, spec);
        for (int i = 0; i < spec.regions().size(); i++) {
            region(doc, spec, i);
        }
        cutover(doc, spec.cutover());
    }

    private static void service(SpecDocument doc, ServiceSpec spec) {
        if (!NAME.matcher(spec.name()).matches()) {
            throw doc.error("/name", "'" + spec.name() + "' is not a valid service name", "use 2-32 of a-z, 0-9, '-'");
        }
        if (spec.image().chars().anyMatch(Character::isWhitespace)) {
            throw doc.error("/image", "must not contain spaces", "give one image reference such as repo/api:1.2.3");
        }
        if (!spec.healthCheckPath().startsWith("/")) {
            throw doc.error("/healthCheckPath", "must start with '/'", "write e.g. /healthz");
        }
        if (FargateSizes.memoryFor(spec.cpu()).isEmpty()) {
            throw doc.error(
                    "/cpu", spec.cpu() + " is not a Fargate CPU size", "use one of " + join(FargateSizes.cpus()));
        }
        if (!FargateSizes.isValid(spec.cpu(), spec.memory())) {
            throw doc.error(
                    "/memory",
                    "memory " + spec.memory() + " is not valid with cpu " + spec.cpu() + " on Fargate",
                    "with cpu " + spec.cpu() + " use memory " + join(FargateSizes.memoryFor(spec.cpu())));
        }
        var tasks = spec.tasks();
        if (tasks.min() > tasks.desired() || tasks.desired() > tasks.max()) {
            throw doc.error(
                    "/tasks",
                    "needs min <= desired <= max (got " + tasks.min() + ", " + tasks.desired() + ", " + tasks.max()
                            + ")",
                    "raise max or lower min");
        }
        if (!RETENTION_DAYS.contains(spec.logRetentionDays())) {
            throw doc.error(
                    "/logRetentionDays",
                    spec.logRetentionDays() + " is not a CloudWatch Logs retention",
                    "use one of " + join(RETENTION_DAYS.stream().sorted().toList()));
        }
        if (spec.loadBalancer() == LoadBalancerKind.ALB
                && !spec.accelerator().protocol().equals("TCP")) {
            throw doc.error(
                    "/accelerator/protocol", "an ALB needs TCP", "use protocol: TCP, or loadBalancer: nlb for UDP");
        }
    }

    private static void environment(SpecDocument doc, ServiceSpec spec) {
        for (String section : List.of("environment", "secrets")) {
            var names = section.equals("environment")
                    ? spec.environment().keySet()
                    : spec.secrets().keySet();
            for (String name : names) {
                if (name.startsWith("LANDFALL_")) {
                    // The generator sets LANDFALL_REGION and LANDFALL_STORE_* itself; a clash would be ambiguous.
                    throw doc.error(
                            SpecDocument.child("/" + section, name),
                            "LANDFALL_ names are reserved for what Landfall sets",
                            "rename it");
                }
            }
        }
        for (String name : spec.environment().keySet()) {
            String at = SpecDocument.child("/environment", name);
            if (!ENV_NAME.matcher(name).matches()) {
                throw doc.error(at, "is not a valid environment variable name", "use letters, digits and '_'");
            }
            if (SECRET_LIKE.matcher(name).matches()) {
                throw doc.error(
                        at,
                        "looks like a secret, and environment values are written into the templates in plain text",
                        "move it to secrets: " + name + ": <Secrets Manager or SSM parameter ARN>");
            }
            if (spec.secrets().containsKey(name)) {
                throw doc.error(at, "is also under secrets", "keep it in one of environment and secrets");
            }
        }
        for (String name : spec.secrets().keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw doc.error(
                        SpecDocument.child("/secrets", name),
                        "is not a valid environment variable name",
                        "use letters, digits and '_'");
            }
        }
    }

    private static void region(SpecDocument doc, ServiceSpec spec, int index) {
        RegionSpec region = spec.regions().get(index);
        String at = "/regions/" + index;
        if (!RegionNames.isKnown(region.name())) {
            List<String> near = RegionNames.nearMatches(region.name());
            throw doc.error(
                    at + "/name",
                    "'" + region.name() + "' is not an AWS region with Fargate and Global Accelerator",
                    near.isEmpty()
                            ? "use a region code such as us-east-1"
                            : "did you mean " + NearMatches.phrase(near) + "?");
        }
        for (int j = 0; j < index; j++) {
            if (spec.regions().get(j).name().equals(region.name())) {
                throw doc.error(at + "/name", region.name() + " is listed twice", "list each region once");
            }
        }
        if (region.subnetIds().isEmpty()) {
            throw doc.error(at + "/subnetIds", "needs at least one subnet", "list the private subnets for the tasks");
        }
        if (spec.loadBalancer() == LoadBalancerKind.ALB
                && region.loadBalancerSubnetIds().size() < 2) {
            throw doc.error(
                    at + (region.publicSubnetIds().isEmpty() ? "/subnetIds" : "/publicSubnetIds"),
                    "an ALB needs subnets in at least two availability zones",
                    "list a second subnet, or use loadBalancer: nlb");
        }
        if (new HashSet<>(region.subnetIds()).size() != region.subnetIds().size()) {
            throw doc.error(at + "/subnetIds", "lists a subnet twice", "list each subnet once");
        }
        region.store().endpoint().ifPresent(endpoint -> {
            if (hasPassword(endpoint)) {
                throw doc.error(
                        at + "/store/endpoint",
                        "carries a password (not shown), which would be written into the templates",
                        "put the full URL in Secrets Manager and give store.secretArn instead");
            }
        });
    }

    private static boolean hasPassword(String endpoint) {
        if (!endpoint.contains("://")) {
            // user:password@host:port; a bare user@host:port carries no secret.
            return endpoint.matches("[^@]*:[^@]*@.*");
        }
        try {
            String userInfo = URI.create(endpoint).getRawUserInfo();
            return userInfo != null && userInfo.contains(":");
        } catch (IllegalArgumentException e) {
            return endpoint.contains("@");
        }
    }

    private static void cutover(SpecDocument doc, CutoverSpec cutover) {
        List<Integer> steps = cutover.steps();
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            if (step < 1 || step > 100 || (i > 0 && step <= steps.get(i - 1))) {
                throw doc.error(
                        "/cutover/steps/" + i,
                        "steps must be increasing whole percentages from 1 to 100",
                        "write e.g. [5, 25, 50, 100]");
            }
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            throw doc.error("/cutover/steps", "must end at 100", "add 100 as the last step");
        }
        if (!BAKE.matcher(cutover.bake()).matches()) {
            throw doc.error("/cutover/bake", "'" + cutover.bake() + "' is not a duration", "write e.g. 90s, 10m or 1h");
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
