package dev.landfall.infra.terraform;

import dev.landfall.infra.serve.WorkerdKit;
import dev.landfall.infra.spec.RegionSpec;
import dev.landfall.infra.spec.ServiceSpec;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Terraform output of {@code landfall infra generate}: the architecture of the CloudFormation
 * templates as modules ({@code modules/region}, {@code modules/global}, and {@code modules/network} when a region
 * has Landfall create its VPC) used by one root module per region ({@code region-REGION/}) and
 * one for the accelerator ({@code global/}), each with its own state, plus a README with the
 * commands. Pure and deterministic: the same spec gives the same bytes. Traffic dials are the
 * accelerator root's variables defaulting to 0, owned by the cutover command while it runs (see
 * README.md and docs/infra.md).
 */
public final class TerraformGenerator {
    private TerraformGenerator() {}

    /** Relative path (such as {@code modules/region/main.tf}) → content, in path order. */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("README.md", TerraformReadme.render(spec));
        files.putAll(WorkerdKit.files(spec));
        for (RegionSpec region : spec.regions()) {
            String root = Names.regionRoot(region.name()) + "/";
            files.put(root + "main.tf", RootModule.regionMain(spec, region));
            files.put(root + "outputs.tf", RootModule.regionOutputs(region));
            files.put(root + "versions.tf", RootModule.versions());
        }
        String global = Names.GLOBAL_ROOT + "/";
        files.put(global + "main.tf", RootModule.globalMain(spec));
        files.put(global + "variables.tf", RootModule.globalVariables(spec));
        files.put(global + "outputs.tf", RootModule.globalOutputs());
        files.put(global + "versions.tf", RootModule.versions());
        files.put("modules/region/main.tf", RegionModule.main(spec));
        files.put("modules/region/variables.tf", RegionModule.variables(spec));
        files.put("modules/region/outputs.tf", RegionModule.outputs());
        files.put("modules/region/versions.tf", RootModule.moduleVersions());
        files.put("modules/global/main.tf", GlobalModule.main(spec));
        files.put("modules/global/variables.tf", GlobalModule.variables(spec));
        files.put("modules/global/outputs.tf", GlobalModule.outputs());
        files.put("modules/global/versions.tf", RootModule.moduleVersions());
        if (NetworkModule.needed(spec)) {
            files.put("modules/network/main.tf", NetworkModule.main(spec));
            files.put("modules/network/variables.tf", NetworkModule.variables());
            files.put("modules/network/outputs.tf", NetworkModule.outputs());
            files.put("modules/network/versions.tf", RootModule.moduleVersions());
        }
        return files;
    }
}
