package dev.landfall.cloudflare.worker;

import dev.landfall.core.error.LandfallException;
import java.io.IOException;

/**
 * The one place that turns export-Worker answers into {@link LandfallException}s, following the
 * status table of docs/export-worker-protocol.md §4. {@code detail} is the Worker's {@code error}
 * text, which never holds the secret or a stored value.
 */
final class ExportWorkerErrors {
    static final String SECRET_HINT = "set LANDFALL_EXPORT_SECRET to the secret the export Worker was deployed with"
            + " (wrangler secret put LANDFALL_EXPORT_SECRET), then rerun";

    private ExportWorkerErrors() {}

    static RuntimeException from(int status, String what, String detail) {
        String where = what + ": ";
        return switch (status) {
            case 401 -> LandfallException.rejected(where + "the export Worker refused the secret", SECRET_HINT);
            case 404 ->
                LandfallException.rejected(
                        where + "the export Worker answered 404 (" + detail + ")",
                        "check --do / --kv and the Worker's bindings (landfall export-worker scaffold writes them)");
            case 502 ->
                detail.contains("withLandfallExport")
                        ? LandfallException.rejected(
                                where + detail,
                                "wrap the Durable Object class with withLandfallExport in the module that exports it,"
                                        + " deploy, then rerun")
                        : transientFailure(status, where + detail);
            case 409 ->
                LandfallException.failed(
                        where + "the change log was reset since this run began (" + detail + ")",
                        "writes made in between may not have been captured; start a new run with --follow");
            case 408, 429 -> transientFailure(status, where + "the export Worker is busy (" + status + ")");
            default ->
                status >= 500
                        ? transientFailure(status, where + "the export Worker failed (" + status + ": " + detail + ")")
                        : LandfallException.failed(
                                where + "the export Worker answered " + status + " (" + detail + ")",
                                "this Landfall release may not match the deployed export Worker; redeploy it from"
                                        + " `landfall export-worker scaffold`");
        };
    }

    private static RuntimeException transientFailure(int status, String message) {
        return LandfallException.transientFailure(
                message, "rerun with --resume to continue", new IOException("HTTP " + status));
    }
}
