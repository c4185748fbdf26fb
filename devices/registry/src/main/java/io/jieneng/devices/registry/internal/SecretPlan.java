package io.jieneng.devices.registry.internal;

import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Which hash each clear secret of a document should be stored as. Hashing takes time (bcrypt tens of milliseconds
 * per user password; PBKDF2 under a millisecond per device secret, but 10,000 devices add up), so the plan is made
 * before the import takes its lock, against the hashes stored at that moment, on every core; under the lock,
 * {@link #hashFor} reuses the decision unless another import changed that credential in between.
 *
 * <p>A secret that verifies against the stored hash keeps that hash. This avoids rehashing and is what makes a
 * second identical import change nothing.
 */
final class SecretPlan {

    /**
     * How one kind of credential is hashed.
     *
     * @param acceptable false for a secret validation refuses; such secrets get no plan
     * @param keeps      true when the stored hash (second argument) may stay: it is current and matches the secret
     */
    record Hashing(Predicate<String> acceptable, UnaryOperator<String> hash, BiPredicate<String, String> keeps) {
    }

    /** Human passwords: bcrypt. */
    static Hashing passwords(SecretHasher hasher) {
        return new Hashing(SecretHasher::acceptable, hasher::hash, hasher::verify);
    }

    /**
     * Device secrets: PBKDF2. A legacy bcrypt hash is replaced without verifying it first: verifying would cost the
     * bcrypt this change removes (~70 ms per device), and a fresh fast hash is what it should become anyway.
     */
    static Hashing devices(DeviceSecrets secrets) {
        return new Hashing(DeviceSecrets::acceptable, secrets::hash,
                (secret, stored) -> !secrets.needsUpgrade(stored) && secrets.verify(secret, stored));
    }

    private record Decision(String seenHash, String hash) {
    }

    private final Hashing hashing;
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

    private SecretPlan(Hashing hashing) {
        this.hashing = hashing;
    }

    /**
     * @param secrets      principal (device id or user name) to clear secret; secrets the hashing cannot take are
     *                     left out, since validation refuses them
     * @param storedHashes principal to the hash stored now
     */
    static SecretPlan prepare(Map<String, String> secrets, Map<String, String> storedHashes, Hashing hashing) {
        SecretPlan plan = new SecretPlan(hashing);
        List<Map.Entry<String, String>> work = secrets.entrySet().stream()
                .filter(e -> hashing.acceptable().test(e.getValue())).toList();
        // Each decision is independent and CPU-bound: spread them over the cores.
        work.parallelStream().forEach(e -> {
            String seen = storedHashes.get(e.getKey());
            plan.decisions.put(e.getKey(), new Decision(seen, plan.decide(e.getValue(), seen)));
        });
        return plan;
    }

    /** The hash to store for {@code secret}, given the hash stored now ({@code null} when there is none). */
    String hashFor(String principal, String secret, String storedNow) {
        Decision d = decisions.get(principal);
        if (d != null && Objects.equals(d.seenHash(), storedNow)) {
            return d.hash();
        }
        return decide(secret, storedNow);
    }

    private String decide(String secret, String stored) {
        return stored != null && hashing.keeps().test(secret, stored) ? stored : hashing.hash().apply(secret);
    }
}
