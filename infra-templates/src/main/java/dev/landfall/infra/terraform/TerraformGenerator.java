package dev.landfall.infra.terraform;

import dev.landfall.infra.spec.ServiceSpec;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Terraform output of {@code landfall infra generate}: the architecture of the CloudFormation
 * templates as modules ({@code modules/region}, {@code modules/global}, and {@code modules/network} when a region
 * has Landfall create its VPC) and a root module
 * with one provider alias per region, plus a README with the commands. Pure and deterministic:
 * the same spec gives the same bytes. Traffic dials are root variables defaulting to 0, owned by
 * the cutover command (see README.md and docs/infra.md).
 */
public final class TerraformGenerator {
    private TerraformGenerator() {}

    /** Relative path (such as {@code modules/region/main.tf}) → content, in path order. */
    public static SortedMap<String, String> generate(ServiceSpec spec) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("main.tf", RootModule.main(spec));
        files.put("variables.tf", RootModule.variables(spec));
        files.put("outputs.tf", RootModule.outputs(spec));
        files.put("versions.tf", RootModule.versions());
        files.put("README.md", TerraformReadme.render(spec));
        files.put("modules/region/main.tf", RegionModule.main(spec));
        files.put("modules/region/variables.tf", RegionModule.variables(spec));
        files.put("modules/region/outputs.tf", RegionModule.outputs());
        files.put("modules/global/main.tf", GlobalModule.main(spec));
        files.put("modules/global/variables.tf", GlobalModule.variables(spec));
        files.put("modules/global/outputs.tf", GlobalModule.outputs());
        if (NetworkModule.needed(spec)) {
            files.put("modules/network/main.tf", NetworkModule.main(spec));
            files.put("modules/network/variables.tf", NetworkModule.variables());
            files.put("modules/network/outputs.tf", NetworkModule.outputs());
        }
        return files;
    }
}
