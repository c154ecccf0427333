package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.ServiceSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** {@code infra generate --format cutover-worker}: the kit the edge split is deployed from. */
class CutoverWorkerKitTest {
    private static ServiceSpec threeRegion() throws IOException {
        Path spec = Path.of("src/test/resources/specs/three-region.yaml");
        return SpecParser.parse(spec.toString(), Files.readString(spec));
    }

    @Test
    void theKitBindsTheOldWorkerTheDialAndTheCandidate() throws IOException {
        SortedMap<String, String> kit = CutoverWorkerKit.generate(threeRegion());

        assertThat(kit).containsOnlyKeys("README.md", "worker.js", "wrangler.toml");
        assertThat(kit.get("worker.js"))
                .as("the very file CutoverWorkerIT runs in workerd")
                .isEqualTo(Files.readString(Path.of("src/main/resources/dev/landfall/infra/cutover/worker.js")));
        assertThat(kit.get("wrangler.toml"))
                .contains("name = \"checkout-cutover\"")
                .contains("main = \"worker.js\"")
                .contains("[[services]]\nbinding = \"OLD\"\nservice = \"checkout-worker\"")
                .contains("[[kv_namespaces]]\nbinding = \"DIAL\"\nid = \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"")
                .contains("LANDFALL_NEW_ORIGIN = \"https://checkout-ga.example.com\"")
                .contains("LANDFALL_STICKY = \"header:x-api-key\"")
                .contains("{ pattern = \"checkout.example.com/*\", zone_name = \"example.com\" }");
        assertThat(kit.get("README.md"))
                .contains("npx wrangler deploy")
                .contains("Shadow mode mirrors 5 %")
                .contains("landfall cutover");
    }

    @Test
    void theSameSpecGivesTheSameBytes() throws IOException {
        assertThat(CutoverWorkerKit.generate(threeRegion())).isEqualTo(CutoverWorkerKit.generate(threeRegion()));
    }

    @Test
    void aSpecWithoutAnEdgeSplitSaysWhatToAdd() {
        ServiceSpec example = SpecParser.parse("landfall.yaml", SpecExample.text());
        assertThatThrownBy(() -> CutoverWorkerKit.generate(example))
                .isInstanceOf(LandfallException.class)
                .hasMessageContaining("needs cutover.edge");
    }
}
