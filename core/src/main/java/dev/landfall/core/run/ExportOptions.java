package dev.landfall.core.run;

import dev.landfall.core.error.LandfallException;
import java.util.Objects;

/**
 * What an {@link Exporter} is asked to do.
 *
 * @param bundle the bundle to write
 * @param resume continue an interrupted export into the same bundle
 * @param force start over in a bundle that holds an earlier export, deleting it
 * @param toolVersion Landfall's version, recorded in the bundle's manifest
 */
public record ExportOptions(ExportBundle bundle, boolean resume, boolean force, String toolVersion) {
    public ExportOptions {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(toolVersion, "toolVersion");
        if (resume && force) {
            throw LandfallException.usage("--resume and --force contradict each other", "give one of them");
        }
    }
}
