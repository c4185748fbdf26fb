package io.jieneng.ingest.mqtt.session;

import io.jieneng.ingest.IngestMetrics;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The sessions of connected clients and, until they expire, of disconnected ones. Held in memory only: an ingest
 * crash or restart loses them. That costs no data: the only state is QoS 2 ids whose readings are already
 * durable, and a device that resends such a message (or any unacknowledged one) has it stored again under the
 * same (meter, ts), which the stores keep once. Knows nothing of Netty; connections take part as {@link Owner}s.
 */
public final class SessionStore {

    /** The connection that currently holds a session. */
    public interface Owner {
        /** Another connection of the same device and client id took the session: close this one. */
        void takenOver();
    }

    /**
     * The result of opening a session for a new connection.
     *
     * @param present  true when an existing session was resumed (the CONNACK's Session Present)
     * @param replaced the connection that held the session until now (to be closed), or {@code null}
     */
    public record Opened(DeviceSession session, boolean present, Owner replaced) {
    }

    private static final Comparator<DeviceSession> BY_EXPIRY = Comparator
            .comparingLong((DeviceSession s) -> s.expiresAtNanos).thenComparingLong(s -> s.sequence);

    private final Map<SessionKey, DeviceSession> sessions = new HashMap<>();
    private final TreeSet<DeviceSession> stored = new TreeSet<>(BY_EXPIRY);
    private final int maxStored;
    private final LongSupplier nanoTime;
    private final IngestMetrics metrics;
    private long sequence;

    /**
     * @param maxStored sessions kept for disconnected clients at most
     * @param nanoTime  a monotonic clock ({@code System::nanoTime})
     */
    public SessionStore(int maxStored, LongSupplier nanoTime, IngestMetrics metrics) {
        this.maxStored = maxStored;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        metrics.gauge(IngestMetrics.SESSIONS, Tags.of("state", "connected"), "Sessions with a connection",
                this::connectedCount);
        metrics.gauge(IngestMetrics.SESSIONS, Tags.of("state", "stored"), "Sessions kept for disconnected clients",
                this::storedCount);
    }

    /**
     * Gives {@code key}'s session to a new connection. With {@code cleanStart} any existing session is discarded
     * and a new one begins; otherwise an unexpired existing one is resumed. A connection that held it is returned
     * for the caller to close (session takeover, MQTT 3.1.1 §3.1.4-2, MQTT 5 §3.1.4-3).
     *
     * @param expirySeconds how long the session is to outlive the new connection
     */
    public synchronized Opened open(SessionKey key, Owner owner, boolean cleanStart, long expirySeconds) {
        long now = nanoTime.getAsLong();
        DeviceSession existing = sessions.get(key);
        Owner replaced = null;
        if (existing != null) {
            replaced = existing.owner;
            if (replaced == null) {
                stored.remove(existing);
                if (existing.expiresAtNanos - now <= 0) {
                    metrics.sessionEvicted("expired");
                    existing = null;
                }
            }
        }
        boolean present = existing != null && !cleanStart;
        DeviceSession session = present ? existing : new DeviceSession(key, expirySeconds);
        session.expirySeconds(expirySeconds);
        session.owner = owner;
        sessions.put(key, session);
        return new Opened(session, present, replaced);
    }

    /**
     * The connection of {@code owner} ended. Its session is kept for its expiry interval, or dropped at once when
     * that is 0. Nothing happens when another connection has taken the session over meanwhile.
     */
    public synchronized void closed(DeviceSession session, Owner owner) {
        if (sessions.get(session.key()) != session || session.owner != owner) {
            return;
        }
        session.owner = null;
        long expiry = session.expirySeconds();
        if (expiry <= 0 || maxStored == 0) {
            sessions.remove(session.key());
            return;
        }
        session.expiresAtNanos = nanoTime.getAsLong() + Duration.ofSeconds(expiry).toNanos();
        session.sequence = ++sequence;
        stored.add(session);
        while (stored.size() > maxStored) {
            // The first to expire goes first: expired ones, then those closest to expiry.
            DeviceSession victim = stored.pollFirst();
            sessions.remove(victim.key());
            metrics.sessionEvicted(victim.expiresAtNanos - nanoTime.getAsLong() <= 0 ? "expired" : "capacity");
        }
    }

    /** Drops the stored sessions that have expired; returns how many. Run periodically to free their memory. */
    public synchronized int sweep() {
        long now = nanoTime.getAsLong();
        int n = 0;
        while (!stored.isEmpty() && stored.first().expiresAtNanos - now <= 0) {
            sessions.remove(stored.pollFirst().key());
            metrics.sessionEvicted("expired");
            n++;
        }
        return n;
    }

    public synchronized int connectedCount() {
        return sessions.size() - stored.size();
    }

    public synchronized int storedCount() {
        return stored.size();
    }
}
