package dev.landfall.cli.conformance;

import java.util.Map;

/**
 * One running implementation of Cloudflare's KV REST routes, with one empty namespace made for the
 * test that started it.
 *
 * @param namespacesUrl {@code …/client/v4/accounts/ACCOUNT/storage/kv/namespaces}
 * @param namespaceId the namespace the test writes to
 * @param headers what every request carries (the sandbox's bearer token; nothing for serve)
 * @param closer stops the implementation
 */
record KvRestTarget(String namespacesUrl, String namespaceId, Map<String, String> headers, AutoCloseable closer)
        implements AutoCloseable {
    @Override
    public void close() throws Exception {
        closer.close();
    }
}
