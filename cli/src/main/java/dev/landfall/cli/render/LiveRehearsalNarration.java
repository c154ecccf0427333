package dev.landfall.cli.render;

import dev.landfall.sandbox.demo.LiveRehearsal;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What {@code landfall demo --live} prints on stdout: each step as the operator would type it, and
 * the freeze's length. The follower's line on stderr is finished before each, so the two do not
 * mix on a terminal.
 *
 * @param out stdout
 * @param line the follower's progress line on stderr
 */
public record LiveRehearsalNarration(PrintStream out, FollowLine line) implements LiveRehearsal.Listener {
    @Override
    public void sandboxStarted(String baseUrl, int seeded, int perSecond) {
        out.println("Sandbox Cloudflare API on " + baseUrl + ": KV SESSIONS "
                + String.format(Locale.ROOT, "%,d", seeded) + " keys, Durable Objects "
                + LiveRehearsal.OBJECT_CLASS + " " + LiveRehearsal.OBJECTS
                + " objects; capture on; its writer writes " + perSecond
                + "/s (new keys, overwrites, deletes, expiring puts; a fifth to objects)");
    }

    @Override
    public void step(int n, String command) {
        line.finish();
        out.println();
        out.println(n + ". landfall " + command);
    }

    @Override
    public void note(String text) {
        line.finish();
        out.println("   " + text);
    }

    /** How long it took, the writes and the freeze, and what is where. */
    public void done(LiveRehearsal.Result r, String database) {
        line.finish();
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "Done in %.1f s: the writer made %,d writes; writes were frozen for %.1f s while %,d change(s)"
                        + " drained and %d scope(s) verified equal to a fresh read of the source.",
                r.seconds(),
                r.writes(),
                r.switched().freeze().toMillis() / 1000.0,
                r.switched().drained().applied(),
                r.switched().drained().verified().size()));
        RehearsalNarration.where(out, database, "the SQLite store");
        RehearsalNarration.where(out, r.run() + "/", "the run: run.json, follow-journal.ndjson, log.txt, reports");
        out.println();
        out.println("Against a real account: docs/live-migration.md (capture on, migrate --follow, cutover, --final).");
    }
}
