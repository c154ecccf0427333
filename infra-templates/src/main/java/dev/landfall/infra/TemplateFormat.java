package dev.landfall.infra;

import dev.landfall.core.error.LandfallException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What {@code infra generate} can write, each into its own place under the output directory. */
public enum TemplateFormat {
    /** {@code region-REGION.json}, {@code global.json} and a README, at the top. */
    CLOUDFORMATION("cloudformation", ""),
    /** Modules and a root module under {@code terraform/}. */
    TERRAFORM("terraform", "terraform/"),
    /** A docker compose kit under {@code compose/}. */
    COMPOSE("compose", "compose/"),
    /** The edge-split Worker under {@code cutover-worker/}. */
    CUTOVER_WORKER("cutover-worker", "cutover-worker/");

    private final String flag;
    private final String directory;

    TemplateFormat(String flag, String directory) {
        this.flag = flag;
        this.directory = directory;
    }

    /** The name in {@code --format}. */
    public String flag() {
        return flag;
    }

    /** Where its files go under the output directory: empty or ending in {@code /}. */
    public String directory() {
        return directory;
    }

    /**
     * Parses {@code --format}: one or more names separated by commas, any case.
     *
     * @throws LandfallException USAGE naming the unknown name
     */
    public static Set<TemplateFormat> parseList(String text) {
        Set<TemplateFormat> formats = EnumSet.noneOf(TemplateFormat.class);
        for (String wanted : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            String name = wanted.trim();
            TemplateFormat match = null;
            for (TemplateFormat f : values()) {
                if (f.flag.equals(name)) {
                    match = f;
                }
            }
            if (match == null) {
                throw LandfallException.usage(
                        "--format " + wanted + " is not a template format",
                        "use cloudformation, terraform, compose or cutover-worker (several separated by commas)");
            }
            formats.add(match);
        }
        return formats;
    }
}
