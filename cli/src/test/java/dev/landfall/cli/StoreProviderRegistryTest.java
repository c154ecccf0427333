package dev.landfall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.landfall.core.spi.StoreProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every store provider in the product is registered for ServiceLoader, each scheme exactly once. */
class StoreProviderRegistryTest {
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
        Set<String> implemented = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.landfall")) {
            if (c.isAssignableTo(StoreProvider.class) && !c.isInterface()) {
                implemented.add(c.getName());
            }
        }
        assertEquals(implemented, registered, "providers missing from META-INF/services (or registered but absent)");
    }
}
