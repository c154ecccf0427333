package dev.landfall.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.landfall.core.spi.Sink;
import dev.landfall.core.spi.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

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

    @Test
    void commandsUseNoConcreteStoreOrSource() {
        // Commands open sources and stores through SourceRegistry and StoreRegistry, and talk to
        // them through the SPI and its optional abilities: a new kind of source needs no command change.
        noClasses()
                .that()
                .resideInAPackage("dev.landfall.cli..")
                .should()
                .dependOnClassesThat(concreteSourceOrSink())
                .check(classes);
    }

    @Test
    void noCommandDependsOnAnotherCommand() {
        noClasses()
                .that()
                .areAnnotatedWith(Command.class)
                .should(dependOnAnotherCommand())
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> concreteSourceOrSink() {
        return new DescribedPredicate<>("are concrete sources, stores or sinks") {
            @Override
            public boolean test(JavaClass c) {
                return !c.isInterface()
                        && (c.isAssignableTo(Source.class) || c.isAssignableTo(Sink.class))
                        && !c.getPackageName().startsWith("dev.landfall.cli");
            }
        };
    }

    private static ArchCondition<JavaClass> dependOnAnotherCommand() {
        return new ArchCondition<>("depend on another command class") {
            @Override
            public void check(JavaClass command, ConditionEvents events) {
                for (Dependency d : command.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    JavaClass outer = target.getEnclosingClass().orElse(target);
                    JavaClass self = command.getEnclosingClass().orElse(command);
                    if (!outer.equals(self)
                            && !target.equals(self)
                            && target.isAnnotatedWith(Command.class)
                            && !isSubcommandOf(self, target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** A parent command names its subcommands in its annotation: that is the tree, not a dependency. */
    private static boolean isSubcommandOf(JavaClass parent, JavaClass target) {
        return parent.isAnnotatedWith(Command.class)
                && java.util.Arrays.asList(
                                parent.reflect().getAnnotation(Command.class).subcommands())
                        .contains(target.reflect());
    }
}
