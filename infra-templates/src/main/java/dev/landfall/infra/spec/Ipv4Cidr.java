package dev.landfall.infra.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 network in CIDR notation whose host bits are zero, such as {@code 10.0.0.0/16}.
 *
 * @param address the network address as an unsigned 32-bit value
 * @param prefix the prefix length, 0 to 32
 */
public record Ipv4Cidr(long address, int prefix) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32 || address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IPv4 network");
        }
        if ((address & ~mask(prefix) & 0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** The network {@code text} names, if it is {@code a.b.c.d/n} with its host bits zero. */
    public static Optional<Ipv4Cidr> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                return Optional.empty();
            }
            address = address << 8 | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (address & ~mask(prefix) & 0xFFFF_FFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(address, prefix));
    }

    /** The network whose host bits of {@code text} are cleared: what the operator probably meant. */
    public static Optional<Ipv4Cidr> parseLoosely(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(m.group(5));
        String[] octets = {m.group(1), m.group(2), m.group(3), m.group(4)};
        long address = 0;
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
            address = address << 8 | Integer.parseInt(octet);
        }
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Cidr(address & mask(prefix), prefix));
    }

    /**
     * The {@code index}-th subnet {@code newBits} longer than this network, as Terraform's
     * {@code cidrsubnet(this, newBits, index)} computes it.
     */
    public Ipv4Cidr subnet(int newBits, int index) {
        int length = prefix + newBits;
        if (newBits < 1 || length > 32 || index < 0 || index >= 1L << newBits) {
            throw new IllegalArgumentException("no subnet " + index + " of /" + length + " in " + this);
        }
        return new Ipv4Cidr(address | ((long) index << (32 - length)), length);
    }

    /** Whether this network lies inside {@code other}. */
    public boolean within(Ipv4Cidr other) {
        return prefix >= other.prefix && (address & mask(other.prefix)) == other.address;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    @Override
    public String toString() {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255)
                + "/" + prefix;
    }
}
