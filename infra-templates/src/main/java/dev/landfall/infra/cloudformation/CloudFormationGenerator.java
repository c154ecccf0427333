package dev.landfall.infra.cloudformation;

import dev.landfall.infra.serve.WorkerdKit;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CloudFormation output of {@code landfall infra generate}: a template per region, the
 * global template and a README with the deploy order. Pure: the same spec gives the same bytes.
 */
public final class CloudFormationGenerator {
    public static final String GLOBAL_FILE = "global.json";

    private CloudFormationGenerator() {}

    /** File name → content, in name order. */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        SortedMap<String, String> files = new TreeMap<>();
        for (RegionSpec region : spec.regions()) {
            files.put(
                    LogicalIds.regionalFile(region.name()),
                    TemplateWriter.json(RegionalStackTemplate.build(spec, region)));
        }
        files.put(GLOBAL_FILE, TemplateWriter.json(GlobalStackTemplate.build(spec)));
        files.put("README.md", DeployReadme.render(spec));
        files.putAll(WorkerdKit.files(spec));
        return files;
    }
}
