package dev.landfall.cli.migrate;

import dev.landfall.cli.cutover.CloudflareDialKey;
import dev.landfall.cli.option.FollowFlags;
import dev.landfall.cli.render.FollowLine;
import dev.landfall.cloudflare.api.CloudflareAccess;
import dev.landfall.cloudflare.api.CloudflareClient;
import dev.landfall.cloudflare.api.CloudflareClientOptions;
import dev.landfall.core.run.FinalSwitch;
import dev.landfall.infra.cutover.DialKey;
import dev.landfall.infra.cutover.GateSwitch;
import dev.landfall.infra.cutover.Pause;
import dev.landfall.infra.cutover.WriteGate;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code migrate --resume DIR --final}: freeze writes at the edge, drain what the follower has not
 * applied, verify, and switch writes to the new service; its exit code.
 */
public record FinalWriteSwitch(MigrateRun migration, FollowFlags follow) {
    public FinalWriteSwitch {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(follow, "follow");
    }

    public int run() throws IOException {
        var context = migration.context();
        FollowLine line = new FollowLine(
                context.err(), context.terminal(), migration.env().clock());
        try (WriteGate gate = WriteGate.fromEnvironment(follow.cutoverWorker(), context.env());
                CloudflareClient cloudflare = follow.dialNamespace().isEmpty()
                        ? null
                        : new CloudflareClient(
                                CloudflareAccess.resolve(null, context.env()),
                                CloudflareClientOptions.builder()
                                        .notes(migration.env().notes())
                                        .build())) {
            Optional<DialKey> dial = follow.dialNamespace().map(ns -> new CloudflareDialKey(cloudflare, ns));
            FinalSwitch.Report r = migration
                    .liveMigration(follow)
                    .finalSwitch(
                            migration.source(),
                            migration.store(),
                            new GateSwitch(gate, dial, follow.edgePropagation(), Pause.real()),
                            follow.freezeGrace(),
                            line);
            line.finish();
            context.out()
                    .printf(
                            Locale.ROOT,
                            "Writes switched to the new service. Freeze: %.1f s (drained %d change(s); %d scope(s) verified"
                                    + " equal to a fresh read of the source).%n",
                            r.freeze().toMillis() / 1000.0,
                            r.drained().applied(),
                            r.drained().verified().size());
            migration.say("next: stop capture (docs/live-migration.md, step 7)"
                    + (dial.isPresent()
                            ? ""
                            : ", and set the dial's writes to \"new\" so the edge stops asking the gate"
                                    + " (docs/cutover.md)"));
            return 0;
        } finally {
            line.finish();
        }
    }
}
