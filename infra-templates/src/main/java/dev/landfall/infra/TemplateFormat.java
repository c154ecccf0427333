package dev.landfall.infra;

import dev.landfall.core.error.LandfallException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What {@code infra generate} can write, each into its own place under the output directory. */
public enum TemplateFormat {
    /** {@code region-REGION.json}, {@code global.json} and a README, at the top. */
    CLOUDFORMATION,
    /** Modules and a root module under {@code terraform/}. */
    TERRAFORM,
    /** A docker compose kit under {@code compose/}. */
    COMPOSE,
    /** The edge-split Worker under {@code cutover-worker/}. */
    CUTOVER_WORKER;

    /** The name in {@code --format}: the constant's, in kebab case. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Where its files go under the output directory: empty or ending in {@code /}. */
    public String directory() {
        return this == CLOUDFORMATION ? "" : flag() + "/";
    }

    /**
     * Parses {@code --format}: one or more names separated by commas, any case.
     *
     * @throws LandfallException USAGE naming the unknown name
     */
    public static Set<TemplateFormat> parseList(String text) {
        Set<TemplateFormat> formats = EnumSet.noneOf(TemplateFormat.class);
        for (String wanted : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            formats.add(Arrays.stream(values())
                    .filter(f -> f.flag().equals(wanted.trim()))
                    .findFirst()
                    .orElseThrow(() -> LandfallException.usage(
                            "--format " + wanted + " is not a template format",
                            "use cloudformation, terraform, compose or cutover-worker (several separated by commas)")));
        }
        return formats;
    }
}
