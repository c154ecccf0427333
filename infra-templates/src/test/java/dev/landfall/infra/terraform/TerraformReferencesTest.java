package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.RegionNetwork;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * terraform and tofu cannot be installed here, so the generated configuration is checked
 * structurally: brackets balance, strings terminate, and every variable, resource and module
 * output a module refers to is declared where Terraform would look for it.
 */
class TerraformReferencesTest {
    private static final String[] MODULES = {"", "modules/region/", "modules/global/", "modules/network/"};
    private static final Pattern ARGUMENT = Pattern.compile("(?m)^  ([a-z0-9_]+) = ");
    private static final Pattern SOURCE = Pattern.compile("(?m)^  source = \"\\./([a-z/]+)\"$");

    /** Every .tf file of module {@code dir} (root: {@code ""}), read as one. */
    static HclStructure module(SortedMap<String, String> files, String dir) {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (name.startsWith(dir) && name.endsWith(".tf") && name.indexOf('/', dir.length()) < 0) {
                HclStructure.code(file.getValue()); // each file balances on its own
                all.append(file.getValue()).append('\n');
            }
        }
        return new HclStructure(all.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void everyVariableAndResourceReferenceIsDeclaredInItsModule(String spec) {
        SortedMap<String, String> files = TerraformFiles.files(spec);
        for (String dir : MODULES) {
            HclStructure module = module(files, dir);
            Set<String> variables = module.declared("variable");
            for (String used : module.variableReferences()) {
                assertTrue(variables.contains(used), spec + "/" + dir + ": var." + used + " is not declared");
            }
            Set<String> resources = module.declared("resource");
            for (String used : module.resourceReferences()) {
                assertTrue(resources.contains(used), spec + "/" + dir + ": " + used + " is not declared");
            }
            Set<String> data = module.declared("data");
            for (String used : module.dataReferences()) {
                assertTrue(data.contains(used), spec + "/" + dir + ": data." + used + " is not declared");
            }
            assertTrue(module.dataReferences().containsAll(data), spec + "/" + dir + ": unused data source");
            // Every declared variable is used: a stray one would be a wiring mistake.
            assertTrue(
                    module.variableReferences().containsAll(variables),
                    spec + "/" + dir + ": unused variable among " + variables);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void moduleOutputsAndArgumentsMatchTheModules(String spec) {
        SortedMap<String, String> files = TerraformFiles.files(spec);
        HclStructure root = module(files, "");
        Set<String> modules = root.declared("module");
        long created = TerraformFiles.spec(spec).regions().stream()
                .filter(region -> region.network() instanceof RegionNetwork.Created)
                .count();
        // A module per region, one per network Landfall creates, and the global one.
        assertEquals(TerraformFiles.spec(spec).regions().size() + created + 1, modules.size(), spec);
        for (String used : root.moduleReferences()) {
            String name = used.substring(0, used.indexOf('.'));
            assertTrue(modules.contains(name), spec + ": module." + name + " is not declared");
            String block = root.blocks.get("module " + name);
            Matcher source = SOURCE.matcher(block);
            assertTrue(source.find(), block);
            HclStructure child = module(files, source.group(1) + "/");
            String output = used.substring(used.indexOf('.') + 1);
            assertTrue(child.declared("output").contains(output), spec + ": module." + used + " is not an output");
        }
        for (String name : modules) {
            String block = root.blocks.get("module " + name);
            Matcher source = SOURCE.matcher(block);
            assertTrue(source.find(), block);
            HclStructure child = module(files, source.group(1) + "/");
            Set<String> arguments = new LinkedHashSet<>();
            Matcher argument = ARGUMENT.matcher(block);
            while (argument.find()) {
                arguments.add(argument.group(1));
            }
            arguments.remove("source");
            arguments.remove("providers");
            Set<String> variables = child.declared("variable");
            assertTrue(variables.containsAll(arguments), spec + ": " + name + " passes " + arguments);
            for (String variable : variables) {
                boolean optional = child.blocks.get("variable " + variable).contains("\n  default = ");
                assertTrue(optional || arguments.contains(variable), spec + ": " + name + " misses " + variable);
            }
            assertTrue(block.contains("  providers = {\n    aws = aws."), block);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb"})
    void oneProviderAliasPerRegionAndTheGlobalModuleInUsWest2(String spec) {
        SortedMap<String, String> files = TerraformFiles.files(spec);
        HclStructure root = module(files, "");
        String main = files.get("main.tf");
        for (var region : TerraformFiles.spec(spec).regions()) {
            String alias = Names.region(region.name());
            assertTrue(main.contains("  alias = \"" + alias + "\"\n  region = \"" + region.name() + "\"\n"), main);
            assertTrue(root.blocks.get("module region_" + alias).contains("aws = aws." + alias + "\n"), main);
        }
        assertTrue(root.blocks.get("module global").contains("aws = aws.us_west_2\n"), main);
        assertTrue(files.get("versions.tf").contains("version = \"~> 5.0\""));
        assertTrue(files.get("versions.tf").contains("required_version = \">= 1.5\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void theCheckerCatchesWhatItLooksFor(String spec) {
        SortedMap<String, String> files = TerraformFiles.files(spec);
        String region = files.get("modules/region/main.tf");
        HclStructure intact = new HclStructure(region);
        assertTrue(intact.resourceReferences().contains("aws_ecs_service.this"), "read inside ${…} too");
        assertTrue(intact.variableReferences().contains("secrets_manager_arns"));
        HclStructure broken = new HclStructure(region.replace("var.vpc_id", "var.vpc"));
        assertTrue(broken.variableReferences().contains("vpc"));
        HclStructure typo = new HclStructure(region.replace("aws_lb.this.arn", "aws_lb.that.arn"));
        assertFalse(typo.declared("resource").containsAll(typo.resourceReferences()));
        assertThrowsArgument(() -> HclStructure.code(region + "}\n"));
        assertThrowsArgument(() -> HclStructure.code("a = \"open\n"));
        assertThrowsArgument(() -> HclStructure.code("a = [\"x\"\n"));
        // An escaped $${ stays literal: no reference is read from it.
        assertTrue(new HclStructure("a = \"$${var.x}\"\n").variableReferences().isEmpty());
        assertEquals(Set.of("x"), new HclStructure("a = \"${var.x}\"\n").variableReferences());
    }

    private static void assertThrowsArgument(org.junit.jupiter.api.function.Executable executable) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, executable);
    }
}
