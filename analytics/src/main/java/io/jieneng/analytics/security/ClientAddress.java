package io.jieneng.analytics.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key under which failed logins from a client address are counted. An IPv4 address counts on its own. An
 * IPv6 client usually holds a whole /64 (one subnet, 2^64 addresses, handed out by SLAAC or privacy extensions),
 * so keying on the exact address would give a guesser an unlimited supply of fresh keys: IPv6 addresses are
 * counted per /64. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) counts as the IPv4 address it carries.
 */
public final class ClientAddress {

    private static final int PREFIX_BYTES = 8;

    private ClientAddress() {
    }

    /** {@code ipv4:<address>}, {@code ipv6:<first 64 bits in hex>/64}, or {@code other:<text>} for anything else. */
    public static String throttleKey(String hostAddress) {
        if (hostAddress == null || hostAddress.isBlank()) {
            return "other:unknown";
        }
        String literal = hostAddress.strip();
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!isLiteral(literal)) {
            return "other:" + literal;
        }
        InetAddress address;
        try {
            // A literal is parsed, never resolved: getByName does no DNS look-up for one.
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return "other:" + literal;
        }
        if (address instanceof Inet4Address) {
            return "ipv4:" + address.getHostAddress();
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return "ipv6:" + HexFormat.of().formatHex(bytes, 0, PREFIX_BYTES) + "/64";
        }
        return "other:" + literal;
    }

    // A host name must never reach InetAddress (it would be resolved): only an IPv6 literal (it has a colon, and
    // Java parses such text without a look-up) or a dotted quad with every part at most 255 gets through.
    private static boolean isLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            return s.matches("[0-9A-Fa-f:.]+");
        }
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String part : s.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
