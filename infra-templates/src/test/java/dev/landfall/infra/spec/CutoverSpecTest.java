package dev.landfall.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.landfall.core.error.LandfallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cutover}: the SLO in dual-run syntax, the endpoints, and the edge split. */
class CutoverSpecTest {
    private static final String EXAMPLE = SpecExample.text();
    private static final String EDGE = """
              edge:
                worker: api-worker
                dialNamespace: 0123456789abcdef0123456789abcdef
            """;

    private static String withEdge(String edge) {
        return EXAMPLE.replaceFirst("(?m)^  # edge:\\n(  #.*\\n)*", edge);
    }

    private static LandfallException fails(String spec) {
        try {
            SpecParser.parse("landfall.yaml", spec);
        } catch (LandfallException e) {
            return e;
        }
        throw new AssertionError("accepted: " + spec);
    }

    @Test
    void theExampleCarriesEndpointsAndAParsableSlo() {
        CutoverSpec cutover = SpecParser.parse("landfall.yaml", EXAMPLE).cutover();
        assertThat(cutover.baseline()).hasValue("https://api-worker.example.workers.dev");
        assertThat(cutover.candidate()).hasValue("https://new-api.example.com");
        assertThat(cutover.slo()).isEqualTo("p99<=50ms,errors<=0.1%,mismatch<=0.1%");
        assertThat(cutover.edge()).isEmpty();
    }

