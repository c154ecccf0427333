package dev.landfall.infra.compose;

import dev.landfall.infra.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kit's first, one-shot service: refuses to let the kit start while {@code .env} still holds
 * a {@code change-me} placeholder or a store password that cannot go into a URL, then writes the
 * store password into the {@code kit-secrets} volume, which the store and the import job read as
 * a file ({@code POSTGRES_PASSWORD_FILE}, {@code $(cat …)}) instead of from their environment.
 *
 * <p>Compose can require a variable ({@code ${VAR:?}}) but not refuse a value, so the check is a
 * container the store waits for: plain docker compose, no plugin. It runs the store's image,
 * which is pulled anyway and has a POSIX shell.
 */
final class KitCheck {
    static final String SERVICE = "kit-check";
    static final String VOLUME = "kit-secrets";
    static final String DIRECTORY = "/kit-secrets";
    /** The store password as a file, for the containers whose image can read one. */
    static final String PASSWORD_FILE = DIRECTORY + "/store_password";

    private KitCheck() {}

    /** Every value the check reads: the store password and the service's secrets, by their .env names. */
    static SortedMap<String, String> environment(ServiceSpec spec, KitStore store) {
        SortedMap<String, String> environment = new TreeMap<>();
        for (String name : checked(spec, store)) {
            environment.put(name, EnvVariable.required(name));
        }
        return environment;
    }

    /** The shell script, with {@code $} doubled for compose. */
    static String script(ServiceSpec spec, KitStore store) {
        String password = store.passwordVariable;
        List<String> lines = new ArrayList<>();
        lines.add("kit_ok=1");
        for (String name : checked(spec, store)) {
            lines.add("[ \"$$" + name + "\" != \"" + EnvVariable.PLACEHOLDER + "\" ] || { echo \"" + SERVICE + ": "
                    + name + " in .env is still " + EnvVariable.PLACEHOLDER
                    + ": set the real value (README.md)\" >&2; kit_ok=0; }");
        }
        lines.add("case \"$$" + password + "\" in *[!A-Za-z0-9]*) echo \"" + SERVICE + ": " + password
                + " in .env may hold letters and digits only, it is placed in a URL: e.g. openssl rand -hex 24\" >&2;"
                + " kit_ok=0 ;; esac");
        lines.add("[ \"$$kit_ok\" = 1 ] || exit 1");
        lines.add("umask 022");
        lines.add("printf '%s' \"$$" + password + "\" > " + PASSWORD_FILE);
        lines.add("echo \"" + SERVICE + ": no placeholder in .env; the store password is in " + PASSWORD_FILE + "\"");
        return String.join("\n", lines) + "\n";
    }

    private static List<String> checked(ServiceSpec spec, KitStore store) {
        List<String> names = new ArrayList<>();
        names.add(store.passwordVariable);
        names.addAll(spec.secrets().keySet());
        return names;
    }
}
