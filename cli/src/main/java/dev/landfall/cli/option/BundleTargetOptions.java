package dev.landfall.cli.option;

import dev.landfall.core.run.ExportBundle;
import dev.landfall.core.run.ExportOptions;
import picocli.CommandLine.Option;

/** {@code --to bundle:DIR}, {@code --resume} and {@code --force}: the bundle {@code landfall export} writes, and how it treats an earlier export there. */
public final class BundleTargetOptions {
    @Option(names = "--to", required = true, paramLabel = "bundle:DIR", description = "The bundle directory to write.")
    String to;

    @Option(names = "--resume", description = "Continue an interrupted export into the same bundle.")
    boolean resume;

    @Option(
            names = "--force",
            description = "Start over in a bundle that holds an earlier export (deletes that export).")
    boolean force;

    /**
     * The export's options, with the bundle checked.
     *
     * @param version the Landfall version the bundle records
     */
    public ExportOptions exportOptions(String version) {
        return new ExportOptions(ExportBundle.parse(to), resume, force, version);
    }
}
