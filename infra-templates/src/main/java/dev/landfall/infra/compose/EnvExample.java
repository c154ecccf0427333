package dev.landfall.infra.compose;

import dev.landfall.infra.spec.SecretArn;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code .env.example}: every variable {@code docker-compose.yml} references, with a
 * comment and a placeholder. Secrets get {@code change-me} and a pointer to where the value
 * lives in AWS (the ARN from the spec, which is a reference, not the value).
 */
final class EnvExample {
    private EnvExample() {}

    /** The variables, in the order they are written. */
    static List<EnvVariable> variables(ServiceSpec spec, KitStore store) {
        List<EnvVariable> variables = kitVariables(spec, store);
        for (Map.Entry<String, SecretArn> secret : spec.secrets().entrySet()) {
            variables.add(new EnvVariable(
                    secret.getKey(),
                    EnvVariable.PLACEHOLDER,
                    "Secret for " + spec.name() + "; in AWS its value is in "
                            + secret.getValue().value() + "."));
        }
        return variables;
    }

    /** The variables of the kit itself, which come before the service's secrets. */
    static List<EnvVariable> kitVariables(ServiceSpec spec, KitStore store) {
        List<EnvVariable> variables = new ArrayList<>();
        variables.add(new EnvVariable(
                "HOST_PORT",
                Integer.toString(spec.port()),
                "Port on this host that reaches " + spec.name() + " (container port " + spec.port() + ")."));
        variables.add(new EnvVariable(
                "BUNDLE_UID",
                "1000",
                "Owner of ./bundle on this host (`id -u`); the import job runs as it, since exported files are 0600."));
        variables.add(new EnvVariable("BUNDLE_GID", "1000", "Its group (`id -g`)."));
        variables.addAll(store.variables());
        return variables;
    }

    static String render(ServiceSpec spec, KitStore store) {
        StringBuilder out = new StringBuilder()
                .append("# Copy to .env and replace every change-me: cp .env.example .env\n")
                .append("# The kit refuses to start while a change-me or an empty value is left.\n")
                .append("# .env holds the real values; keep it out of version control (chmod 600 .env).\n")
                .append("# docker compose reads it for every ${VAR} in docker-compose.yml.\n");
        for (EnvVariable variable : variables(spec, store)) {
            out.append("\n# " + variable.comment() + "\n" + variable.name() + "=" + variable.example() + "\n");
        }
        return out.toString();
    }
}
