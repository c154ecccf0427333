package dev.landfall.infra.cutover;

import java.math.BigDecimal;

/** Traffic percentages as operators write them: {@code 5}, {@code 12.5}, never {@code 5.0}. */
final class Percent {
    private Percent() {}

    static String format(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }
}
