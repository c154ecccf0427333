package dev.landfall.infra.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.infra.spec.RegionNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated configuration checked structurally, without terraform (TerraformToolIT runs the
 * real one where it is installed): brackets balance, strings terminate, and every variable,
 * resource and module output a module refers to is declared where Terraform would look for it.
 */
class TerraformReferencesTest {
    private static final Pattern ARGUMENT = Pattern.compile("(?m)^  ([a-z0-9_]+) = ");
    private static final Pattern SOURCE = Pattern.compile("(?m)^  source = \"\\.\\./(modules/[a-z]+)\"$");
    private static final Pattern PROVIDER = Pattern.compile("(?m)^provider \"([a-z]+)\" \\{$");

    /** Every .tf file of module {@code dir} (such as {@code global/}), read as one. */
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

    /** The root modules: one per region and the accelerator's. */
    static List<String> roots(String spec) {
        List<String> roots = new ArrayList<>();
        TerraformFiles.spec(spec).regions().forEach(region -> roots.add(Names.regionRoot(region.name()) + "/"));
        roots.add(Names.GLOBAL_ROOT + "/");
        return roots;
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void everyVariableAndResourceReferenceIsDeclaredInItsModule(String spec) {
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        Set<String> modules = TerraformFiles.modules(files);
        assertTrue(modules.containsAll(roots(spec)), spec + ": " + modules);
        assertTrue(modules.containsAll(List.of("modules/region/", "modules/global/")), spec + ": " + modules);
        for (String dir : modules) {
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
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        for (var region : TerraformFiles.spec(spec).regions()) {
            Set<String> modules =
                    module(files, Names.regionRoot(region.name()) + "/").declared("module");
            // The region's module, and the network module where Landfall creates the VPC.
            int expected = region.network() instanceof RegionNetwork.Created ? 2 : 1;
            assertEquals(expected, modules.size(), spec + "/" + region.name() + ": " + modules);
        }
        assertEquals(Set.of("global"), module(files, Names.GLOBAL_ROOT + "/").declared("module"));
        for (String dir : roots(spec)) {
            HclStructure root = module(files, dir);
            Set<String> modules = root.declared("module");
            for (String used : root.moduleReferences()) {
                String name = used.substring(0, used.indexOf('.'));
                assertTrue(modules.contains(name), spec + "/" + dir + ": module." + name + " is not declared");
                HclStructure child = module(files, source(root.blocks.get("module " + name)) + "/");
                String output = used.substring(used.indexOf('.') + 1);
                assertTrue(
                        child.declared("output").contains(output),
                        spec + "/" + dir + ": module." + used + " is not an output");
            }
            for (String name : modules) {
                String block = root.blocks.get("module " + name);
                HclStructure child = module(files, source(block) + "/");
                Set<String> arguments = new LinkedHashSet<>();
                Matcher argument = ARGUMENT.matcher(block);
                while (argument.find()) {
                    arguments.add(argument.group(1));
                }
                arguments.remove("source");
                Set<String> variables = child.declared("variable");
                assertTrue(variables.containsAll(arguments), spec + "/" + dir + ": " + name + " passes " + arguments);
                for (String variable : variables) {
                    boolean optional = child.blocks.get("variable " + variable).contains("\n  default = ");
                    assertTrue(
                            optional || arguments.contains(variable),
                            spec + "/" + dir + ": " + name + " misses " + variable);
                }
                // One provider per root: the modules inherit it, no provider map or alias needed.
                assertFalse(block.contains("providers"), block);
            }
        }
    }

    private static String source(String moduleBlock) {
        Matcher source = SOURCE.matcher(moduleBlock);
        assertTrue(source.find(), moduleBlock);
        return source.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb"})
    void eachRootHasOneProviderInItsRegionAndEveryModuleNamesItsProvider(String spec) {
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        List<String> regions = new ArrayList<>();
        TerraformFiles.spec(spec).regions().forEach(region -> regions.add(region.name()));
        for (String region : regions) {
            String main = files.get(Names.regionRoot(region) + "/main.tf");
            assertEquals(List.of("aws"), providers(main), main);
            assertTrue(main.contains("provider \"aws\" {\n  region = \"" + region + "\"\n"), main);
            // No alias and no aws.ALIAS reference: the root reaches no other region's API.
            assertFalse(new HclStructure(main).code.matches("(?s).*\\b(alias|aws\\.[a-z]).*"), main);
        }
        String global = files.get("global/main.tf");
        assertEquals(List.of("aws"), providers(global), global);
        assertTrue(global.contains("provider \"aws\" {\n  region = \"us-west-2\"\n"), global);
        for (String dir : TerraformFiles.modules(files)) {
            String versions = files.get(dir + "versions.tf");
            assertTrue(versions != null, dir + " has no versions.tf");
            assertTrue(versions.contains("aws = {\n      source = \"hashicorp/aws\"\n"), dir + versions);
            assertTrue(versions.contains("version = \"~> 5.0\""), dir + versions);
            boolean root = !dir.startsWith("modules/");
            assertEquals(root, versions.contains("required_version = \">= 1.5\""), dir + versions);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region", "udp", "tls-nlb", "example"})
    void theAcceleratorRootTakesEachRegionsLoadBalancerAsAVariableNotFromItsState(String spec) {
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
        HclStructure global = module(files, Names.GLOBAL_ROOT + "/");
        // Nothing a region owns is read when the accelerator is applied: no remote state, no data source.
        assertEquals(Set.of(), global.declared("data"), spec);
        assertFalse(files.get("global/main.tf").contains("terraform_remote_state"));
        for (var region : TerraformFiles.spec(spec).regions()) {
            String name = Names.loadBalancerArn(region.name());
            String variable = global.blocks.get("variable " + name);
            assertTrue(variable.contains(":elasticloadbalancing:" + region.name() + ":"), variable);
            assertTrue(
                    variable.contains("terraform -chdir=../" + Names.regionRoot(region.name())
                            + " output -raw load_balancer_arn"),
                    variable);
            assertTrue(global.blocks.get("module global").contains("  " + name + " = var." + name + "\n"));
            HclStructure regionRoot = module(files, Names.regionRoot(region.name()) + "/");
            assertTrue(
                    regionRoot
                            .blocks
                            .get("output load_balancer_arn")
                            .contains("value = module." + Names.regionModule(region.name()) + ".load_balancer_arn\n"),
                    spec + "/" + region.name());
        }
    }

    private static List<String> providers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PROVIDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-region", "three-region"})
    void theCheckerCatchesWhatItLooksFor(String spec) {
        SortedMap<String, String> files = TerraformFiles.unaligned(spec);
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
