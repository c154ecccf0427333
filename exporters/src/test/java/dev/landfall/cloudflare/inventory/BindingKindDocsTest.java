package dev.landfall.cloudflare.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/inventory.md shows exactly the BindingKind table, row for row. */
class BindingKindDocsTest {
    @Test
    void theGuideShowsEveryRowOfTheTable() throws IOException {
        String doc = Files.readString(projectRoot().resolve("docs/inventory.md"));
        for (BindingKind k : BindingKind.values()) {
            assertTrue(doc.contains(row(k)), "docs/inventory.md lacks the row\n" + row(k));
        }
        long rows = doc.lines()
                .filter(l -> l.startsWith("| `") || l.startsWith("| (any other type)"))
                .filter(l -> l.endsWith(" |") && l.split(" \\| ", -1).length == 6)
                .count();
        assertEquals(BindingKind.values().length, rows, "the guide's table has rows the data does not");
    }

    @Test
    void typesMapToTheirKindAndUnknownTypesFallThrough() {
        assertEquals(BindingKind.KV, BindingKind.of("kv_namespace"));
        assertEquals(BindingKind.MODULE, BindingKind.of("data_blob"));
        assertEquals(BindingKind.UNKNOWN, BindingKind.of("flagship"));
        assertEquals(BindingKind.UNKNOWN, BindingKind.of(""));
        assertEquals(
                2,
                Arrays.stream(BindingKind.values())
                        .filter(BindingKind::migrates)
                        .count(),
                "KV and DO only");
    }

    static String row(BindingKind k) {
        String type = k == BindingKind.UNKNOWN ? "(any other type)" : "`" + k.type() + "`";
        return "| " + type + " | " + k.label() + " | " + (k.migrates() ? "yes" : "no") + " | "
                + (k.vendorSpecific() ? "yes" : "no") + " | " + k.equivalent() + " | " + k.how() + " |";
    }

    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/inventory.md")) && Files.isDirectory(p.resolve("exporters"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (docs/inventory.md)");
    }
}