    @Test
    void anEdgeTakesDefaultsForStickinessAndShadow() {
        EdgeSpec edge = SpecParser.parse("landfall.yaml", withEdge(EDGE))
                .cutover()
                .edge()
                .orElseThrow();
        assertThat(edge.worker()).isEqualTo("api-worker");
        assertThat(edge.dialNamespace()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(edge.sticky()).isEqualTo("header:authorization");
        assertThat(edge.shadow()).isZero();
        assertThat(edge.routes()).isEmpty();
        assertThat(edge.zone()).isEmpty();
        assertThat(edge.writes().methods()).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(edge.writes().paths()).isEmpty();
        assertThat(edge.writes().retryAfterSeconds()).isEqualTo(5);
    }

    @Test
    void writesTakeMethodsPathsAndRetryAfterEachDefaultingAlone() {
        EdgeSpec edge = SpecParser.parse(
                        "landfall.yaml", withEdge(EDGE + "    writes:\n      paths: [\"/v1/rpc/\", \"/admin\"]\n"))
                .cutover()
                .edge()
                .orElseThrow();
        assertThat(edge.writes().methods()).as("methods left out").containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(edge.writes().paths()).containsExactly("/v1/rpc/", "/admin");

        EdgeSpec only = SpecParser.parse(
                        "landfall.yaml", withEdge(EDGE + "    writes:\n      methods: [POST]\n      retryAfter: 30\n"))
                .cutover()
                .edge()
                .orElseThrow();
        assertThat(only.writes().methods()).containsExactly("POST");
        assertThat(only.writes().paths()).isEmpty();
        assertThat(only.writes().retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void eachBadWritesFieldNamesItsFix() {
        LandfallException lower = fails(withEdge(EDGE + "    writes:\n      methods: [post]\n"));
        assertThat(lower.getMessage()).contains("cutover.edge.writes.methods").contains("'post' is not an HTTP method");
        assertThat(lower.hint()).get().asString().contains("capitals");
        assertThat(fails(withEdge(EDGE + "    writes:\n      methods: [POST, POST]\n"))
                        .getMessage())
                .contains("'POST' is listed twice");
        LandfallException relative = fails(withEdge(EDGE + "    writes:\n      paths: [v1/rpc]\n"));
        assertThat(relative.getMessage())
                .contains("cutover.edge.writes.paths")
                .contains("'v1/rpc' is not a path prefix");
        assertThat(relative.hint()).get().asString().contains("start it with /");
        assertThat(fails(withEdge(EDGE + "    writes:\n      paths: [\"/a,/b\"]\n"))
                        .getMessage())
                .contains("is not a path prefix");
        LandfallException nothing = fails(withEdge(EDGE + "    writes:\n      methods: []\n"));
        assertThat(nothing.getMessage()).contains("cutover.edge.writes").contains("names no method and no path");
        assertThat(fails(withEdge(EDGE + "    writes:\n      retryAfter: 0\n")).getMessage())
                .contains("cutover.edge.writes.retryAfter");
        assertThat(fails(withEdge(EDGE + "    writes:\n      method: [POST]\n")).hint())
                .get()
                .asString()
                .contains("methods");
    }

    @Test
    void theCommentedEdgeOfTheExampleIsValidOnceUncommented() {
        int start = EXAMPLE.indexOf("  # edge:\n");
        StringBuilder block = new StringBuilder();
        for (String line : EXAMPLE.substring(start).split("\n", -1)) {
            if (!line.startsWith("  # edge:") && !line.startsWith("  #   ")) {
                break;
            }
            block.append(line).append('\n');
        }
        String uncommented = EXAMPLE.replace(
                block.toString(),
                block.toString().replace("  # edge:", "  edge:").replace("  #   ", "    "));
        EdgeSpec edge =
                SpecParser.parse("landfall.yaml", uncommented).cutover().edge().orElseThrow();
        assertThat(edge.routes()).containsExactly("api.example.com/*");
        assertThat(edge.zone()).hasValue("example.com");
        assertThat(edge.writes()).isEqualTo(WriteRules.DEFAULT);
    }

    @Test
    void aBaselineOnARouteTheEdgeSplitTakesOverIsRefusedWhereItStands() {
        String routed =
                EDGE + "    routes: [\"static.example.com/*\", \"api.example.com/v1/*\"]\n" + "    zone: example.com\n";
        for (String baseline : List.of(
                "https://api.example.com", "https://API.example.com/v1", "http://api.example.com:8443/v1/keys")) {
            String spec = withEdge(routed)
                    .replace("baseline: https://api-worker.example.workers.dev", "baseline: " + baseline);
            LandfallException e = fails(spec);
            int line = spec.lines()
                            .toList()
                            .indexOf(spec.lines()
                                    .filter(l -> l.startsWith("  baseline:"))
                                    .findFirst()
                                    .orElseThrow())
                    + 1;
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage())
                    .startsWith("landfall.yaml:" + line + ":13: cutover.baseline: " + baseline
                            + " is under cutover.edge.routes[1] (api.example.com/v1/*), which the edge split takes"
                            + " over");
            assertThat(e.hint()).get().asString().contains("https://api-worker.SUBDOMAIN.workers.dev");
        }
        for (String outside : List.of(
                "https://api-worker.example.workers.dev", "https://origin.example.com", "https://api.example.com/v2")) {
            CutoverSpec cutover = SpecParser.parse(
                            "landfall.yaml",
                            withEdge(routed)
                                    .replace(
                                            "baseline: https://api-worker.example.workers.dev", "baseline: " + outside))
                    .cutover();
            assertThat(cutover.baseline()).hasValue(outside);
        }
    }

    @Test
    void anSloTheDualRunCannotReadIsRefusedWhereItStands() {
        LandfallException e = fails(EXAMPLE.replace(
                "slo: \"p99<=50ms,errors<=0.1%,mismatch<=0.1%\"", "slo: \"p99 < 50ms and errors < 1%\""));
        assertThat(e.getMessage())
                .startsWith("landfall.yaml:")
                .contains("cutover.slo: 'p99 < 50ms and errors < 1%' is not an SLO");
        assertThat(e.hint()).get().asString().contains("p99<=10ms");
    }

    @Test
    void anEndpointWithCredentialsIsRefused() {
        LandfallException e = fails(EXAMPLE.replace(
                "baseline: https://api-worker.example.workers.dev", "baseline: https://user:hunter2@api.example.com"));
        assertThat(e.getMessage())
                .contains("cutover.baseline: carries credentials")
                .doesNotContain("hunter2");
        LandfallException scheme =
                fails(EXAMPLE.replace("candidate: https://new-api.example.com", "candidate: ftp://x.example.com"));
        assertThat(scheme.getMessage()).contains("cutover.candidate: is not an http(s) URL with a host");
    }

    @Test
    void eachBadEdgeFieldNamesItsFix() {
        assertThat(fails(withEdge(EDGE.replace("api-worker", "Api Worker"))).getMessage())
                .contains("cutover.edge.worker: 'Api Worker' is not a Worker script name");
        assertThat(fails(withEdge(EDGE.replace("0123456789abcdef0123456789abcdef", "nope")))
                        .hint())
                .get()
                .asString()
                .contains("wrangler kv namespace create");
        assertThat(fails(withEdge(EDGE + "    sticky: body:key\n")).getMessage())
                .contains("cutover.edge.sticky: 'body:key' is not a stickiness rule");
        assertThat(fails(withEdge(EDGE + "    shadow: 120\n")).getMessage()).contains("cutover.edge.shadow");
        assertThat(fails(withEdge(EDGE + "    routes: [\"api.example.com/*\"]\n"))
                        .getMessage())
                .contains("cutover.edge.routes: routes and zone go together");
        assertThat(fails(withEdge(EDGE + "    colour: blue\n")).getMessage()).contains("colour");
    }

    @Test
    void theSpecStaysValidWithoutAnyOfTheOptionalFields() {
        String bare = EXAMPLE.replaceAll("(?m)^  (baseline|candidate): .*\\n", "");
        CutoverSpec cutover = SpecParser.parse("landfall.yaml", bare).cutover();
        assertThat(cutover.baseline()).isEmpty();
        assertThat(cutover.steps()).isEqualTo(List.of(5, 25, 50, 100));
    }
}
