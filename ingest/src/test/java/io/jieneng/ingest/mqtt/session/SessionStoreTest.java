package io.jieneng.ingest.mqtt.session;

import io.jieneng.ingest.IngestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    final SessionStore store = new SessionStore(3, nanos::get, new IngestMetrics(meters));
    final SessionKey meter = new SessionKey("meter:gov-e-main", "c1");

    static final class Conn implements SessionStore.Owner {
        final AtomicInteger takenOver = new AtomicInteger();

        @Override
        public void takenOver() {
            takenOver.incrementAndGet();
        }
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    double evicted(String cause) {
        var c = meters.find(IngestMetrics.SESSIONS_EVICTED).tag("cause", cause).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aPersistentSessionKeepsItsPendingReleasesAcrossConnections() {
        Conn first = new Conn();
        SessionStore.Opened opened = store.open(meter, first, false, 60);
        assertThat(opened.present()).isFalse();
        opened.session().awaitRelease(7);
        store.closed(opened.session(), first);
        assertThat(store.storedCount()).isEqualTo(1);
        assertThat(store.connectedCount()).isZero();

        advance(Duration.ofSeconds(59));
        SessionStore.Opened again = store.open(meter, new Conn(), false, 60);
        assertThat(again.present()).isTrue();
        assertThat(again.session()).isSameAs(opened.session());
        assertThat(again.session().isAwaitingRelease(7)).isTrue();
        assertThat(again.replaced()).isNull();
        assertThat(store.connectedCount()).isEqualTo(1);
        assertThat(store.storedCount()).isZero();
    }

    @Test
    void cleanStartDiscardsTheOldSession() {
        Conn first = new Conn();
        DeviceSession old = store.open(meter, first, false, 60).session();
        old.awaitRelease(7);
        store.closed(old, first);
        SessionStore.Opened fresh = store.open(meter, new Conn(), true, 60);
        assertThat(fresh.present()).isFalse();
        assertThat(fresh.session()).isNotSameAs(old);
        assertThat(fresh.session().isAwaitingRelease(7)).isFalse();
    }

    @Test
    void aSessionExpiresAfterItsInterval() {
        Conn first = new Conn();
        DeviceSession s = store.open(meter, first, false, 60).session();
        store.closed(s, first);
        advance(Duration.ofSeconds(60));
        assertThat(store.open(meter, new Conn(), false, 60).present()).isFalse();
        assertThat(evicted("expired")).isEqualTo(1);
    }

    @Test
    void anIntervalOfZeroEndsTheSessionWithItsConnection() {
        Conn first = new Conn();
        DeviceSession s = store.open(meter, first, false, 0).session();
        store.closed(s, first);
        assertThat(store.storedCount()).isZero();
        assertThat(store.open(meter, new Conn(), false, 0).present()).isFalse();
    }

    @Test
    void aSecondConnectionTakesTheSessionOverAndTheOldOnesCloseChangesNothing() {
        Conn first = new Conn();
        Conn second = new Conn();
        DeviceSession s = store.open(meter, first, false, 60).session();
        SessionStore.Opened taken = store.open(meter, second, false, 60);
        assertThat(taken.replaced()).isSameAs(first);
        assertThat(taken.present()).isTrue();
        assertThat(taken.session()).isSameAs(s);
        store.closed(s, first);
        // Still held by the second connection: not stored, not dropped.
        assertThat(store.connectedCount()).isEqualTo(1);
        assertThat(store.storedCount()).isZero();
        store.closed(s, second);
        assertThat(store.storedCount()).isEqualTo(1);
    }

    @Test
    void sessionsOfDifferentDevicesWithTheSameClientIdAreSeparate() {
        Conn meterConn = new Conn();
        store.open(meter, meterConn, false, 60).session().awaitRelease(3);
        SessionStore.Opened other = store.open(new SessionKey("gateway:gw-1", "c1"), new Conn(), false, 60);
        assertThat(other.replaced()).isNull();
        assertThat(other.present()).isFalse();
        assertThat(other.session().isAwaitingRelease(3)).isFalse();
        assertThat(store.connectedCount()).isEqualTo(2);
    }

    @Test
    void beyondItsCapacityTheStoreDropsTheExpiredFirstThenThoseClosestToExpiry() {
        DeviceSession a = storeSession("a", 10);
        DeviceSession b = storeSession("b", 1000);
        advance(Duration.ofSeconds(20));
        DeviceSession c = storeSession("c", 500);
        storeSession("d", 2000);
        // a had expired: it goes first.
        assertThat(evicted("expired")).isEqualTo(1);
        storeSession("e", 2000);
        // Then c, which expires before b.
        assertThat(evicted("capacity")).isEqualTo(1);
        assertThat(store.storedCount()).isEqualTo(3);
        assertThat(store.open(new SessionKey("meter:c", "c"), new Conn(), false, 60).present()).isFalse();
        assertThat(store.open(new SessionKey("meter:b", "b"), new Conn(), false, 60).session()).isSameAs(b);
        assertThat(a).isNotNull();
        assertThat(c).isNotNull();
    }

    @Test
    void sweepFreesExpiredSessions() {
        storeSession("a", 10);
        storeSession("b", 100);
        advance(Duration.ofSeconds(50));
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(store.storedCount()).isEqualTo(1);
        assertThat(meters.get(IngestMetrics.SESSIONS).tag("state", "stored").gauge().value()).isEqualTo(1);
    }

    @Test
    void aChangedExpiryAppliesWhenTheConnectionEnds() {
        Conn conn = new Conn();
        DeviceSession s = store.open(meter, conn, false, 60).session();
        s.expirySeconds(0);
        store.closed(s, conn);
        assertThat(store.storedCount()).isZero();
    }

    private DeviceSession storeSession(String id, long expirySeconds) {
        Conn conn = new Conn();
        DeviceSession s = store.open(new SessionKey("meter:" + id, id), conn, false, expirySeconds).session();
        store.closed(s, conn);
        return s;
    }
}
