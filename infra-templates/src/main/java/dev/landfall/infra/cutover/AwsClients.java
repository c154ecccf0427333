package dev.landfall.infra.cutover;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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
