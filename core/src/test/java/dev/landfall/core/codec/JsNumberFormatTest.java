package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsNumberFormatTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "-1, -1",
        "0.1, 0.1",
        "0.30000000000000004, 0.30000000000000004",
        "42.5, 42.5",
        "1e21, 1e+21",
        "1.5e21, 1.5e+21",
        "999999999999999900000, 999999999999999900000",
        "1e20, 100000000000000000000",
        "1e-7, 1e-7",
        "1.5e-7, 1.5e-7",
        "0.000001, 0.000001",
        "123e-20, 1.23e-18",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "9007199254740992, 9007199254740992",
        "9007199254740994, 9007199254740994",
        "18446744073709551616, 18446744073709552000",
        "1e23, 1e+23",
        "2e23, 2e+23",
        "-1.5e-10, -1.5e-10",
        "5e-310, 5e-310",
        "100, 100",
        "1234567.125, 1234567.125",
        "-199883578837003.375, -199883578837003.38",
    })
    void formatsAsJavaScriptDoes(double value, String expected) {
        assertEquals(expected, JsNumberFormat.format(value));
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> JsNumberFormat.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsNumberFormat.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void agreesWithTheDefinitionOnRandomDoubles() {
        SplittableRandom random = new SplittableRandom(20240102);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            String text = JsNumberFormat.format(v);
            assertEquals(v, Double.parseDouble(text), text);
            assertEquals(shortestDigits(v), digitsOf(text), "digits of " + v);
        }
    }

    /**
     * ECMA-262 Number::toString by its definition: the fewest significant digits k such that some
     * k-digit decimal reads back as {@code v}; of those, the closest (then the even one).
     */
    private static String shortestDigits(double v) {
        BigDecimal exact = new BigDecimal(Math.abs(v));
        for (int k = 1; k <= 17; k++) {
            BigDecimal down = exact.round(new MathContext(k, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(k, RoundingMode.UP));
            boolean downOk = down.doubleValue() == Math.abs(v);
            boolean upOk = up.doubleValue() == Math.abs(v);
            if (downOk || upOk) {
                BigDecimal pick;
                if (downOk && upOk) {
                    int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                    boolean downEven = down.unscaledValue().testBit(0) == false;
                    pick = cmp < 0 || (cmp == 0 && downEven) ? down : up;
                } else {
                    pick = downOk ? down : up;
                }
                return pick.unscaledValue().toString().replaceAll("0+$", "");
            }
        }
        throw new AssertionError("no decimal of 17 digits reads back as " + v);
    }

    private static String digitsOf(String text) {
        String mantissa = text.replace("-", "").split("e")[0].replace(".", "");
        return mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
    }
}
