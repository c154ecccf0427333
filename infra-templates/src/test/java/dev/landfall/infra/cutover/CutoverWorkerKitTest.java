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
    void theKitBindsTheWriteGateAndPassesTheWriteRules() throws IOException {
        String toml = CutoverWorkerKit.generate(threeRegion()).get("wrangler.toml");
        assertThat(toml)
                .contains(
                        "[[durable_objects.bindings]]\nname = \"LANDFALL_WRITE_GATE\"\nclass_name = \"LandfallWriteGate\"")
                .contains(
                        "[[migrations]]\ntag = \"landfall-write-gate-v1\"\nnew_sqlite_classes = [\"LandfallWriteGate\"]")
                .contains("LANDFALL_WRITE_METHODS = \"POST,PUT,DELETE\"")
                .contains("LANDFALL_WRITE_PATHS = \"/v1/rpc/\"")
                .contains("LANDFALL_WRITE_RETRY_AFTER = \"3\"")
                .as("the secret is set with wrangler, never written here")
                .doesNotContain("LANDFALL_CUTOVER_SECRET =");
        assertThat(CutoverWorkerKit.generate(threeRegion()).get("README.md"))
                .contains("wrangler secret put LANDFALL_CUTOVER_SECRET")
                .contains("Retry-After: 3");
    }

    @Test
    void withoutWriteRulesTheWorkerGetsTheDefaults() throws IOException {
        Path spec = Path.of("src/test/resources/specs/three-region.yaml");
        String text = Files.readString(spec).replaceAll("(?m)^    writes:\\n(      .*\\n)*", "");
        String toml = CutoverWorkerKit.generate(SpecParser.parse(spec.toString(), text))
                .get("wrangler.toml");
        assertThat(toml)
                .contains("LANDFALL_WRITE_METHODS = \"POST,PUT,PATCH,DELETE\"")
                .contains("LANDFALL_WRITE_PATHS = \"\"")
                .contains("LANDFALL_WRITE_RETRY_AFTER = \"5\"");
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
