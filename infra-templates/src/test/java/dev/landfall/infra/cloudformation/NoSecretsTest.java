package dev.landfall.infra.cloudformation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.ServiceSpec;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No secret value or password ever lands in a generated file: secrets travel as ARNs only. */
class NoSecretsTest {
    private static final Pattern PASSWORD_WORD = Pattern.compile("(?i)passw(or)?d");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@\"]+:[^@\\s/\"]+@");

    @Test
    void generatedFilesHoldNoPasswordsAndSecretsOnlyAsArns() {
        for (String spec : Generated.SPECS) {
            ServiceSpec parsed = Generated.spec(spec);
            for (Map.Entry<String, String> file : Generated.files(spec).entrySet()) {
                String where = spec + "/" + file.getKey();
                String text = file.getValue();
                assertFalse(PASSWORD_WORD.matcher(text).find(), where + " mentions a password");
                assertFalse(URL_WITH_PASSWORD.matcher(text).find(), where + " holds a URL with a password");
                for (Map.Entry<String, ?> secret : parsed.secrets().entrySet()) {
                    // The name appears only in a Secrets entry next to its ARN, never as a plain Value.
                    assertFalse(
                            text.contains("\"Name\": \"" + secret.getKey() + "\",\n          \"Value\""),
                            where + " puts " + secret.getKey() + " in plain environment");
                }
            }
        }
    }

    @Test
    void iamNamesTheSecretItselfWhenTheTaskPicksOneJsonKey() {
        String template = Generated.files("udp").get("region-eu-central-1.json");
        String arn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:relay/redis-url-AbCdEf";
        assertTrue(template.contains("\"ValueFrom\": \"" + arn + ":url::\""), template);
        assertTrue(template.contains("\"" + arn + "\"\n"), template);
        assertFalse(template.contains("\"ecr:"), "a Docker Hub image needs no ECR permission");
    }

    @Test
    void secretsReachTheTaskAsValueFromArns() {
        String template = Generated.files("one-region").get("region-us-east-1.json");
        assertTrue(template.contains(
                "\"ValueFrom\": \"arn:aws:secretsmanager:us-east-1:111122223333:secret:api/session-key-AbCdEf\""));
        assertTrue(
                template.contains("\"ValueFrom\": \"arn:aws:ssm:us-east-1:111122223333:parameter/api/signing-salt\""));
    }
}
