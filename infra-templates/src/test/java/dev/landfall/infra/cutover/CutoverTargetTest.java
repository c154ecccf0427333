package dev.landfall.infra.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.CutoverSpec;
import dev.landfall.infra.spec.SpecExample;
import dev.landfall.infra.spec.SpecParser;
import org.junit.jupiter.api.Test;

/** A {@code --baseline} is refused where the edge split would move it, as the spec's own is. */
class CutoverTargetTest {
    private static final String ROUTED_EDGE = """
              edge:
                worker: api-worker
                dialNamespace: 0123456789abcdef0123456789abcdef
                routes: ["static.example.com/*", "api.example.com/v1/*"]
                zone: example.com
            """;

    private static CutoverSpec plan(String edge) {
        return SpecParser.parse("landfall.yaml", SpecExample.text().replaceFirst("(?m)^  # edge:\\n(  #.*\\n)*", edge))
                .cutover();
    }

    @Test
    void aBaselineOnARouteTheSplitTakesOverIsRefusedNamingTheRouteAndTheFix() {
        assertThatThrownBy(() ->
                        CutoverTarget.requireBaselineOutsideSplit(plan(ROUTED_EDGE), "https://api.example.com/v1/keys"))
                .isInstanceOfSatisfying(LandfallException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage())
                            .startsWith("--baseline https://api.example.com/v1/keys is under cutover.edge.routes[1]"
                                    + " (api.example.com/v1/*), which the edge split takes over");
                    assertThat(e.hint()).get().asString().contains("https://api-worker.SUBDOMAIN.workers.dev");
                });
    }

    @Test
    void aBaselineTheSplitCannotMoveIsTakenAndWithoutAnEdgeSplitAnyIs() {
        for (String outside : new String[] {"https://api-worker.example.workers.dev", "https://api.example.com/v2"}) {
            assertThatCode(() -> CutoverTarget.requireBaselineOutsideSplit(plan(ROUTED_EDGE), outside))
                    .as(outside)
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> CutoverTarget.requireBaselineOutsideSplit(plan(""), "https://api.example.com/v1/keys"))
                .doesNotThrowAnyException();
    }
}
