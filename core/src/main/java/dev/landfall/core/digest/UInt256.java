package dev.landfall.core.digest;

import java.util.HexFormat;

/**
 * Arithmetic modulo 2^256 on numbers stored as four big-endian {@code long} limbs inside a larger
 * array (limb 0 most significant), so 257 sums fit in one array without objects.
 */
final class UInt256 {
    static final int LIMBS = 4;
    private static final HexFormat HEX = HexFormat.of();

    private UInt256() {}

    /** {@code a[at..at+4) += digest} where digest is 32 big-endian bytes. */
    static void add(long[] a, int at, byte[] digest) {
        long carry = 0;
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long x = a[at + limb];
            long y = limbOf(digest, limb);
            long s = x + y;
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            a[at + limb] = s2;
            carry = c1 | c2;
        }
    }

    /** {@code a[at..at+4) -= digest}. */
    static void subtract(long[] a, int at, byte[] digest) {
        long borrow = 0;
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long x = a[at + limb];
            long y = limbOf(digest, limb);
            long d = x - y;
            long b1 = Long.compareUnsigned(x, y) < 0 ? 1 : 0;
            long d2 = d - borrow;
            long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
            a[at + limb] = d2;
            borrow = b1 | b2;
        }
    }

    /** {@code a[at..at+4) += b[bt..bt+4)}. */
    static void add(long[] a, int at, long[] b, int bt) {
        add(a, at, toBytes(b, bt));
    }

    static byte[] toBytes(long[] a, int at) {
        byte[] out = new byte[LIMBS * 8];
        for (int limb = 0; limb < LIMBS; limb++) {
            long v = a[at + limb];
            for (int k = 7; k >= 0; k--) {
                out[limb * 8 + k] = (byte) v;
                v >>>= 8;
            }
        }
        return out;
    }

    static String hex(long[] a, int at) {
        return HEX.formatHex(toBytes(a, at));
    }

    /** Parses 64 lower-case hex characters into {@code a[at..at+4)}; false when malformed. */
    static boolean parseHex(String hex, long[] a, int at) {
        if (hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        byte[] b = HEX.parseHex(hex);
        for (int limb = 0; limb < LIMBS; limb++) {
            a[at + limb] = limbOf(b, limb);
        }
        return true;
    }

    static boolean isZero(long[] a, int at) {
        return (a[at] | a[at + 1] | a[at + 2] | a[at + 3]) == 0;
    }

    static boolean equal(long[] a, int at, long[] b, int bt) {
        return a[at] == b[bt] && a[at + 1] == b[bt + 1] && a[at + 2] == b[bt + 2] && a[at + 3] == b[bt + 3];
    }

    private static long limbOf(byte[] b, int limb) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[limb * 8 + k] & 0xff);
        }
        return v;
    }
}
