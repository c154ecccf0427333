package dev.landfall.infra.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.ServiceSpec;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Credentials reach the kit only as {@code ${VAR:?}} references that {@code .env.example} defines
 * with placeholders, or as the password file the kit writes at start: no password or secret
 * value is ever written.
 */
class ComposeNoSecretsTest {
    // ${VAR}, ${VAR:-default} or ${VAR:?message}, not preceded by the $ that escapes it.
    private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?}");
    // The password file, read by a shell in the container ($ doubled for compose).
    private static final String FILE_READ = "$$(cat /kit-secrets/store_password)";
    private static final Pattern URL_USER_INFO = Pattern.compile("[a-z][a-z0-9+.-]*://([^/\\s@\"]*)@");
    private static final Pattern PASSWORD_LINE =
            Pattern.compile("(?i)^\\s*[\"']?[A-Z_]*(PASSWORD|AUTH)[A-Z_]*[\"']?:\\s*(.*)$");

    @Test
    void everyVariableTheComposeFileUsesIsDefinedInEnvExample() {
        for (String name : ComposeKits.SPECS) {
            SortedMap<String, String> files = ComposeKits.files(name);
            Set<String> used = new TreeSet<>();
            Matcher reference = REFERENCE.matcher(files.get(ComposeGenerator.COMPOSE_FILE));
            while (reference.find()) {
                used.add(reference.group(1));
            }
            Set<String> defined =
                    ComposeKits.env(files.get(ComposeGenerator.ENV_EXAMPLE)).keySet();
            assertFalse(used.isEmpty(), name);
            assertEquals(used, new TreeSet<>(defined), name + ": used in docker-compose.yml vs .env.example");
        }
    }

    @Test
    void everyVariableWithoutADefaultIsRequiredSoAnUnsetPasswordStopsCompose() {
        // ${VAR} alone would be empty when unset: a Redis without requirepass, a service without its key.
        Pattern unguarded = Pattern.compile("(?<!\\$)\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
        Pattern withDefault = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*):?-");
        for (String name : ComposeKits.SPECS) {
            String yml = ComposeKits.files(name).get(ComposeGenerator.COMPOSE_FILE);
            Matcher bare = unguarded.matcher(yml);
            assertNull(bare.find() ? bare.group() : null, name + ": a reference compose would leave empty");
            Matcher defaulted = withDefault.matcher(yml);
            while (defaulted.find()) {
                assertEquals("HOST_PORT", defaulted.group(1), name + ": only the host port has a default");
            }
        }
    }

    @Test
    void passwordsAndSecretsAreOnlyPlaceholdersInEnvExample() {
        for (String name : ComposeKits.SPECS) {
            ServiceSpec spec = ComposeKits.spec(name);
            Map<String, String> env = ComposeKits.env(ComposeKits.files(name).get(ComposeGenerator.ENV_EXAMPLE));
            env.forEach((key, value) -> {
                if (key.contains("PASSWORD") || spec.secrets().containsKey(key)) {
                    assertEquals("change-me", value, name + ": " + key);
                }
            });
            spec.secrets().keySet().forEach(key -> assertTrue(env.containsKey(key), name + ": " + key));
        }
    }

    @Test
    void theComposeFileHoldsPasswordsOnlyAsReferences() {
        for (String name : ComposeKits.SPECS) {
            String yml = ComposeKits.files(name).get(ComposeGenerator.COMPOSE_FILE);
            Matcher userInfo = URL_USER_INFO.matcher(yml);
            while (userInfo.find()) {
                String info = userInfo.group(1);
                int colon = info.indexOf(':');
                if (colon >= 0) {
                    String password = info.substring(colon + 1);
                    assertTrue(
                            REFERENCE.matcher(password).matches() || password.equals(FILE_READ),
                            name + ": a URL password that is not a ${VAR}: " + info);
                }
            }
            for (String line : yml.split("\n")) {
                Matcher password = PASSWORD_LINE.matcher(line);
                if (password.matches()) {
                    assertTrue(
                            password.group(2).matches("\"\\$\\{[A-Z_]+(:\\?[^}]*)?}\"")
                                    || password.group(2).equals("\"/kit-secrets/store_password\""),
                            name + ": " + line);
                }
            }
        }
    }

    @Test
    void noSecretReferenceOrValueFromTheSpecReachesTheComposeFileOrTheReadme() {
        for (String name : ComposeKits.SPECS) {
            ServiceSpec spec = ComposeKits.spec(name);
            SortedMap<String, String> files = ComposeKits.files(name);
            for (String file :
                    Set.of(ComposeGenerator.COMPOSE_FILE, ComposeGenerator.README, ComposeGenerator.DOCKERFILE)) {
                String text = files.get(file);
                spec.secrets().values().forEach(arn -> assertFalse(text.contains(arn.value()), name + "/" + file));
                spec.regions()
                        .forEach(region -> region.store()
                                .secretArn()
                                .ifPresent(arn -> assertFalse(text.contains(arn.value()), name + "/" + file)));
                assertFalse(text.contains("arn:aws"), name + "/" + file);
            }
        }
    }
}
