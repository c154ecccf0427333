package dev.landfall.core.codec;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/**
 * Formats a finite double exactly as JavaScript's {@code Number.prototype.toString()} (and so
 * {@code JSON.stringify}) does: the shortest decimal that reads back as the same double, the one
 * closest to it when several are that short, written plain for exponents from -7 to 20 and as
 * {@code 1.5e+21} / {@code 1e-7} otherwise (ECMA-262 Number::toString).
 */
final class JsNumberFormat {
    private static final double TWO_POW_53 = 0x1p53;

    private JsNumberFormat() {}

    /** The JavaScript text of {@code value}; {@code -0} gives {@code "0"}, as in JavaScript. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) < TWO_POW_53 && value == Math.rint(value)) {
            // Every integer below 2^53 is exact and its neighbours are at most 1 away, so its own
            // digits are the shortest round-trip form.
            return Long.toString((long) value);
        }
        double abs = Math.abs(value);
        // Schubfach gives the shortest round-trip digits, as Java 19's Double.toString specifies;
        // that spec prints two digits where one would do, so those cases are retried below.
        Decimal d = Decimal.parseJava(DoubleToDecimal.toString(abs));
        if (d.digits.length() == 2) {
            d = oneDigit(abs, d);
        }
        String text = d.layout();
        return value < 0 ? "-" + text : text;
    }

    /** The closest one-digit decimal that reads back as {@code abs}, else {@code twoDigits}. */
    private static Decimal oneDigit(double abs, Decimal twoDigits) {
        int first = twoDigits.digits.charAt(0) - '0';
        int point = twoDigits.pointPosition;
        Decimal down = new Decimal(Integer.toString(first), point);
        Decimal up = first == 9 ? new Decimal("1", point + 1) : new Decimal(Integer.toString(first + 1), point);
        boolean downOk = down.doubleValue() == abs;
        boolean upOk = up.doubleValue() == abs;
        if (downOk && upOk) {
            BigDecimal exact = new BigDecimal(abs);
            int cmp =
                    exact.subtract(down.bigDecimal()).compareTo(up.bigDecimal().subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return (first % 2 == 0) ? down : up;
        }
        if (downOk) {
            return down;
        }
        return upOk ? up : twoDigits;
    }

    /** A positive decimal 0.{@code digits} × 10^{@code pointPosition}, digits without leading or trailing zeros. */
    private record Decimal(String digits, int pointPosition) {

        /** Reads Java's {@code Double.toString} forms: {@code 123.45} and {@code 1.2345E-10}. */
        static Decimal parseJava(String text) {
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String whole = dot < 0 ? mantissa : mantissa.substring(0, dot);
            String digits = dot < 0 ? mantissa : whole + mantissa.substring(dot + 1);
            int point = whole.length() + exponent;
            int start = 0;
            while (start < digits.length() - 1 && digits.charAt(start) == '0') {
                start++;
                point--;
            }
            int end = digits.length();
            while (end > start + 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digits.substring(start, end), point);
        }

        double doubleValue() {
            return Double.parseDouble("0." + digits + "E" + pointPosition);
        }

        BigDecimal bigDecimal() {
            return new BigDecimal("0." + digits + "E" + pointPosition);
        }

        /** ECMA-262 Number::toString, steps for k digits s and exponent n. */
        String layout() {
            int k = digits.length();
            int n = pointPosition;
            if (k <= n && n <= 21) {
                return digits + "0".repeat(n - k);
            }
            if (0 < n && n <= 21) {
                return digits.substring(0, n) + "." + digits.substring(n);
            }
            if (-6 < n && n <= 0) {
                return "0." + "0".repeat(-n) + digits;
            }
            int exp = n - 1;
            String sign = exp < 0 ? "-" : "+";
            String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + "e" + sign + Math.abs(exp);
        }
    }
}
