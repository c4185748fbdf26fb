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
 * its budget is refused unheard until the budget refills. Only failures cost, so devices that log in correctly
 * never notice it, however many connect from one address at once. Once an address or id has failed, each of its
 * further CONNECTs reserves a token while it is checked (given back if it succeeds): checks queue for a while, and
 * without the reservation a flood would have hundreds of checks admitted before the first failures were charged.
 * Per-id budgets exist only for registered ids, per-address ones only for addresses that failed recently
 * ({@link #sweep()} forgets refilled ones), so neither map grows with what an attacker sends.
 *
 * <p>The per-id budget lets someone who knows a device id keep that device out while they keep failing; it is the
 * price of protecting a known id from a distributed guessing attack, and kept small by a generous budget.
 */
public final class ConnectThrottle {

    /** Which budget refused a CONNECT. */
    public enum Verdict { PASS, ADDRESS, USER }

    /**
     * The decision about one CONNECT, to be settled with {@link #failed} or {@link #settled} once it is checked.
     *
     * @param address the address's budget key, or {@code null}
     * @param user    the user name, or {@code null}
     */
    public record Admission(Verdict verdict, InetAddress address, String user, boolean addressReserved,
                            boolean userReserved) {
    }

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
    public Admission admit(InetAddress source, String user) {
        long now = nanoTime.getAsLong();
        InetAddress key = source == null ? null : group(source);
        Boolean addressReserved = reserve(key == null ? null : addresses.get(key), now);
        if (addressReserved == null) {
            return new Admission(Verdict.ADDRESS, key, user, false, false);
        }
        Boolean userReserved = reserve(user == null ? null : users.get(user), now);
        if (userReserved == null) {
            if (addressReserved) {
                refund(addresses.get(key), now);
            }
            return new Admission(Verdict.USER, key, user, false, false);
        }
        return new Admission(Verdict.PASS, key, user, addressReserved, userReserved);
    }

    /**
     * The CONNECT failed its credentials: charges the address and, when {@code registered} (the user name is a
     * device id of the registry), that id; a token reserved at admission is the charge.
     */
    public void failed(Admission admission, boolean registered) {
        long now = nanoTime.getAsLong();
        if (admission.address() != null && perAddress.enabled() && !admission.addressReserved()) {
            charge(addresses, admission.address(), perAddress, now);
        }
        if (registered && admission.user() != null && perUser.enabled() && !admission.userReserved()) {
            charge(users, admission.user(), perUser, now);
        }
    }

    /** The CONNECT succeeded, or its check ended without a verdict on its credentials: nothing is charged. */
    public void settled(Admission admission) {
        long now = nanoTime.getAsLong();
        if (admission.addressReserved()) {
            refund(addresses.get(admission.address()), now);
        }
        if (admission.userReserved()) {
            refund(users.get(admission.user()), now);
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

    /** No bucket: false (nothing reserved); a token taken: true; an empty bucket: null (refused). */
    private static Boolean reserve(TokenBucket bucket, long now) {
        if (bucket == null) {
            return false;
        }
        synchronized (bucket) {
            return bucket.tryTake(now) ? Boolean.TRUE : null;
        }
    }

    private static void refund(TokenBucket bucket, long now) {
        // A bucket swept away meanwhile was full: there is nothing to give back.
        if (bucket != null) {
            synchronized (bucket) {
                bucket.refund(now);
            }
        }
    }

    private static boolean isFull(TokenBucket bucket, long now) {
        synchronized (bucket) {
            return bucket.isFull(now);
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
