package dev.landfall.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of STYLE.md §1, checked on the compiled classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test jars of other modules (exporters' MiniflarePeer) are test code too.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.landfall");
    }

    @Test
    void nothingImportsTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.landfall.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.landfall.cli..")
                .check(classes);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.landfall.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.landfall.cloudflare..",
                        "dev.landfall.store..",
                        "dev.landfall.verify..",
                        "dev.landfall.infra..",
                        "dev.landfall.sandbox..",
                        "dev.landfall.cli..")
                .check(classes);
    }

    @Test
    void exportersImportersAndSandboxNeverImportEachOther() {
        String[][] pairs = {
            {"dev.landfall.cloudflare..", "dev.landfall.store.."},
            {"dev.landfall.cloudflare..", "dev.landfall.sandbox.."},
            {"dev.landfall.store..", "dev.landfall.cloudflare.."},
            {"dev.landfall.store..", "dev.landfall.sandbox.."},
            {"dev.landfall.sandbox..", "dev.landfall.cloudflare.."},
            {"dev.landfall.sandbox..", "dev.landfall.store.."},
        };
        for (String[] pair : pairs) {
            noClasses()
                    .that()
                    .resideInAPackage(pair[0])
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(pair[1])
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void onlyInfraTemplatesUsesTheAwsSdk() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.landfall.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.landfall.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void noUtilityDumpingGrounds() {
        noClasses()
                .should()
                .resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..")
                .check(classes);
    }
}
