package dev.landfall.infra.compose;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.serve.WorkerdKit;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compose output of {@code landfall infra generate}: a self-host kit for one Docker host
 * with the service, its store (PostgreSQL 15 or Redis 7, from the first region's store kind) and
 * a one-shot {@code landfall import} job that loads {@code ./bundle} before the service starts.
 *
 * <p>Pure: the same spec gives the same bytes. No secret or password value is written;
 * {@code docker-compose.yml} references them as {@code ${VAR:?}}, {@code .env.example} holds
 * placeholders, and the kit's {@code kit-check} service refuses to start while one is left.
 */
public final class ComposeGenerator {
    public static final String COMPOSE_FILE = "docker-compose.yml";
    public static final String ENV_EXAMPLE = ".env.example";
    public static final String DOCKERFILE = "Dockerfile.landfall";
    public static final String README = "README.md";

    private static final String LANDFALL_DOCKERFILE = """
            # The landfall CLI for the kit's import job. Copy cli/target/landfall.jar (built by
            # bin/landfall in a Landfall checkout) next to this file before `docker compose up`.
            FROM eclipse-temurin:17-jre
            COPY landfall.jar /opt/landfall/landfall.jar
            # Compose runs the job as the owner of ./bundle (BUNDLE_UID), so any user may work here.
            RUN mkdir -p /var/lib/landfall && chmod 1777 /var/lib/landfall
            ENV HOME=/var/lib/landfall
            WORKDIR /var/lib/landfall
            USER 10001
            ENTRYPOINT ["java", "-jar", "/opt/landfall/landfall.jar"]
            """;

    private ComposeGenerator() {}

    /**
     * The kit's files, relative name → content, in name order.
     *
     * @param spec a parsed and validated spec; not null
     * @return {@code .env.example}, {@code Dockerfile.landfall}, {@code README.md} and
     *     {@code docker-compose.yml}
     * @throws LandfallException (usage) if the service or a secret takes a name the kit uses itself
     */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KitStore store = KitStore.from(spec);
        checkNames(spec, store);
        SortedMap<String, String> files = new TreeMap<>();
        files.put(COMPOSE_FILE, ComposeFile.render(spec, store));
        files.put(ENV_EXAMPLE, EnvExample.render(spec, store));
        files.put(DOCKERFILE, LANDFALL_DOCKERFILE);
        files.put(README, KitReadme.render(spec, store));
        files.putAll(WorkerdKit.files(spec));
        return files;
    }

    private static void checkNames(ServiceSpec spec, KitStore store) {
        if (spec.name().equals(KitStore.HOST)
                || spec.name().equals(ComposeFile.IMPORT_JOB)
                || spec.name().equals(ComposeFile.SERVE_SIDECAR)
                || spec.name().equals(KitCheck.SERVICE)) {
            throw LandfallException.usage(
                    "service name '" + spec.name() + "' is a service of the compose kit itself",
                    "rename the service in landfall.yaml (not 'store', 'landfall-import', 'landfall-serve' or 'kit-check')");
        }
        for (EnvVariable own : EnvExample.kitVariables(spec, store)) {
            if (spec.secrets().containsKey(own.name())) {
                throw LandfallException.usage(
                        "secret " + own.name() + " has the name of a compose kit variable",
                        "rename the secret in landfall.yaml");
            }
        }
    }
}
