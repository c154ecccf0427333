package dev.landfall.infra.spec;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A parsed and validated {@code landfall.yaml}: one service, the regions it runs in, the Global
 * Accelerator in front of them and the cutover plan. Immutable; {@link SpecParser} is the only
 * way to build one from a file, and it has passed {@link SpecValidator} by then.
 *
 * @param name service name, used for stack, cluster, log group and container names
 * @param image container image reference (registry/repository:tag or @digest)
 * @param port the port the container listens on
 * @param healthCheckPath HTTP path the load balancer probes (also what the compose kit probes)
 * @param healthCheck the probe's protocol and port when the spec gives them
 * @param cpu Fargate task CPU units (256 … 16384)
 * @param memory Fargate task memory in MiB, valid for {@code cpu} (see {@link FargateSizes})
 * @param tasks desired, minimum and maximum task counts per region
 * @param targetCpuPercent average CPU the target-tracking policy holds the service at
 * @param loadBalancer the load balancer type in front of the tasks
 * @param logRetentionDays CloudWatch Logs retention of the service's log group
 * @param environment plain environment variables, by name (never secrets)
 * @param secrets environment variables filled from Secrets Manager or SSM, by name
 * @param regions where the service runs, in the spec's order, at least one
 * @param accelerator the Global Accelerator in front of every region
 * @param cutover how traffic moves onto the new regions
 * @param taskRole what the application may call: managed policies and allow statements
 * @param secretsKmsKeyArns customer-managed KMS keys the secrets are encrypted under; the
 *     execution role may {@code kms:Decrypt} with exactly these
 * @param repositoryCredentials a Secrets Manager secret with the user name and password of a
 *     private registry outside ECR
 * @param serve {@code landfall serve} as a sidecar of every task, and optionally workerd as the
 *     service
 */
public record ServiceSpec(
        String name,
        String image,
        int port,
        String healthCheckPath,
        HealthCheckSpec healthCheck,
        int cpu,
        int memory,
        TaskCounts tasks,
        int targetCpuPercent,
        LoadBalancerKind loadBalancer,
        int logRetentionDays,
        SortedMap<String, String> environment,
        SortedMap<String, SecretArn> secrets,
        List<RegionSpec> regions,
        AcceleratorSpec accelerator,
        CutoverSpec cutover,
        TaskRoleSpec taskRole,
        List<String> secretsKmsKeyArns,
        Optional<SecretArn> repositoryCredentials,
        Optional<ServeSpec> serve) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(healthCheckPath, "healthCheckPath");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
        regions = List.copyOf(regions);
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(cutover, "cutover");
        Objects.requireNonNull(taskRole, "taskRole");
        secretsKmsKeyArns = List.copyOf(secretsKmsKeyArns);
        Objects.requireNonNull(repositoryCredentials, "repositoryCredentials");
        Objects.requireNonNull(serve, "serve");
    }

    /**
     * Whether {@code region} passes TLS through to the container: an NLB with a plain TCP
     * listener on 443, the HTTPS port, so clients speak TLS and the container must terminate it.
     */
    public boolean tlsPassthrough(RegionSpec region) {
        return loadBalancer == LoadBalancerKind.NLB
                && accelerator.protocol().equals("TCP")
                && accelerator.port() == 443
                && region.certificate().isEmpty();
    }

    /**
     * The protocol the load balancer probes {@code region}'s tasks with: the spec's, else HTTPS
     * where the container speaks TLS ({@link #tlsPassthrough}), else HTTP.
     */
    public HealthCheckSpec.Protocol healthCheckProtocol(RegionSpec region) {
        return healthCheck
                .protocol()
                .orElse(tlsPassthrough(region) ? HealthCheckSpec.Protocol.HTTPS : HealthCheckSpec.Protocol.HTTP);
    }

    /** The port the probe reaches: the spec's, else the container port. */
    public int healthCheckPort() {
        return healthCheck.port().orElse(port);
    }

    /** The image {@code region} runs: its own replica, else the spec's. */
    public String imageFor(RegionSpec region) {
        return region.image().orElse(image);
    }

    /** The secrets {@code region}'s tasks read, by name: the spec's, with the region's replacing them. */
    public SortedMap<String, SecretArn> secretsFor(RegionSpec region) {
        SortedMap<String, SecretArn> out = new TreeMap<>(secrets);
        out.putAll(region.secrets());
        return Collections.unmodifiableSortedMap(out);
    }

    /** Desired, minimum and maximum number of tasks per region. */
    public record TaskCounts(int desired, int min, int max) {}

    /** Which Elastic Load Balancing type fronts the tasks. */
    public enum LoadBalancerKind {
        /** Network Load Balancer: layer 4, keeps the client IP, the default. */
        NLB,
        /** Application Load Balancer: layer 7, HTTP only. */
        ALB
    }
}
