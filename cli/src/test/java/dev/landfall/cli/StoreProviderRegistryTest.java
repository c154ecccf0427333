package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.landfall.core.spi.ProviderChecks;
import dev.landfall.core.spi.SourceProvider;
import dev.landfall.core.spi.StoreProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every store and source provider in the product is registered for ServiceLoader and loads, each
 * scheme exactly once, and a scheme that is both a source and a store is served by one module. The
 * cli's class path holds every module, so this is where all of them are seen together.
 */
class StoreProviderRegistryTest {
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.landfall");
    }

    @Test
    void everyProviderIsRegisteredAndSchemesAreUnique() {
        Map<String, String> byScheme = new HashMap<>();
        Set<String> registered = new TreeSet<>();
        for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
            String previous = byScheme.put(p.scheme(), p.getClass().getName());
            assertEquals(
                    null, previous, "scheme '" + p.scheme() + "' is served twice: " + previous + ", " + p.getClass());
            assertTrue(p.scheme().matches("[a-z][a-z0-9+.-]*"), "bad scheme " + p.scheme());
            registered.add(p.getClass().getName());
        }
        assertEquals(
                implemented(StoreProvider.class),
                registered,
                "providers missing from META-INF/services (or registered but absent)");
    }

    @Test
    void everySourceProviderIsRegistered() {
        Set<String> registered = new TreeSet<>();
        for (SourceProvider p : ServiceLoader.load(SourceProvider.class)) {
            registered.add(p.getClass().getName());
        }
        assertEquals(
                implemented(SourceProvider.class),
                registered,
                "source providers missing from META-INF/services (or registered but absent)");
    }

    @Test
    void providersOfEveryModuleLoadAndASharedSchemeBelongsToOneModule() {
        assertEquals(List.of(), ProviderChecks.problems(getClass().getClassLoader()));
    }

    private static Set<String> implemented(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : product) {
            // An abstract provider is a base for others, never registered itself.
            if (c.isAssignableTo(type) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                out.add(c.getName());
            }
        }
        return out;
    }
}
