package dev.landfall.cloudflare.api;

import dev.landfall.core.config.HostPort;
import dev.landfall.core.error.LandfallException;
import java.net.ConnectException;
import okhttp3.HttpUrl;

/**
 * A refused connection means nothing listens at the address: a mistyped base URL, a proxy that
 * is down. Retrying for a minute and a half cannot heal that, so it fails at once, naming the
 * address; rate limits, 5xx answers and dropped connections keep their retries.
 */
public final class ConnectionRefused {
    private ConnectionRefused() {}

    /**
     * @param doing what was asked ({@code "list the kv namespaces of account …"})
     * @param setting where the address comes from, for the hint
     */
    public static LandfallException at(HttpUrl url, String doing, String setting, ConnectException e) {
        String address = url.scheme() + "://" + new HostPort(url.host(), url.port());
        return LandfallException.failed(
                "nothing is listening at " + address + " (connection refused) when asked to " + doing,
                "check " + setting,
                e);
    }
}
