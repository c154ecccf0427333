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
 * environment variables. Runs before anything is written; every rule adds to {@link
 * SpecProblems} instead of throwing, and skips fields that already failed, so one run reports
 * every independent mistake.
 */
final class SpecValidator {
    private static final StringForm NAME =
            StringForm.of("[a-z][a-z0-9-]{0,30}[a-z0-9]", "a valid service name", "use 2-32 of a-z, 0-9, '-'");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY).*");
    private static final StringForm BAKE =
            StringForm.of("[1-9][0-9]*(s|m|h)", "a duration", "write e.g. 90s, 10m or 1h");
    private static final StringForm WORKER_NAME = StringForm.of(
            "[a-z0-9][a-z0-9_-]{0,62}",
            "a Worker script name",
            "use the old Worker's name as `wrangler deployments list` shows it: lowercase letters, digits, - and _");
    private static final String NAMESPACE_ID = "[0-9a-f]{32}";
    private static final StringForm KV_NAMESPACE = StringForm.of(
            NAMESPACE_ID,
            "a KV namespace id",
            "give the 32-hex-digit id of the namespace as imported (landfall inventory lists them)");
    private static final StringForm DIAL_NAMESPACE = StringForm.of(
            NAMESPACE_ID,
            "a KV namespace id (32 hex characters)",
            "create one with `wrangler kv namespace create landfall-cutover` and paste its id");
    private static final StringForm METHOD = StringForm.of(
            "[A-Z]+", "an HTTP method", "write methods in capitals as clients send them, such as POST or DELETE");
    private static final StringForm PATH_PREFIX = StringForm.of(
            "/[^\\s,?#]*",
            "a path prefix",
            "start it with / and leave out spaces, commas, the query and the fragment, such as /v1/rpc/");
    private static final StringForm STICKY = StringForm.of(
            "(header|query|cookie):[A-Za-z0-9!#$%&'*+.^_`|~-]+|ip",
            "a stickiness rule", "write header:NAME, query:NAME, cookie:NAME or ip");

    private static final int MIN_VPC_PREFIX = 16;
    private static final int MAX_VPC_PREFIX = 24;
    private static final List<Ipv4Cidr> PRIVATE_RANGES = Stream.of(
                    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
            .map(range -> Ipv4Cidr.parse(range).orElseThrow())
            .toList();

    private static final StringForm WORKER_SCRIPT = StringForm.of(
            "[A-Za-z0-9][A-Za-z0-9._-]*\\.m?js",
            "a Worker module file name",
            "give the file name of the Worker's ES module, such as worker.mjs, and copy it next to the"
                    + " generated workerd/Dockerfile");
    private static final StringForm DATE = StringForm.of(
            "\\d{4}-\\d{2}-\\d{2}",
            "a date", "write the Worker's compatibility_date from its wrangler config, such as 2024-09-23");
    private static final StringForm JS_NAME = StringForm.of(
            "[A-Za-z_$][A-Za-z0-9_$]*", "a binding name", "use the name the Worker reads, such as CONFIG (env.CONFIG)");

    private SpecValidator() {}

    static void validate(SpecProblems problems, ServiceSpec spec) {
        service(problems, spec);
        environment(problems, spec);
        for (int i = 0; i < spec.regions().size(); i++) {
            region(problems, spec, i);
        }
        ListenerRules.check(problems, spec);
        DeployRules.check(problems, spec);
        cutover(problems, spec.cutover());
        spec.serve().ifPresent(serve -> serve(problems, spec, serve));
    }

    /** serve shares the task's network namespace with the service, so their ports must differ. */
    private static void serve(SpecProblems problems, ServiceSpec spec, ServeSpec serve) {
        if (serve.image().chars().anyMatch(Character::isWhitespace)) {
            problems.error(
                    "/serve/image", "must not contain spaces", "give one image reference such as repo/landfall:0.1.0");
        }
        if (!problems.failed("/serve/port", "/port")
                && (serve.port() == spec.port() || serve.port() == spec.healthCheckPort())) {
            problems.error(
                    "/serve/port",
                    "port " + serve.port() + " is the service's own; serve runs in the same task network",
                    "pick another port for serve, such as "
                            + (spec.port() == ServeSpec.DEFAULT_PORT ? 8788 : ServeSpec.DEFAULT_PORT));
        }
        if (serve.workerd().isEmpty()) {
            return;
        }
        ServeSpec.Workerd workerd = serve.workerd().get();
        if (!workerd.script().isEmpty()) {
            WORKER_SCRIPT.check(problems, "/serve/workerd/script", workerd.script());
        }
        if (!workerd.compatibilityDate().isEmpty()) {
            DATE.check(problems, "/serve/workerd/compatibilityDate", workerd.compatibilityDate());
        }
        if (workerd.kvNamespaces().isEmpty() && !problems.failed("/serve/workerd/kvNamespaces")) {
            problems.error(
                    "/serve/workerd/kvNamespaces",
                    "names no KV binding",
                    "map each KV binding of the Worker to its namespace id, such as CONFIG: 0123456789abcdef0123456789abcdef");
        }
        workerd.kvNamespaces().forEach((binding, id) -> {
            String at = "/serve/workerd/kvNamespaces/" + binding;
            JS_NAME.check(problems, at, binding);
            KV_NAMESPACE.check(problems, at, id);
        });
        if (!spec.accelerator().protocol().equals("TCP") && !problems.failed("/accelerator/protocol")) {
            problems.error(
                    "/serve/workerd",
                    "workerd serves HTTP, but accelerator.protocol is "
                            + spec.accelerator().protocol(),
                    "use accelerator.protocol: TCP, or remove serve.workerd");
        }
        for (RegionSpec region : spec.regions()) {
            if (spec.tlsPassthrough(region)) {
                problems.error(
                        "/serve/workerd",
                        "region " + region.name() + " passes TLS through to the container, but the generated workerd"
                                + " config serves plain HTTP",
                        "give the region a certificateArn so the load balancer terminates TLS");
                break;
            }
        }
    }

    private static void service(SpecProblems problems, ServiceSpec spec) {
        NAME.check(problems, "/name", spec.name());
        if (spec.image().chars().anyMatch(Character::isWhitespace)) {
            problems.error("/image", "must not contain spaces", "give one image reference such as repo/api:1.2.3");
        }
        if (!problems.failed("/image") && movingTag(spec.image())) {
            problems.warn(
                    "/image",
                    "'" + spec.image() + "' names no version (no tag means :latest): each region and each"
                            + " replaced task pulls whatever it points to then, so regions can run different builds"
                            + " and a rollback cannot name the old one",
                    "pin a version tag such as repo/api:1.4.2, or a digest (repo/api@sha256:...)");
        }
        // cpu itself is checked as it is read (SpecBinder): one of the Fargate sizes.
        if (!problems.failed("/cpu", "/memory") && !FargateSizes.isValid(spec.cpu(), spec.memory())) {
            problems.error(
                    "/memory",
                    "memory " + spec.memory() + " is not valid with cpu " + spec.cpu() + " on Fargate",
                    "with cpu " + spec.cpu() + " use memory " + join(FargateSizes.memoryFor(spec.cpu())));
        }
        taskCounts(problems, spec.tasks());
        if (spec.loadBalancer() == LoadBalancerKind.ALB
                && !spec.accelerator().protocol().equals("TCP")
                && !problems.failed("/loadBalancer", "/accelerator/protocol")) {
            problems.error(
                    "/accelerator/protocol", "an ALB needs TCP", "use protocol: TCP, or loadBalancer: nlb for UDP");
        }
    }

    /** Each message points at the count to change and names values that would pass. */
    private static void taskCounts(SpecProblems problems, ServiceSpec.TaskCounts tasks) {
        if (problems.failed("/tasks")) {
            return;
        }
        String got = " (min " + tasks.min() + ", desired " + tasks.desired() + ", max " + tasks.max() + ")";
        if (tasks.min() > tasks.max()) {
            problems.error(
                    "/tasks/min",
                    "is above tasks.max" + got,
                    "lower min to at most " + tasks.max() + ", or raise max to at least " + tasks.min());
        } else if (tasks.min() > tasks.desired()) {
            problems.error(
                    "/tasks/min",
                    "is above tasks.desired; the service would start below its own minimum" + got,
                    "lower min to " + tasks.desired() + ", or raise desired to " + tasks.min());
        } else if (tasks.desired() > tasks.max()) {
            problems.error(
                    "/tasks/desired",
                    "is above tasks.max; autoscaling could never reach it" + got,
                    "lower desired to " + tasks.max() + ", or raise max to " + tasks.desired());
        }
    }

    private static void environment(SpecProblems problems, ServiceSpec spec) {
        for (String section : List.of("environment", "secrets")) {
            var names = section.equals("environment")
                    ? spec.environment().keySet()
                    : spec.secrets().keySet();
            for (String name : names) {
                if (name.startsWith("LANDFALL_")) {
                    // The generator sets LANDFALL_REGION and LANDFALL_STORE_* itself; a clash would be ambiguous.
                    problems.error(
                            SpecDocument.child("/" + section, name),
                            "LANDFALL_ names are reserved for what Landfall sets",
                            "rename it");
                }
            }
        }
        for (String name : spec.environment().keySet()) {
            String at = SpecDocument.child("/environment", name);
            envName(problems, at, name);
            if (SECRET_LIKE.matcher(name).matches()) {
                problems.error(
                        at,
                        "looks like a secret, and environment values are written into the templates in plain text",
                        "move it to secrets: " + name + ": <Secrets Manager or SSM parameter ARN>");
            }
            if (spec.secrets().containsKey(name)) {
                problems.error(at, "is also under secrets", "keep it in one of environment and secrets");
            }
        }
        for (String name : spec.secrets().keySet()) {
            envName(problems, SpecDocument.child("/secrets", name), name);
        }
    }

    /** Refuses a key of environment or secrets that cannot be an environment variable's name. */
    static void envName(SpecProblems problems, String at, String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            problems.error(at, "is not a valid environment variable name", "use letters, digits and '_'");
        }
    }

    private static void region(SpecProblems problems, ServiceSpec spec, int index) {
        RegionSpec region = spec.regions().get(index);
        String at = "/regions/" + index;
        if (!RegionNames.isKnown(region.name())) {
            List<String> near = RegionNames.nearMatches(region.name());
            problems.error(
                    at + "/name",
                    "'" + region.name() + "' is not an AWS region with Fargate and Global Accelerator",
                    near.isEmpty()
                            ? "use a region code such as us-east-1"
                            : "did you mean " + NearMatches.phrase(near) + "?");
        }
        for (int j = 0; j < index; j++) {
            if (spec.regions().get(j).name().equals(region.name())) {
                problems.error(at + "/name", region.name() + " is listed twice", "list each region once");
                break;
            }
        }
        if (region.network() instanceof RegionNetwork.Existing existing) {
            existingNetwork(problems, spec, existing, at);
        } else if (region.network() instanceof RegionNetwork.Created created) {
            createdNetwork(problems, region, created, at);
        }
        region.certificate().ifPresent(certificate -> certificate(problems, spec, region, certificate, at));
        region.store().endpoint().ifPresent(endpoint -> {
            if (hasPassword(endpoint)) {
                problems.error(
                        at + "/store/endpoint",
                        "carries a password (not shown), which would be written into the templates",
                        "put the full URL in Secrets Manager and give store.secretArn instead");
            }
        });
    }

    private static void existingNetwork(
            SpecProblems problems, ServiceSpec spec, RegionNetwork.Existing network, String at) {
        if (problems.failed(at + "/vpcId")) {
            // Without a VPC there are no subnets to judge.
            return;
        }
        if (network.subnetIds().isEmpty()) {
            problems.error(at + "/subnetIds", "needs at least one subnet", "list the private subnets for the tasks");
        }
        if (spec.loadBalancer() == LoadBalancerKind.ALB
                && !problems.failed("/loadBalancer")
                && network.loadBalancerSubnetIds().size() < 2) {
            problems.error(
                    at + (network.publicSubnetIds().isEmpty() ? "/subnetIds" : "/publicSubnetIds"),
                    "an ALB needs subnets in at least two availability zones",
                    "list a second subnet, or use loadBalancer: nlb");
        }
        if (new HashSet<>(network.subnetIds()).size() != network.subnetIds().size()) {
            problems.error(at + "/subnetIds", "lists a subnet twice", "list each subnet once");
        }
    }

    private static void createdNetwork(
            SpecProblems problems, RegionSpec region, RegionNetwork.Created network, String at) {
        Ipv4Cidr cidr = network.cidr();
        if (cidr.prefix() < MIN_VPC_PREFIX || cidr.prefix() > MAX_VPC_PREFIX) {
            // AWS allows /16 to /28; the split into zones needs public subnets of at least /28.
            problems.error(
                    at + "/cidr",
                    cidr + " is a /" + cidr.prefix() + ", and a VPC Landfall creates needs /" + MIN_VPC_PREFIX + " to /"
                            + MAX_VPC_PREFIX,
                    "use e.g. " + RegionNetwork.Created.DEFAULT_CIDR + " (a /16 leaves room for thousands of tasks)");
        }
        if (PRIVATE_RANGES.stream().noneMatch(cidr::within)) {
            problems.error(
                    at + "/cidr",
                    cidr + " is not a private address range",
                    "use a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) or 100.64.0.0/10,"
                            + " e.g. " + RegionNetwork.Created.DEFAULT_CIDR);
        }
        int zones = RegionNames.availabilityZones(region.name());
        if (network.availabilityZones() > zones && !problems.failed(at + "/name")) {
            problems.error(
                    at + "/availabilityZones",
                    "most accounts have only " + zones + " availability zones in " + region.name(),
                    "use availabilityZones: " + zones);
        }
    }

    /** ACM certificates are regional, and GA passes TLS through untouched only over TCP. */
    private static void certificate(
            SpecProblems problems, ServiceSpec spec, RegionSpec region, CertificateArn certificate, String at) {
        if (!certificate.region().equals(region.name()) && !problems.failed(at + "/name")) {
            problems.error(
                    at + "/certificateArn",
                    "is a certificate in " + certificate.region() + ", but this load balancer is in " + region.name(),
                    "ACM certificates are regional: request or import the certificate in " + region.name()
                            + " and give that ARN");
        }
        if (!spec.accelerator().protocol().equals("TCP") && !problems.failed("/accelerator/protocol")) {
            problems.error(
                    at + "/certificateArn",
                    "TLS needs accelerator.protocol: TCP",
                    "use protocol: TCP, or remove certificateArn for UDP");
        }
    }

    /** No tag, or {@code :latest}; a digest or any other tag names one build. */
    private static boolean movingTag(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (last.contains("@")) {
            return false;
        }
        int colon = last.lastIndexOf(':');
        return colon < 0 || last.substring(colon + 1).equals("latest");
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

    private static void cutover(SpecProblems problems, CutoverSpec cutover) {
        List<Integer> steps = cutover.steps();
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            if (step < 1 || step > 100 || (i > 0 && step <= steps.get(i - 1))) {
                problems.error(
                        "/cutover/steps/" + i,
                        "steps must be increasing whole percentages from 1 to 100",
                        "write e.g. [5, 25, 50, 100]");
            }
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            problems.error("/cutover/steps", "must end at 100", "add 100 as the last step");
        }
        BAKE.check(problems, "/cutover/bake", cutover.bake());
        try {
            Slo.parse(cutover.slo());
        } catch (LandfallException e) {
            problems.error(
                    "/cutover/slo",
                    "'" + cutover.slo() + "' is not an SLO: " + e.getMessage().replaceFirst("^--slo '[^']*' ", ""),
                    "write terms such as 'p99<=10ms,errors<=0.1%,mismatch<=0.1%' (docs/dual-run.md)");
        }
        cutover.baseline().ifPresent(url -> endpoint(problems, "/cutover/baseline", url));
        cutover.candidate().ifPresent(url -> endpoint(problems, "/cutover/candidate", url));
        cutover.edge().ifPresent(edge -> edge(problems, edge));
        if (!problems.failed("/cutover/baseline", "/cutover/edge/routes")) {
            cutover.edge()
                    .ifPresent(edge -> cutover.baseline().ifPresent(url -> baselineOutsideSplit(problems, edge, url)));
        }
    }

    /**
     * The bake compares the new service with the baseline; an address on a route the split takes
     * over serves more of the new service as the dial rises, until the bake compares it with itself.
     */
    private static void baselineOutsideSplit(SpecProblems problems, EdgeSpec edge, String url) {
        edge.routeReaching(URI.create(url)).ifPresent(i -> {
            problems.error(
                    "/cutover/baseline",
                    url + " is under cutover.edge.routes[" + i + "] ("
                            + edge.routes().get(i)
                            + "), which the edge split takes over: as the dial rises the baseline would answer"
                            + " from the new service too, and each bake would compare it with itself",
                    "give an address the split cannot move: the old Worker's own workers.dev URL (https://"
                            + edge.worker() + ".SUBDOMAIN.workers.dev) or a direct origin of the old service");
        });
    }

    private static void endpoint(SpecProblems problems, String pointer, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.error(pointer, "'" + url + "' is not a URL", "write it as https://host[:port][/base]");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            problems.error(pointer, "is not an http(s) URL with a host", "write it as https://host[:port][/base]");
        }
        if (uri.getRawUserInfo() != null) {
            problems.error(
                    pointer,
                    "carries credentials",
                    "remove the user:password part; landfall.yaml is committed and must hold no secret");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.error(pointer, "has a query or fragment", "give only the base URL");
        }
    }

    private static void edge(SpecProblems problems, EdgeSpec edge) {
        WORKER_NAME.check(problems, "/cutover/edge/worker", edge.worker());
        DIAL_NAMESPACE.check(problems, "/cutover/edge/dialNamespace", edge.dialNamespace());
        STICKY.check(problems, "/cutover/edge/sticky", edge.sticky());
        if (edge.routes().isEmpty() != edge.zone().isEmpty()) {
            problems.error(
                    edge.zone().isEmpty() ? "/cutover/edge/routes" : "/cutover/edge/zone",
                    "routes and zone go together",
                    "give both (routes: [\"api.example.com/*\"], zone: example.com) or neither");
        }
        writes(problems, edge.writes());
    }

    private static void writes(SpecProblems problems, WriteRules writes) {
        if (writes.methods().isEmpty() && writes.paths().isEmpty()) {
            problems.error(
                    "/cutover/edge/writes",
                    "names no method and no path, so the read split would move every write with the reads",
                    "leave methods out for POST, PUT, PATCH and DELETE, or list the methods and path prefixes that"
                            + " write");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < writes.methods().size(); i++) {
            String method = writes.methods().get(i);
            String at = "/cutover/edge/writes/methods/" + i;
            METHOD.check(problems, at, method);
            if (!seen.add(method)) {
                problems.error(at, "'" + method + "' is listed twice", "list each method once");
            }
        }
        for (int i = 0; i < writes.paths().size(); i++) {
            PATH_PREFIX.check(
                    problems, "/cutover/edge/writes/paths/" + i, writes.paths().get(i));
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
