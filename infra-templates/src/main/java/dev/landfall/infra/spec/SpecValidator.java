package dev.landfall.infra.spec;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.ServiceSpec.LoadBalancerKind;
import dev.landfall.verify.latency.slo.Slo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    private static final Pattern WORKER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern NAMESPACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[^\\s,?#]*");
    private static final Pattern STICKY = Pattern.compile("(header|query|cookie):[A-Za-z0-9!#$%&'*+.^_`|~-]+|ip");
    private static final Set<Integer> RETENTION_DAYS = Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final int MIN_VPC_PREFIX = 16;
    private static final int MAX_VPC_PREFIX = 24;
    private static final List<Ipv4Cidr> PRIVATE_RANGES = Stream.of(
                    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
            .map(range -> Ipv4Cidr.parse(range).orElseThrow())
            .toList();

    private SpecValidator() {}

    static void validate(SpecDocument doc, ServiceSpec spec) {
        service(doc, spec);
        environment(doc, spec);
        for (int i = 0; i < spec.regions().size(); i++) {
            region(doc, spec, i);
        }
        cutover(doc, spec.cutover());
        DeployRules.check(doc, spec);
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
        if (region.network() instanceof RegionNetwork.Existing existing) {
            existingNetwork(doc, spec, existing, at);
        } else if (region.network() instanceof RegionNetwork.Created created) {
            createdNetwork(doc, region, created, at);
        }
        region.certificate().ifPresent(certificate -> certificate(doc, spec, region, certificate, at));
        region.store().endpoint().ifPresent(endpoint -> {
            if (hasPassword(endpoint)) {
                throw doc.error(
                        at + "/store/endpoint",
                        "carries a password (not shown), which would be written into the templates",
                        "put the full URL in Secrets Manager and give store.secretArn instead");
            }
        });
    }

    private static void existingNetwork(SpecDocument doc, ServiceSpec spec, RegionNetwork.Existing network, String at) {
        if (network.subnetIds().isEmpty()) {
            throw doc.error(at + "/subnetIds", "needs at least one subnet", "list the private subnets for the tasks");
        }
        if (spec.loadBalancer() == LoadBalancerKind.ALB
                && network.loadBalancerSubnetIds().size() < 2) {
            throw doc.error(
                    at + (network.publicSubnetIds().isEmpty() ? "/subnetIds" : "/publicSubnetIds"),
                    "an ALB needs subnets in at least two availability zones",
                    "list a second subnet, or use loadBalancer: nlb");
        }
        if (new HashSet<>(network.subnetIds()).size() != network.subnetIds().size()) {
            throw doc.error(at + "/subnetIds", "lists a subnet twice", "list each subnet once");
        }
    }

    private static void createdNetwork(SpecDocument doc, RegionSpec region, RegionNetwork.Created network, String at) {
        Ipv4Cidr cidr = network.cidr();
        if (cidr.prefix() < MIN_VPC_PREFIX || cidr.prefix() > MAX_VPC_PREFIX) {
            // AWS allows /16 to /28; the split into zones needs public subnets of at least /28.
            throw doc.error(
                    at + "/cidr",
                    cidr + " is a /" + cidr.prefix() + ", and a VPC Landfall creates needs /" + MIN_VPC_PREFIX + " to /"
                            + MAX_VPC_PREFIX,
                    "use e.g. " + RegionNetwork.Created.DEFAULT_CIDR + " (a /16 leaves room for thousands of tasks)");
        }
        if (PRIVATE_RANGES.stream().noneMatch(cidr::within)) {
            throw doc.error(
                    at + "/cidr",
                    cidr + " is not a private address range",
                    "use a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) or 100.64.0.0/10,"
                            + " e.g. " + RegionNetwork.Created.DEFAULT_CIDR);
        }
        int zones = RegionNames.availabilityZones(region.name());
        if (network.availabilityZones() > zones) {
            throw doc.error(
                    at + "/availabilityZones",
                    "most accounts have only " + zones + " availability zones in " + region.name(),
                    "use availabilityZones: " + zones);
        }
    }

    /** ACM certificates are regional, and GA passes TLS through untouched only over TCP. */
    private static void certificate(
            SpecDocument doc, ServiceSpec spec, RegionSpec region, CertificateArn certificate, String at) {
        if (!certificate.region().equals(region.name())) {
            throw doc.error(
                    at + "/certificateArn",
                    "is a certificate in " + certificate.region() + ", but this load balancer is in " + region.name(),
                    "ACM certificates are regional: request or import the certificate in " + region.name()
                            + " and give that ARN");
        }
        if (!spec.accelerator().protocol().equals("TCP")) {
            throw doc.error(
                    at + "/certificateArn",
                    "TLS needs accelerator.protocol: TCP",
                    "use protocol: TCP, or remove certificateArn for UDP");
        }
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
        try {
            Slo.parse(cutover.slo());
        } catch (LandfallException e) {
            throw doc.error(
                    "/cutover/slo",
                    "'" + cutover.slo() + "' is not an SLO: " + e.getMessage().replaceFirst("^--slo '[^']*' ", ""),
                    "write terms such as 'p99<=10ms,errors<=0.1%,mismatch<=0.1%' (docs/dual-run.md)");
        }
        cutover.baseline().ifPresent(url -> endpoint(doc, "/cutover/baseline", url));
        cutover.candidate().ifPresent(url -> endpoint(doc, "/cutover/candidate", url));
        cutover.edge().ifPresent(edge -> edge(doc, edge));
        cutover.edge().ifPresent(edge -> cutover.baseline().ifPresent(url -> baselineOutsideSplit(doc, edge, url)));
    }

    /**
     * The bake compares the new service with the baseline; an address on a route the split takes
     * over serves more of the new service as the dial rises, until the bake compares it with itself.
     */
    private static void baselineOutsideSplit(SpecDocument doc, EdgeSpec edge, String url) {
        edge.routeReaching(URI.create(url)).ifPresent(i -> {
            throw doc.error(
                    "/cutover/baseline",
                    url + " is under cutover.edge.routes[" + i + "] ("
                            + edge.routes().get(i)
                            + "), which the edge split takes over: as the dial rises the baseline would answer"
                            + " from the new service too, and each bake would compare it with itself",
                    "give an address the split cannot move: the old Worker's own workers.dev URL (https://"
                            + edge.worker() + ".SUBDOMAIN.workers.dev) or a direct origin of the old service");
        });
    }

    private static void endpoint(SpecDocument doc, String pointer, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw doc.error(pointer, "'" + url + "' is not a URL", "write it as https://host[:port][/base]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw doc.error(pointer, "is not an http(s) URL with a host", "write it as https://host[:port][/base]");
        }
        if (uri.getRawUserInfo() != null) {
            throw doc.error(
                    pointer,
                    "carries credentials",
                    "remove the user:password part; landfall.yaml is committed and must hold no secret");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw doc.error(pointer, "has a query or fragment", "give only the base URL");
        }
    }

    private static void edge(SpecDocument doc, EdgeSpec edge) {
        if (!WORKER_NAME.matcher(edge.worker()).matches()) {
            throw doc.error(
                    "/cutover/edge/worker",
                    "'" + edge.worker() + "' is not a Worker script name",
                    "use the old Worker's name as `wrangler deployments list` shows it: lowercase letters, digits,"
                            + " - and _");
        }
        if (!NAMESPACE_ID.matcher(edge.dialNamespace()).matches()) {
            throw doc.error(
                    "/cutover/edge/dialNamespace",
                    "'" + edge.dialNamespace() + "' is not a KV namespace id (32 hex characters)",
                    "create one with `wrangler kv namespace create landfall-cutover` and paste its id");
        }
        if (!STICKY.matcher(edge.sticky()).matches()) {
            throw doc.error(
                    "/cutover/edge/sticky",
                    "'" + edge.sticky() + "' is not a stickiness rule",
                    "write header:NAME, query:NAME, cookie:NAME or ip");
        }
        if (edge.routes().isEmpty() != edge.zone().isEmpty()) {
            throw doc.error(
                    edge.zone().isEmpty() ? "/cutover/edge/routes" : "/cutover/edge/zone",
                    "routes and zone go together",
                    "give both (routes: [\"api.example.com/*\"], zone: example.com) or neither");
        }
        writes(doc, edge.writes());
    }

    private static void writes(SpecDocument doc, WriteRules writes) {
        if (writes.methods().isEmpty() && writes.paths().isEmpty()) {
            throw doc.error(
                    "/cutover/edge/writes",
                    "names no method and no path, so the read split would move every write with the reads",
                    "leave methods out for POST, PUT, PATCH and DELETE, or list the methods and path prefixes that"
                            + " write");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < writes.methods().size(); i++) {
            String method = writes.methods().get(i);
            String at = "/cutover/edge/writes/methods/" + i;
            if (!METHOD.matcher(method).matches()) {
                throw doc.error(
                        at,
                        "'" + method + "' is not an HTTP method",
                        "write methods in capitals as clients send them, such as POST or DELETE");
            }
            if (!seen.add(method)) {
                throw doc.error(at, "'" + method + "' is listed twice", "list each method once");
            }
        }
        for (int i = 0; i < writes.paths().size(); i++) {
            String path = writes.paths().get(i);
            if (!PATH_PREFIX.matcher(path).matches()) {
                throw doc.error(
                        "/cutover/edge/writes/paths/" + i,
                        "'" + path + "' is not a path prefix",
                        "start it with / and leave out spaces, commas, the query and the fragment, such as /v1/rpc/");
            }
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
