package dev.landfall.infra.compose;

import dev.landfall.infra.spec.ServiceSpec;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The store container of the kit. One Docker host runs one store, so the kit follows the store
 * of the spec's first region; a kind other than {@code redis} gets PostgreSQL, the default.
 * Credentials appear only as {@code ${VAR}} references to {@code .env}.
 */
enum KitStore {
    POSTGRES("postgres:15-alpine", "/var/lib/postgresql/data", 5432) {
        @Override
        SortedMap<String, String> environment() {
            return sorted(
                    "POSTGRES_DB", "${POSTGRES_DB}",
                    "POSTGRES_PASSWORD", "${POSTGRES_PASSWORD}",
                    "POSTGRES_USER", "${POSTGRES_USER}");
        }

        @Override
        List<String> command() {
            return List.of();
        }

        @Override
        String healthTest() {
            return "pg_isready -h 127.0.0.1 -U ${POSTGRES_USER} -d ${POSTGRES_DB}";
        }

        @Override
        String importUri() {
            // No password in the URI: the import job passes it as PGPASSWORD.
            return "postgres://${POSTGRES_USER}@" + HOST + ":5432/${POSTGRES_DB}";
        }

        @Override
        SortedMap<String, String> importEnvironment() {
            return sorted("PGPASSWORD", "${POSTGRES_PASSWORD}");
        }

        @Override
        String serviceUrl() {
            return "postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@" + HOST + ":5432/${POSTGRES_DB}";
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
    REDIS("redis:7-alpine", "/data", 6379) {
        @Override
        SortedMap<String, String> environment() {
            // redis-cli reads REDISCLI_AUTH, so the health check needs no password argument.
            return sorted("REDISCLI_AUTH", "${REDIS_PASSWORD}");
        }

        @Override
        List<String> command() {
            return List.of("redis-server", "--appendonly", "yes", "--requirepass", "${REDIS_PASSWORD}");
        }

        @Override
        String healthTest() {
            return "redis-cli ping | grep -q PONG";
        }

        @Override
        String importUri() {
            return "redis://:${REDIS_PASSWORD}@" + HOST + ":6379/0";
        }

        @Override
        SortedMap<String, String> importEnvironment() {
            return new TreeMap<>();
        }

        @Override
        String serviceUrl() {
            return importUri();
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

    final String image;
    final String dataPath;
    final int port;

    KitStore(String image, String dataPath, int port) {
        this.image = image;
        this.dataPath = dataPath;
        this.port = port;
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

    /** The {@code --to} of {@code landfall import}, built from {@code .env} variables. */
    abstract String importUri();

    abstract SortedMap<String, String> importEnvironment();

    /** The {@code LANDFALL_STORE_URL} the service gets. */
    abstract String serviceUrl();

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
