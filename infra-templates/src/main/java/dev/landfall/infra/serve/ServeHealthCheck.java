package dev.landfall.infra.serve;

import dev.landfall.infra.spec.ServeSpec;

/**
 * The serve sidecar's container health check, the same in the task definition and the compose
 * kit: serve's {@code /readyz}, which answers 200 once the store has answered once and 503 before
 * that and while draining (docs/serve.md). A store outage after that leaves it 200, so an outage
 * does not get every task replaced while serve still answers from its cache.
 *
 * <p>The probe is curl: {@code eclipse-temurin:17-jre}, which {@code Dockerfile.landfall} builds
 * on, installs curl and wget in every Ubuntu variant (adoptium/containers,
 * 17/jre/ubuntu/{jammy,noble,resolute}/Dockerfile). A probe mode in the jar would start a JVM
 * per probe, about 35 times curl's CPU (docs/serve.md has the measurement), in a task that may
 * have a quarter of a vCPU.
 */
public final class ServeHealthCheck {
    /** ECS's minimum, so the service waits little; a curl probe was about 30 ms of CPU. */
    public static final int INTERVAL_SECONDS = 5;

    public static final int TIMEOUT_SECONDS = 3;
    public static final int RETRIES = 3;
    /**
     * Failures before this do not count: a JVM start on a quarter vCPU plus the first store round
     * trip. The service waits for the first success, not for this.
     */
    public static final int START_PERIOD_SECONDS = 60;

    private ServeHealthCheck() {}

    /**
     * The {@code CMD-SHELL} command. {@code || exit 1} because Docker reserves exit status 2 and
     * curl's statuses are many.
     */
    public static String command(ServeSpec serve) {
        return "curl -fsS -o /dev/null http://" + serve.loopbackAddress() + "/readyz || exit 1";
    }
}
