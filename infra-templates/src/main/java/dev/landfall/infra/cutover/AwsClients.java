package dev.landfall.infra.cutover;

import dev.landfall.core.error.LandfallException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * Builds the two AWS clients the cutover uses. Credentials come from the SDK's default chain
 * (environment, profiles, SSO, container and instance roles); nothing here reads them itself.
 *
 * <p>Global Accelerator's control plane lives in us-west-2 whatever region the service runs in,
 * and the SDK's endpoint rules would happily resolve other regions, so the client is pinned.
 * Throttling is retried by the SDK in {@link RetryMode#ADAPTIVE_V2} mode, which also slows the
 * caller down when AWS answers with throttling errors.
 */
public final class AwsClients {
    /** Global Accelerator's home region: its API is only served there. */
    public static final Region GLOBAL_ACCELERATOR_REGION = Region.US_WEST_2;

    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final RetryMode retryMode;

    private AwsClients(AwsCredentialsProvider credentials, Optional<URI> endpoint, RetryMode retryMode) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = endpoint;
        this.retryMode = retryMode;
    }

    /** Real AWS with the default credentials chain. */
    public static AwsClients standard() {
        return new AwsClients(DefaultCredentialsProvider.builder().build(), Optional.empty(), RetryMode.ADAPTIVE_V2);
    }

    /**
     * As the SDK would configure itself from {@code env} (the process environment, or a test's):
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} when set,
     * else the default chain (profiles, SSO, container and instance roles); {@code
     * AWS_ENDPOINT_URL} sends every call to one endpoint, as for a local emulator.
     */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String keyId = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        String session = env.getOrDefault("AWS_SESSION_TOKEN", "");
        AwsCredentialsProvider credentials;
        if (!keyId.isBlank() && !secret.isBlank()) {
            credentials = StaticCredentialsProvider.create(
                    session.isBlank()
                            ? AwsBasicCredentials.create(keyId, secret)
                            : AwsSessionCredentials.create(keyId, secret, session));
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL", "");
        if (endpoint.isBlank()) {
            return new AwsClients(credentials, Optional.empty(), RetryMode.ADAPTIVE_V2);
        }
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw LandfallException.usage(
                    "AWS_ENDPOINT_URL '" + endpoint + "' is not an http(s) URL",
                    "unset it to call AWS itself, or give the emulator's base URL");
        }
        return new AwsClients(credentials, Optional.of(uri), RetryMode.ADAPTIVE_V2);
    }

    /**
     * Every call to {@code endpoint} instead of AWS, as tests and local emulators need; {@code
     * retryMode} lets tests see throttling retries without waiting for back-off.
     */
    public static AwsClients at(URI endpoint, AwsCredentialsProvider credentials, RetryMode retryMode) {
        return new AwsClients(credentials, Optional.of(endpoint), retryMode);
    }

    /** A Global Accelerator client in {@link #GLOBAL_ACCELERATOR_REGION}. */
    public GlobalAcceleratorClient globalAccelerator() {
        var builder = GlobalAcceleratorClient.builder()
                .region(GLOBAL_ACCELERATOR_REGION)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An ECS client for {@code region}, where that region's service runs. */
    public EcsClient ecs(String region) {
        var builder = EcsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrides());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().retryStrategy(retryMode).build();
    }
}
