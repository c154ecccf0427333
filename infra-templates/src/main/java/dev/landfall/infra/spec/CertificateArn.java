package dev.landfall.infra.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of an AWS Certificate Manager certificate, such as
 * {@code arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9}.
 * ACM certificates are regional: a load balancer can use only one from its own region.
 */
public record CertificateArn(String value, String region) {
    /**
     * The security policy of every TLS listener Landfall writes: TLS 1.3 and 1.2 with forward
     * secrecy only, AWS's recommended policy for both NLB and ALB.
     */
    public static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private static final Pattern ACM =
            Pattern.compile("arn:aws(?:-[a-z]+)*:acm:([a-z]{2}(?:-[a-z]+)+-[0-9]):\\d{12}:certificate/"
                    + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public CertificateArn {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(region, "region");
    }

    /** The certificate {@code text} names, if it is an ACM certificate ARN. */
    public static Optional<CertificateArn> parse(String text) {
        Matcher m = ACM.matcher(text);
        return m.matches() ? Optional.of(new CertificateArn(text, m.group(1))) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
