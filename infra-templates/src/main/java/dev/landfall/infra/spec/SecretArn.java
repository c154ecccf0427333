package dev.landfall.infra.spec;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a secret: the ARN of a Secrets Manager secret or an SSM parameter. Templates
 * carry only this reference, never the value, so generated files are safe to commit.
 */
public record SecretArn(String value) {
    private static final Pattern SECRETS_MANAGER =
            Pattern.compile("arn:aws(?:-[a-z]+)*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@:-]+");
    private static final Pattern RANDOM_SUFFIX = Pattern.compile(".+-[A-Za-z0-9]{6}");
    private static final Pattern SSM =
            Pattern.compile("arn:aws(?:-[a-z]+)*:ssm:[a-z0-9-]+:\\d{12}:parameter/[A-Za-z0-9/_.-]+");

    public SecretArn {
        Objects.requireNonNull(value, "value");
        if (!SECRETS_MANAGER.matcher(value).matches() && !SSM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Secrets Manager or SSM parameter ARN");
        }
    }

    /** The ARN if {@code text} is one of the two accepted kinds. */
    public static Optional<SecretArn> parse(String text) {
        return SECRETS_MANAGER.matcher(text).matches() || SSM.matcher(text).matches()
                ? Optional.of(new SecretArn(text))
                : Optional.empty();
    }

    /** Whether this is an SSM parameter (read with {@code ssm:GetParameters}). */
    public boolean isSsmParameter() {
        return value.contains(":ssm:");
    }

    /**
     * The secret itself, for IAM: ECS accepts {@code …:secret:NAME:JSON_KEY:STAGE:VERSION} to pick
     * one key, but a policy must name the secret's own ARN (its first seven fields). Secrets
     * Manager gives every secret's ARN a {@code -} and six random characters after the name; an
     * ARN given without them (as ECS allows) would match no secret in a policy, so the suffix
     * becomes the wildcard {@code -??????}, which matches exactly those six characters.
     */
    public String resourceArn() {
        if (isSsmParameter()) {
            return value;
        }
        String[] fields = value.split(":", -1);
        String secret = fields.length <= 7 ? value : String.join(":", Arrays.copyOf(fields, 7));
        return hasRandomSuffix() ? secret : secret + "-??????";
    }

    /**
     * Whether the name ends in the six characters Secrets Manager appends. A name that itself
     * ends in a hyphen and six letters or digits cannot be told apart (AWS advises against such
     * names); it is taken as suffixed.
     */
    public boolean hasRandomSuffix() {
        if (isSsmParameter()) {
            return true;
        }
        return RANDOM_SUFFIX.matcher(value.split(":", -1)[6]).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
