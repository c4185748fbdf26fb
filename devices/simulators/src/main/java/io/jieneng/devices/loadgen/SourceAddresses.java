package io.jieneng.devices.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses the load generator's connections are bound to, in turn. One source address has about
 * 28,000 ephemeral ports toward one server port (Linux {@code ip_local_port_range}), and an MQTT server may limit
 * connections per source address, so large runs spread over several loopback addresses: every 127.x.y.z is
 * local on Linux.
 *
 * @param addresses the addresses, in the order connections use them; empty to let the kernel choose
 */
public record SourceAddresses(List<InetAddress> addresses) {

    /** Above this many, a range is almost certainly a typo (a /16 would hold 65,536). */
    static final int MAX_ADDRESSES = 4096;

    public SourceAddresses {
        addresses = List.copyOf(addresses);
    }

    /** No binding: the kernel picks the source address. */
    public static SourceAddresses none() {
        return new SourceAddresses(List.of());
    }

    /**
     * Parses a comma-separated list of IPv4 or IPv6 literals and IPv4 ranges, such as
     * {@code 127.0.0.1-127.0.0.20} or {@code 127.0.0.1,127.0.1.1-127.0.1.4}. Host names are refused: the list
     * must not depend on DNS.
     *
     * @throws IllegalArgumentException naming the offending item
     */
    public static SourceAddresses parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<InetAddress> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String item = raw.trim();
            int dash = item.indexOf('-');
            if (dash > 0 && !item.contains(":")) {
                long from = ipv4(item.substring(0, dash).trim());
                long to = ipv4(item.substring(dash + 1).trim());
                if (to < from) {
                    throw new IllegalArgumentException("--source-addresses: the range '" + item + "' ends before it"
                            + " starts");
                }
                if (to - from + 1 + out.size() > MAX_ADDRESSES) {
                    throw new IllegalArgumentException("--source-addresses: more than " + MAX_ADDRESSES
                            + " addresses");
                }
                for (long a = from; a <= to; a++) {
                    out.add(ipv4Address(a));
                }
            } else if (item.contains(":")) {
                out.add(ipv6(item));
            } else {
                out.add(ipv4Address(ipv4(item)));
            }
        }
        return new SourceAddresses(out);
    }

    /** The address of connection {@code index}, or {@code null} when none is configured. */
    public InetAddress forConnection(int index) {
        return addresses.isEmpty() ? null : addresses.get(Math.floorMod(index, addresses.size()));
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** The addresses as text, for the report. */
    public List<String> asText() {
        return addresses.stream().map(InetAddress::getHostAddress).toList();
    }

    private static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAddress(text);
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw notAddress(text);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw notAddress(text);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static InetAddress ipv4Address(long value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static InetAddress ipv6(String text) {
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw notAddress(text);
        }
        try {
            // A literal: getByName does no DNS lookup for it.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw notAddress(text);
        }
    }

    private static IllegalArgumentException notAddress(String text) {
        return new IllegalArgumentException("--source-addresses: '" + text + "' is not an IP address (use"
                + " literals such as 127.0.0.1 or ranges such as 127.0.0.1-127.0.0.20)");
    }
}
