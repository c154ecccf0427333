package dev.landfall.cli.render;

import dev.landfall.cli.option.ReportFormat;
import dev.landfall.sandbox.demo.Rehearsal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code landfall demo} prints on stdout: each step as the operator would type it, the reports, and what is where. */
public record RehearsalNarration(PrintStream out) implements Rehearsal.Listener {
    @Override
    public void sandboxStarted(String baseUrl, String accountId, int sessions, int flags) {
        out.println("Sandbox Cloudflare API on " + baseUrl + " (account " + accountId + "):");
        out.println(String.format(
                Locale.ROOT, "  KV SESSIONS %,d keys, FLAGS %,d keys, with the hard cases", sessions, flags));
    }

    @Override
    public void step(int n, String command) {
        out.println();
        out.println(n + ". landfall " + command);
    }

    /** The plan's totals, the migration's report and the verification's. */
    public void reports(Rehearsal.Result r) throws IOException {
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "The plan (step 1): %d to create, %d to update, %d to delete. The migration (step 2):",
                r.plan().totals().created(),
                r.plan().totals().updated(),
                r.plan().totals().deleted()));
        ReportOutput.write(null, out, r.migration()::text);
        out.println("The verification (step 3):");
        VerificationReport verified =
                new VerificationReport(r.bundle().toString(), r.store().toString(), r.verification());
        ReportOutput.write(null, out, w -> verified.write(ReportFormat.TEXT, w));
    }

    /** How long it took, what is where under {@code dir}, and the commands for a real account. */
    public void done(Rehearsal.Result r, Path dir, Path database) {
        out.println();
        out.println(String.format(Locale.ROOT, "Done in %.1f s. What is where:", r.seconds()));
        where(out, database.toString(), "the SQLite store (docs/stores/sqlite.md shows how a service reads it)");
        where(out, dir.resolve("plan.html").toString(), "the plan, one self-contained page");
        where(out, dir.resolve("run") + "/report.html", "the migration report (also .txt, .md, .json)");
        where(out, dir.resolve("run") + "/export/", "the exported bundle (docs/bundle-format.md)");
        out.println();
        out.println("Against a real account (token with Account > Workers KV Storage > Read and Workers Scripts >"
                + " Read),");
        out.println("naming the namespaces you move (--kv; Durable Objects with --do through the export Worker):");
        out.println("  export CLOUDFLARE_API_TOKEN=…  CLOUDFLARE_ACCOUNT_ID=…");
        out.println("  landfall plan --from cloudflare:// --kv SESSIONS --to sqlite:landfall.db");
        out.println("  landfall migrate --from cloudflare:// --kv SESSIONS --to sqlite:landfall.db --run-dir runs/1");
        out.println("  landfall verify data --from bundle:runs/1/export --to sqlite:landfall.db");
        out.println("The whole journey, live migration and cutover included: docs/operator-runbook.md.");
    }

    /** A line of "what is where": the path, then what it holds. */
    static void where(PrintStream out, String path, String what) {
        out.println(String.format(Locale.ROOT, "  %-32s %s", path, what));
    }
}
