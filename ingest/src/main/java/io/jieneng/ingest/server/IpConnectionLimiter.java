package io.jieneng.ingest.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts open sockets per source address, so that one address (a misbehaving gateway, a scanner) cannot take all
 * of the server's sockets. Knows nothing of Netty.
 */
final class IpConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param maxPerAddress 0 means unlimited */
    IpConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new socket of {@code address}; false (and not counted) when the address is at its limit. */
    boolean tryOpen(InetAddress address) {
        if (maxPerAddress == 0) {
            return true;
        }
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < maxPerAddress;
            return admitted[0] ? count + 1 : n;
        });
        return admitted[0];
    }

    /** A socket counted by {@link #tryOpen} closed. */
    void closed(InetAddress address) {
        if (maxPerAddress == 0) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
