package dev.landfall.infra.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rule 3: the IAM resource of a secret ARN matches the secret whether or not the ARN has its suffix. */
class SecretArnTest {
    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";

    @Test
    void anArnWithItsRandomSuffixIsTheResourceAsItIs() {
        assertEquals(SECRET + "api/db-AbCdEf", new SecretArn(SECRET + "api/db-AbCdEf").resourceArn());
        assertEquals(SECRET + "api/db-AbCdEf", new SecretArn(SECRET + "api/db-AbCdEf:url::").resourceArn());
    }

    @Test
    void anArnWithoutTheSuffixGetsTheSixCharacterWildcard() {
        assertEquals(SECRET + "api/db-??????", new SecretArn(SECRET + "api/db").resourceArn());
        assertEquals(SECRET + "api/db-??????", new SecretArn(SECRET + "api/db:url:AWSCURRENT:").resourceArn());
        assertEquals(SECRET + "api/db-url-??????", new SecretArn(SECRET + "api/db-url").resourceArn());
    }

    @Test
    void aParameterIsNeverWildcarded() {
        String parameter = "arn:aws:ssm:us-east-1:111122223333:parameter/api/salt";
        assertEquals(parameter, new SecretArn(parameter).resourceArn());
    }
}
