package io.jieneng.devices.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted hashing of machine-generated device secrets (meters and gateways) with PBKDF2-HMAC-SHA256 at a low
 * iteration count.
 *
 * <p>Why not bcrypt, as for people: a person's password is guessable, so its hash must be slow. A device secret
 * carries at least 128 bits of randomness ({@link SecretStrength}, enforced at import), so no number of guesses
 * per second makes a search feasible, and a slow hash only costs the platform CPU on every CONNECT (bcrypt at cost
 * 10 is ~70 ms; 1,000 devices reconnecting after a restart would need more than a minute of CPU). The salt still
 * keeps equal secrets from having equal hashes; the few iterations are a margin, not the defence.
 *
 * <p>Stored form: {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt (16 bytes) and hash (32 bytes) in
 * unpadded base64url. It carries its own salt and iteration count, so the count can change without invalidating
 * stored hashes. {@link #verify} also accepts the bcrypt hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}) that
 * older registries stored for devices; {@link #needsUpgrade} tells the caller to replace them after a successful
 * login.
 */
public final class DeviceSecrets {

    /** The default iteration count: well under a millisecond per hash on a current server core. */
    public static final int DEFAULT_ITERATIONS = 1_000;
    /** The most iterations a stored hash may ask for; a larger count in the database is treated as malformed. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** The longest secret accepted, in characters: bounds the work of one hash. */
    public static final int MAX_SECRET_CHARS = 256;

    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final int HMAC_BLOCK = 64;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    // Only its verify is used, and bcrypt's verify takes the cost from the stored hash.
    private static final SecretHasher BCRYPT = new SecretHasher(4);

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public DeviceSecrets(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between 1 and " + MAX_ITERATIONS + ", was "
                    + iterations);
        }
        this.iterations = iterations;
    }

    public DeviceSecrets() {
        this(DEFAULT_ITERATIONS);
    }

    public int iterations() {
        return iterations;
    }

    /** A new salted hash of {@code secret} in the stored form above. */
    public String hash(String secret) {
        if (!acceptable(secret)) {
            throw new IllegalArgumentException("a device secret must be 1 to " + MAX_SECRET_CHARS + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + iterations + '$' + B64.encodeToString(salt) + '$'
                + B64.encodeToString(pbkdf2(secret, salt, iterations));
    }

    /**
     * True when {@code secret} matches {@code stored}, a hash of this class or a legacy bcrypt hash; false for a
     * malformed or unknown hash. The comparison takes the same time whatever the position of the first difference.
     */
    public boolean verify(String secret, String stored) {
        if (secret == null || stored == null || secret.length() > MAX_SECRET_CHARS) {
            return false;
        }
        if (isBcrypt(stored)) {
            return BCRYPT.verify(secret, stored);
        }
        Parsed p = parse(stored);
        return p != null && MessageDigest.isEqual(pbkdf2(secret, p.salt(), p.iterations()), p.hash());
    }

    /**
     * True when {@code stored} should be replaced by {@link #hash} of the secret that just verified against it: a
     * bcrypt hash (slow on every CONNECT), or a PBKDF2 hash with fewer iterations than this instance uses.
     */
    public boolean needsUpgrade(String stored) {
        if (stored == null) {
            return false;
        }
        if (isBcrypt(stored)) {
            return true;
        }
        Parsed p = parse(stored);
        return p != null && p.iterations() < iterations;
    }

    /** True when {@code secret} can be hashed: 1 to {@link #MAX_SECRET_CHARS} characters. */
    public static boolean acceptable(String secret) {
        return secret != null && !secret.isEmpty() && secret.length() <= MAX_SECRET_CHARS;
    }

    /** The estimated randomness of {@code secret} in bits; see {@link SecretStrength#estimatedBits}. */
    public static double estimatedBits(String secret) {
        return SecretStrength.estimatedBits(secret);
    }

    /**
     * Throws {@link IllegalArgumentException}, with a message saying what is required, when {@code secret} has
     * less than {@link SecretStrength#MIN_BITS} bits of estimated randomness.
     */
    public static void requireEntropy(String secret) {
        SecretStrength.weakness(secret).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    private static boolean isBcrypt(String stored) {
        return stored.startsWith("$2");
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            int n = Integer.parseInt(parts[0]);
            byte[] salt = B64D.decode(parts[1]);
            byte[] hash = B64D.decode(parts[2]);
            if (n < 1 || n > MAX_ITERATIONS || salt.length == 0 || hash.length != HASH_BYTES) {
                return null;
            }
            return new Parsed(n, salt, hash);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 for one 32-byte block (RFC 8018), as {@code PBKDF2WithHmacSHA256} computes it
     * ({@code DeviceSecretsTest} checks they agree). Written out because the JDK's HMAC hashes the key's padded
     * block again for every iteration: starting each iteration from copies of the SHA-256 states after the inner
     * and outer key blocks halves the work, and that work is paid on every device CONNECT and import line.
     */
    static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        MessageDigest inner = keyed(secret, (byte) 0x36);
        MessageDigest outer = keyed(secret, (byte) 0x5c);
        try {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(salt);
            in.update(new byte[] {0, 0, 0, 1});
            byte[] innerHash = in.digest();
            MessageDigest out = (MessageDigest) outer.clone();
            out.update(innerHash);
            byte[] u = out.digest();
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                in = (MessageDigest) inner.clone();
                in.update(u);
                in.digest(innerHash, 0, HASH_BYTES);
                out = (MessageDigest) outer.clone();
                out.update(innerHash);
                out.digest(u, 0, HASH_BYTES);
                for (int j = 0; j < HASH_BYTES; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (CloneNotSupportedException | java.security.DigestException e) {
            // The JDK's SHA-256 is cloneable and its 32-byte output fits: anything else is a broken runtime.
            throw new IllegalStateException("SHA-256 cannot be used for PBKDF2", e);
        }
    }

    /** SHA-256 after absorbing the HMAC key block of {@code secret} XOR {@code pad}. */
    private static MessageDigest keyed(String secret, byte pad) {
        MessageDigest sha = sha256();
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length > HMAC_BLOCK) {
            key = sha256().digest(key);
        }
        byte[] block = new byte[HMAC_BLOCK];
        for (int i = 0; i < HMAC_BLOCK; i++) {
            block[i] = (byte) ((i < key.length ? key[i] : 0) ^ pad);
        }
        sha.update(block);
        return sha;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
