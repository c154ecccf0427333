package dev.landfall.core.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UInt256Test {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

    @Test
    void carriesAcrossEveryLimbAndWraps() {
        long[] a = new long[4];
        Arrays.fill(a, -1L); // 2^256 - 1
        byte[] one = new byte[32];
        one[31] = 1;
        UInt256.add(a, 0, one);
        assertTrue(UInt256.isZero(a, 0));
        UInt256.subtract(a, 0, one);
        assertEquals("f".repeat(64), UInt256.hex(a, 0));
    }

    @Test
    void agreesWithBigInteger() {
        Random random = new Random(3);
        long[] a = new long[4];
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 1000; i++) {
            byte[] d = new byte[32];
            random.nextBytes(d);
            BigInteger v = new BigInteger(1, d);
            if (i % 3 == 2) {
                UInt256.subtract(a, 0, d);
                expected = expected.subtract(v).mod(MOD);
            } else {
                UInt256.add(a, 0, d);
                expected = expected.add(v).mod(MOD);
            }
            assertEquals(String.format("%064x", expected), UInt256.hex(a, 0));
        }
    }
}
