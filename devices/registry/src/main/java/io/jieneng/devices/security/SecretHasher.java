package io.jieneng.devices.security;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;

/**
 * Salted, slow hashing of device secrets and user passwords with bcrypt (Bouncy Castle's OpenBSD-compatible
 * implementation). Hashes look like {@code $2b$10$...} and carry their own salt and cost, so the cost can be
 * raised later without invalidating stored hashes.
 */
public final class SecretHasher {

    /** The default bcrypt cost: about 50–100 ms per hash on a current server core. */
    public static final int DEFAULT_COST = 10;

    private static final int SALT_BYTES = 16;
    // bcrypt reads at most 72 bytes of the secret; a longer one would be silently truncated, so it is refused.
    private static final int MAX_SECRET_BYTES = 72;

    private final int cost;
    private final SecureRandom random = new SecureRandom();

    public SecretHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31, was " + cost);
        }
        this.cost = cost;
    }

    public SecretHasher() {
        this(DEFAULT_COST);
    }

    public int cost() {
        return cost;
    }

    /** A new salted hash of {@code secret}. */
    public String hash(String secret) {
        checkLength(secret);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", secret.toCharArray(), salt, cost);
    }

    /** True when {@code secret} matches {@code hash}; false for a malformed hash. Takes constant time per cost. */
    public boolean verify(String secret, String hash) {
        if (secret == null || hash == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MAX_SECRET_BYTES) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, secret.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException malformed) {
            return false;
        }
    }

    /** True when {@code secret} can be hashed: not empty and at most 72 bytes in UTF-8. */
    public static boolean acceptable(String secret) {
        return secret != null && !secret.isEmpty()
                && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SECRET_BYTES;
    }

    private static void checkLength(String secret) {
        if (!acceptable(secret)) {
            throw new IllegalArgumentException("a secret must be 1 to " + MAX_SECRET_BYTES + " bytes in UTF-8");
        }
    }
}
