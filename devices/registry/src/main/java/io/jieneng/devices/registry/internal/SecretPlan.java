package io.jieneng.devices.registry.internal;

import io.jieneng.devices.security.SecretHasher;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which bcrypt hash each clear secret of a document should be stored as. bcrypt is slow on purpose (tens of
 * milliseconds per secret), so the plan is made before the import takes its lock, against the hashes stored at
 * that moment; under the lock, {@link #hashFor} reuses the decision unless another import changed that
 * credential in between.
 *
 * <p>A secret that verifies against the stored hash keeps that hash. This avoids rehashing and is what makes a
 * second identical import change nothing.
 */
final class SecretPlan {

    private record Decision(String seenHash, String hash) {
    }

    private final SecretHasher hasher;
    private final Map<String, Decision> decisions = new HashMap<>();

    private SecretPlan(SecretHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * @param secrets      principal (device id or user name) to clear secret; secrets bcrypt cannot take are left
     *                     out, since validation refuses them
     * @param storedHashes principal to the hash stored now
     */
    static SecretPlan prepare(Map<String, String> secrets, Map<String, String> storedHashes, SecretHasher hasher) {
        SecretPlan plan = new SecretPlan(hasher);
        secrets.forEach((principal, secret) -> {
            if (SecretHasher.acceptable(secret)) {
                String seen = storedHashes.get(principal);
                plan.decisions.put(principal, new Decision(seen, plan.decide(secret, seen)));
            }
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
        return stored != null && hasher.verify(secret, stored) ? stored : hasher.hash(secret);
    }
}
