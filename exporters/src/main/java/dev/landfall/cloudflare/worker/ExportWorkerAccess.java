package dev.landfall.cloudflare.worker;

import dev.landfall.core.config.Secret;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.retry.RetryPolicy;
import java.util.Map;

/**
 * Where the export Worker is and its secret (docs/export-worker-protocol.md §2): the URL from
 * {@code --export-worker}, else {@code LANDFALL_EXPORT_WORKER_URL}; the secret only from {@code
 * LANDFALL_EXPORT_SECRET}, never from a flag (flags end up in shell history and process lists).
 *
 * @param url the Worker's URL
 * @param secret the shared secret
 */
public record ExportWorkerAccess(String url, Secret secret) {
    public static final String URL = "LANDFALL_EXPORT_WORKER_URL";
    public static final String SECRET = "LANDFALL_EXPORT_SECRET";
    private static final int MIN_SECRET = 32;

    /**
     * Resolves both, before any I/O.
     *
     * @param flag the {@code --export-worker} value, or null
     * @param why names what needs the Worker, for the message ({@code --do})
     */
    public static ExportWorkerAccess resolve(String flag, Map<String, String> env, String why) {
        String url = flag != null && !flag.isBlank() ? flag : env.get(URL);
        if (url == null || url.isBlank()) {
            throw LandfallException.usage(
                    why + " reads through the export Worker, but no --export-worker URL is given",
                    "deploy it (landfall export-worker scaffold), then pass --export-worker URL or set " + URL);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw LandfallException.usage(
                    "--export-worker " + url + ": not an http(s) URL",
                    "give the deployed Worker's URL, for example https://landfall-export.example.workers.dev");
        }
        String secret = env.get(SECRET);
        if (secret == null || secret.isBlank()) {
            throw LandfallException.usage(
                    SECRET + " is not set; the export Worker needs its shared secret",
                    "export " + SECRET + " with the value given to 'wrangler secret put " + SECRET + "'");
        }
        if (secret.length() < MIN_SECRET) {
            throw LandfallException.usage(
                    SECRET + " is shorter than " + MIN_SECRET + " characters, which the export Worker refuses",
                    "generate a longer one (openssl rand -hex 32), set it in the Worker and here");
        }
        return new ExportWorkerAccess(url, Secret.of(secret));
    }

    /** A client with the default retry policy. */
    public ExportWorkerClient newClient(int concurrency, long seed) {
        return new ExportWorkerClient(url, secret, RetryPolicy.builder(seed).build(), concurrency);
    }
}
