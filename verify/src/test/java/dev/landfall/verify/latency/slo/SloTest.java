package dev.landfall.verify.latency.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloTest {
    private static final SloInputs MEASURED = new SloInputs(
            Map.of("p50", 2.0, "p90", 4.0, "p99", 8.0, "p99.9", 20.0, "max", 40.0, "mean", 3.0),
            Map.of("p50", 10.0, "p90", 20.0, "p99", 30.0, "p99.9", 60.0, "max", 90.0, "mean", 12.0),
            0.0005,
            0.002);

    @Test
    void theIssuesExampleParsesWithUnitsNormalized() {
        Slo slo = Slo.parse("p99<=10ms,errors<=0.1%,mismatch<=0.1%,speedup>=2");
        assertEquals(4, slo.terms().size());
        assertEquals(new SloTerm("p99<=10ms", "p99", "<=", 10.0), slo.terms().get(0));
        assertEquals(0.001, slo.terms().get(1).threshold(), 1e-12);
        assertEquals("speedup(p99)", slo.terms().get(3).metric());
    }

    @Test
    void unitsAndFormsAreConverted() {
        Slo slo = Slo.parse(" p50 < 1500us , p99.9<=0.5s, errors<=0.01, speedup(p50)>3x, max<1s ");
        assertEquals(1.5, slo.terms().get(0).threshold(), 1e-12);
        assertEquals(500.0, slo.terms().get(1).threshold(), 1e-12);
        assertEquals(0.01, slo.terms().get(2).threshold(), 1e-12);
        assertEquals("speedup(p50)", slo.terms().get(3).metric());
        assertEquals(1000.0, slo.terms().get(4).threshold(), 1e-12);
    }

    @Test
    void aPassingSloPassesEveryTerm() {
        SloVerdict v =
                Slo.parse("p99<=10ms,errors<=0.1%,speedup>=2,speedup(p50)>=5").evaluate(MEASURED);
        assertTrue(v.passed(), v.toString());
        assertEquals(30.0 / 8.0, v.checks().get(2).actual(), 1e-9);
        assertEquals("3.75x", v.checks().get(2).actualText());
    }

    @Test
    void eachBreachIsNamed() {
        SloVerdict v =
                Slo.parse("p99<8ms,mismatch<=0.1%,p50<=2ms,speedup(p99.9)>3").evaluate(MEASURED);
        assertFalse(v.passed());
        assertEquals(3, v.breaches().size());
        assertEquals("p99<8ms", v.breaches().get(0).term().text());
        assertEquals("0.200%", v.breaches().get(1).actualText());
        assertEquals("p50<=2ms", v.checks().get(2).term().text());
        assertTrue(v.checks().get(2).passed(), "<= is inclusive");
    }

    @Test
    void noDataFailsALatencyTerm() {
        SloInputs nothing = new SloInputs(Map.of("p99", Double.NaN), Map.of("p99", Double.NaN), 1.0, 0.0);
        SloVerdict v = Slo.parse("p99<=10ms,speedup>=1").evaluate(nothing);
        assertFalse(v.passed());
        assertEquals("no data", v.checks().get(0).actualText());
    }

    @Test
    void badSlosAreUsageErrorsNamingTheTerm() {
        for (String[] bad : new String[][] {
            {"p99<=10", "without a time unit"},
            {"p98<=10ms", "unknown metric 'p98'"},
            {"p99=10ms", "not METRIC OP VALUE"},
            {"p99<=fast", "p99 needs a number with a time unit (us, ms or s), such as p99<=10ms"},
            {"errors<=5ms", "errors is a percentage"},
            {"mismatch<=150%", "cannot exceed 100%"},
            {"speedup>=2ms", "a speedup is a ratio"},
            {"p99<=10ms,", "empty term"},
            {"", "empty term"},
        }) {
            LandfallException e = assertThrows(LandfallException.class, () -> Slo.parse(bad[0]), bad[0]);
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
            assertTrue(e.getMessage().startsWith("--slo '" + bad[0] + "'"), e.getMessage());
        }
    }
}
