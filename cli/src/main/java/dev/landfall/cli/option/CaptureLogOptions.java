package dev.landfall.cli.option;

import dev.landfall.cloudflare.worker.WorkerScaffold;
import dev.landfall.core.error.LandfallException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --capture} and its settings: the change log of live migration an export Worker is scaffolded with. */
public final class CaptureLogOptions {
    @Option(names = "--capture", description = "Also define the change log that captures writes for live migration.")
    boolean capture;

    @Option(
            names = "--capture-shards",
            paramLabel = "N",
            description = "With --capture: shards of the change log, 1..256 (default: "
                    + WorkerScaffold.Capture.DEFAULT_SHARDS + ").")
    Integer shards;

    @Option(
            names = "--capture-capacity",
            paramLabel = "N",
            description = "With --capture: pending changes a shard holds before it overflows, 1..10000000"
                    + " (default: " + WorkerScaffold.Capture.DEFAULT_CAPACITY + ").")
    Integer capacity;

    @Option(
            names = "--account",
            paramLabel = "ID",
            description = "With --capture (required): the Cloudflare account id (32 hex) the log belongs to.")
    String account;

    /**
     * The change log, or empty without {@code --capture}.
     *
     * @throws LandfallException USAGE for a setting without {@code --capture}, or {@code --capture} without {@code --account}
     */
    public Optional<WorkerScaffold.Capture> capture() {
        if (!capture) {
            String given = shards != null
                    ? "--capture-shards"
                    : capacity != null ? "--capture-capacity" : account != null ? "--account" : null;
            if (given != null) {
                throw LandfallException.usage(given + " is given without --capture", "add --capture, or drop " + given);
            }
            return Optional.empty();
        }
        if (account == null) {
            throw LandfallException.usage(
                    "--capture needs the account the change log belongs to",
                    "add --account ID (the 32 hex digits wrangler whoami prints)");
        }
        return Optional.of(new WorkerScaffold.Capture(
                shards == null ? WorkerScaffold.Capture.DEFAULT_SHARDS : shards,
                capacity == null ? WorkerScaffold.Capture.DEFAULT_CAPACITY : capacity,
                account));
    }
}
