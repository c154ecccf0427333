package dev.landfall.infra.compose;

import static dev.landfall.infra.compose.EnvVariable.required;

import dev.landfall.infra.serve.ServeJvm;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The store container of the kit. One Docker host runs one store, so the kit follows the store
 * of the spec's first region; a kind other than {@code redis} gets PostgreSQL, the default.
 * Credentials appear only as {@code ${VAR}} references to {@code .env}; the store and the import
 * job read the password from {@link KitCheck#PASSWORD_FILE}, not from their environment.
 */
enum KitStore {
    POSTGRES("postgres:15-alpine", "/var/lib/postgresql/data", 5432, "POSTGRES_PASSWORD") {
        @Override
        SortedMap<String, String> environment() {
            // The image's *_FILE convention: the entrypoint reads the password from the file.
            return sorted(
                    "POSTGRES_DB", required("POSTGRES_DB"),
                    "POSTGRES_PASSWORD_FILE", KitCheck.PASSWORD_FILE,
                    "POSTGRES_USER", required("POSTGRES_USER"));
        }

        @Override
        List<String> command() {
            return List.of();
        }

        @Override
        String healthTest() {
            return "pg_isready -h 127.0.0.1 -U " + required("POSTGRES_USER") + " -d " + required("POSTGRES_DB");
        }

        @Override
        String execWithStore(String command) {
            // No password in the URI: the script reads it from the file into PGPASSWORD.
            return "export PGPASSWORD=\"$$(cat " + KitCheck.PASSWORD_FILE + ")\" && exec " + command
                    + " \"postgres://" + required("POSTGRES_USER") + "@" + HOST + ":5432/"
                    + required("POSTGRES_DB") + "\"";
        }

        @Override
        String serviceUrl() {
            return "postgres://" + required("POSTGRES_USER") + ":" + required("POSTGRES_PASSWORD") + "@" + HOST
                    + ":5432/" + required("POSTGRES_DB");
        }

        @Override
        List<EnvVariable> variables() {
            return List.of(
                    new EnvVariable("POSTGRES_USER", "landfall", "PostgreSQL role the service and the import job use."),
                    new EnvVariable(
                            "POSTGRES_PASSWORD",
                            EnvVariable.PLACEHOLDER,
                            "Its password: letters and digits only (it is placed in a URL), e.g. `openssl rand -hex 24`."),
                    new EnvVariable("POSTGRES_DB", "landfall", "Database that holds Landfall's tables."));
        }
    },
    REDIS("redis:7-alpine", "/data", 6379, "REDIS_PASSWORD") {
        @Override
        SortedMap<String, String> environment() {
            return new TreeMap<>();
        }

        @Override
        List<String> command() {
            // The image has no *_FILE convention: the shell reads the file, then the image's own
            // entrypoint starts redis-server as the redis user.
            return List.of(
                    "sh",
                    "-c",
                    "exec docker-entrypoint.sh redis-server --appendonly yes --requirepass \"$$(cat "
                            + KitCheck.PASSWORD_FILE + ")\"");
        }

        @Override
        String healthTest() {
            return "REDISCLI_AUTH=\"$$(cat " + KitCheck.PASSWORD_FILE + ")\" redis-cli ping | grep -q PONG";
        }

        @Override
        String execWithStore(String command) {
            return "exec " + command + " \"redis://:$$(cat " + KitCheck.PASSWORD_FILE + ")@" + HOST + ":6379/0\"";
        }

        @Override
        String serviceUrl() {
            return "redis://:" + required("REDIS_PASSWORD") + "@" + HOST + ":6379/0";
        }

        @Override
        List<EnvVariable> variables() {
            return List.of(new EnvVariable(
                    "REDIS_PASSWORD",
                    EnvVariable.PLACEHOLDER,
                    "Redis password (requirepass): letters and digits only (it is placed in a URL),"
                            + " e.g. `openssl rand -hex 24`."));
        }
    };

    /** The compose service name of the store, which is also its host name on the kit network. */
    static final String HOST = "store";

    /** The import job's command up to its {@code --to}, as run by the job's shell. */
    private static final String LANDFALL = "java -jar /opt/landfall/landfall.jar import --from bundle:/bundle";

    final String image;
    final String dataPath;
    final int port;
    /** The {@code .env} variable that holds the store password. */
    final String passwordVariable;

    KitStore(String image, String dataPath, int port, String passwordVariable) {
        this.image = image;
        this.dataPath = dataPath;
        this.port = port;
        this.passwordVariable = passwordVariable;
    }

    /** The store for {@code spec}: its first region's kind, PostgreSQL unless that is Redis. */
    static KitStore from(ServiceSpec spec) {
        String kind = spec.regions().isEmpty()
                ? ""
                : spec.regions().get(0).store().kind().toLowerCase(Locale.ROOT);
        return kind.equals("redis") ? REDIS : POSTGRES;
    }

    /** The kind as the service sees it in {@code LANDFALL_STORE_KIND}, as in the AWS templates. */
    String kind() {
        return name().toLowerCase(Locale.ROOT);
    }

    abstract SortedMap<String, String> environment();

    abstract List<String> command();

    abstract String healthTest();

    /**
     * A shell script ({@code $} doubled for compose) that reads the password from the kit's file
     * and runs {@code command} with the store's URI as its last argument.
     */
    abstract String execWithStore(String command);

    /** The import job's shell script: {@code landfall import} into the store. */
    String importScript() {
        return execWithStore(LANDFALL + " --to");
    }

    /** The {@code LANDFALL_STORE_URL} the service gets: its image is the operator's, so an environment variable. */
    abstract String serviceUrl();

    /** The {@code sh -c} script of the serve sidecar, reading the password as the import job does. */
    String serveScript(String listen) {
        return execWithStore(ServeJvm.command() + " --store") + " --listen " + listen;
    }

    /** The {@code .env} variables this store needs. */
    abstract List<EnvVariable> variables();

    private static SortedMap<String, String> sorted(String... pairs) {
        SortedMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
