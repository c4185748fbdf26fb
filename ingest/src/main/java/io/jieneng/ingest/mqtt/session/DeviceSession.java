package io.jieneng.ingest.mqtt.session;

import java.util.HashSet;
import java.util.Set;

/**
 * The server side of one MQTT session, which may outlive its connection (MQTT 3.1.1 §3.1.2.4, MQTT 5 §4.1).
 * Ingest never sends PUBLISH packets and keeps no subscriptions, so the only state is the QoS 2 packet ids that got
 * their PUBREC but not yet their PUBREL: for them, a resent PUBLISH is answered PUBREC again without storing it
 * twice, and a late PUBREL is answered PUBCOMP 0x00. Thread-safe: the connection that owns the session and late
 * completions of a connection it replaced may touch it from different event loops.
 */
public final class DeviceSession {

    private final SessionKey key;
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private volatile long expirySeconds;

    // Managed by SessionStore under its lock.
    SessionStore.Owner owner;
    long expiresAtNanos;
    long sequence;

    DeviceSession(SessionKey key, long expirySeconds) {
        this.key = key;
        this.expirySeconds = expirySeconds;
    }

    public SessionKey key() {
        return key;
    }

    /** How long the session outlives its connection, in seconds; 0 ends it with the connection. */
    public long expirySeconds() {
        return expirySeconds;
    }

    /** Changes the expiry (MQTT 5 DISCONNECT may); takes effect when the connection ends. */
    public void expirySeconds(long seconds) {
        this.expirySeconds = seconds;
    }

    /** Records that the readings of QoS 2 {@code packetId} are durable and its PUBREC is (being) sent. */
    public synchronized void awaitRelease(int packetId) {
        awaitingRelease.add(packetId);
    }

    public synchronized boolean isAwaitingRelease(int packetId) {
        return awaitingRelease.contains(packetId);
    }

    /** Ends the QoS 2 flow of {@code packetId}; false when no PUBREC was pending for it. */
    public synchronized boolean release(int packetId) {
        return awaitingRelease.remove(packetId);
    }

    public synchronized int awaitingReleaseCount() {
        return awaitingRelease.size();
    }

    @Override
    public String toString() {
        return "session " + key.clientId() + " of " + key.device();
    }
}
