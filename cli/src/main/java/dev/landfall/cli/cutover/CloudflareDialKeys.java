package dev.landfall.cli.cutover;

import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.cloudflare.api.CloudflareEndpoint;
import dev.landfall.infra.cutover.DialKey;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The edge split's dial keys by KV namespace, reached through one Cloudflare API client that
 * closing this closes. A region's dial is moved through AWS, so a cutover of a region needs no
 * Cloudflare token and is never asked for one.
 */
public final class CloudflareDialKeys implements Function<String, DialKey>, AutoCloseable {
    private final Optional<CloudflareEndpoint> api;
    private CloudflareClient client;

    private CloudflareDialKeys(Optional<CloudflareEndpoint> api) {
        this.api = api;
    }

    /**
     * The dial keys of a cutover of {@code region}, or of the edge split when it is empty; the
     * token is checked now, before any other call.
     *
     * @throws dev.landfall.core.error.LandfallException USAGE for the edge split when {@code
     *     CLOUDFLARE_API_TOKEN} is missing or malformed
     */
    public static CloudflareDialKeys forTarget(Optional<String> region, Map<String, String> env) {
        return new CloudflareDialKeys(
                region.isEmpty() ? Optional.of(CloudflareAccess.resolve(null, env)) : Optional.empty());
    }

    /**
     * @throws IllegalStateException for a region's cutover, which has no dial key
     */
    @Override
    public DialKey apply(String namespaceId) {
        if (client == null) {
            client = new CloudflareClient(
                    api.orElseThrow(() -> new IllegalStateException("a region's cutover has no dial key")),
                    CloudflareClientOptions.defaults());
        }
        return new CloudflareDialKey(client, namespaceId);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
