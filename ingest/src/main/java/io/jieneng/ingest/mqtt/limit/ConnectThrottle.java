package io.jieneng.ingest.mqtt.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Budgets of failed CONNECTs per source address and per device id, checked before a CONNECT costs a database read
 * or a hash: an address (an IPv6 /64, which one subscriber typically holds whole) or a device id that has used up
 * its budget is refused unheard until the budget refills. Only failures are charged, so devices that log in
 * correctly never notice it. Per-id budgets exist only for registered ids, per-address ones only for addresses
 * that failed recently ({@link #sweep()} forgets refilled ones), so neither map grows with what an attacker sends.
 *
 * <p>The per-id budget lets someone who knows a device id keep that device out while they keep failing; it is the
 * price of protecting a known id from a distributed guessing attack, and kept small by a generous budget.
 */
public final class ConnectThrottle {

    /** Which budget refused a CONNECT. */
    public enum Verdict { PASS, ADDRESS, USER }

    private final Limits.FailureBudget perAddress;
    private final Limits.FailureBudget perUser;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<InetAddress, TokenBucket> addresses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TokenBucket> users = new ConcurrentHashMap<>();

    public ConnectThrottle(Limits.FailureBudget perAddress, Limits.FailureBudget perUser, LongSupplier nanoTime) {
        this.perAddress = perAddress;
        this.perUser = perUser;
        this.nanoTime = nanoTime;
    }

    /** Whether a CONNECT from {@code source} (may be null) for {@code user} (may be null) may be checked. */
    public Verdict admit(InetAddress source, String user) {
        long now = nanoTime.getAsLong();
        if (source != null && isEmpty(addresses.get(group(source)), now)) {
            return Verdict.ADDRESS;
        }
        if (user != null && isEmpty(users.get(user), now)) {
            return Verdict.USER;
        }
        return Verdict.PASS;
    }

    /**
     * A CONNECT failed its credentials: charges the address and, when {@code registeredUser} is not null (a device
     * id of the registry), that id.
     */
    public void failed(InetAddress source, String registeredUser) {
        long now = nanoTime.getAsLong();
        if (source != null && perAddress.enabled()) {
            charge(addresses, group(source), perAddress, now);
        }
        if (registeredUser != null && perUser.enabled()) {
            charge(users, registeredUser, perUser, now);
        }
    }

    /** Forgets the budgets that are full again; returns how many are left. */
    public int sweep() {
        long now = nanoTime.getAsLong();
        addresses.keySet().forEach(a -> addresses.computeIfPresent(a, (k, b) -> isFull(b, now) ? null : b));
        users.keySet().forEach(u -> users.computeIfPresent(u, (k, b) -> isFull(b, now) ? null : b));
        return addresses.size() + users.size();
    }

    /** The key of an address's budget: an IPv4 address itself, an IPv6 address's /64 network. */
    public static InetAddress group(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] network = Arrays.copyOf(Arrays.copyOf(address.getAddress(), 8), 16);
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("16 bytes are an IPv6 address", impossible);
        }
    }

    // TokenBucket is not thread-safe: every use holds the bucket's lock.
    private static boolean isFull(TokenBucket bucket, long now) {
        synchronized (bucket) {
            return bucket.isFull(now);
        }
    }

    private static boolean isEmpty(TokenBucket bucket, long now) {
        if (bucket == null) {
            return false;
        }
        synchronized (bucket) {
            return bucket.isEmpty(now);
        }
    }

    private static <K> void charge(ConcurrentMap<K, TokenBucket> buckets, K key, Limits.FailureBudget budget,
                                   long now) {
        buckets.compute(key, (k, bucket) -> {
            TokenBucket b = bucket != null ? bucket : new TokenBucket(budget.perMinute() / 60, budget.burst(), now);
            synchronized (b) {
                b.tryTake(now);
            }
            return b;
        });
    }
}
