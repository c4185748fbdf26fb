package io.jieneng.ingest.mqtt.connect;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers successful secret verifications so that a reconnecting device costs a SHA-256 instead of a hash (a
 * legacy bcrypt one takes ~70 ms). An entry holds a keyed SHA-256 of the secret that was accepted and the stored
 * hash it was checked against: a rotated secret (a new stored hash) misses the cache at once. Only successes are
 * cached, so the map is bounded by the number of registered devices.
 */
public final class AuthCache {

    private record Entry(String storedHash, byte[] digest, long expiresNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    // A per-process key, so the digests are useless outside this JVM.
    private final byte[] key = new byte[32];
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    public AuthCache(Duration ttl, LongSupplier nanoTime) {
        new SecureRandom().nextBytes(key);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public AuthCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    /** True when {@code secret} was verified against {@code storedHash} for {@code deviceId} within the TTL. */
    public boolean matches(String deviceId, String storedHash, byte[] secret) {
        Entry e = entries.get(deviceId);
        if (e == null || !e.storedHash().equals(storedHash) || nanoTime.getAsLong() - e.expiresNanos() > 0) {
            return false;
        }
        return MessageDigest.isEqual(e.digest(), digest(deviceId, secret));
    }

    public void remember(String deviceId, String storedHash, byte[] secret) {
        entries.put(deviceId, new Entry(storedHash, digest(deviceId, secret), nanoTime.getAsLong() + ttlNanos));
    }

    private byte[] digest(String deviceId, byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            byte[] id = deviceId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(id.length).array());
            sha.update(id);
            return sha.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
