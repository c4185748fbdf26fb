package io.jieneng.devices.loadgen;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightWindowTest {

    @Test
    void handsOutDistinctPacketIdsUpToTheCapacityAndReusesAnIdOnlyAfterItsFlowEnded() {
        InFlightWindow w = new InFlightWindow(3);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            int id = w.acquire(100 + i);
            assertThat(id).isBetween(1, 3);
            ids.add(id);
        }
        assertThat(ids).hasSize(3);
        assertThat(w.acquire(200)).as("full").isZero();
        assertThat(w.complete(2)).isEqualTo(101);
        assertThat(w.complete(2)).as("a duplicate PUBACK").isEqualTo(-1);
        assertThat(w.acquire(300)).isEqualTo(2);
        assertThat(w.complete(2)).isEqualTo(300);
        assertThat(w.complete(0)).isEqualTo(-1);
        assertThat(w.complete(4)).isEqualTo(-1);
    }

    @Test
    void theServersReceiveMaximumLowersTheWindowButNeverRaisesIt() {
        InFlightWindow w = new InFlightWindow(10);
        w.limitTo(2);
        assertThat(w.acquire(1)).isPositive();
        assertThat(w.acquire(1)).isPositive();
        assertThat(w.acquire(1)).isZero();
        w.limitTo(50);
        assertThat(w.limit()).isEqualTo(2);
        w.limitTo(0);
        assertThat(w.limit()).isEqualTo(2);
    }

    @Test
    void qos2KeepsTheIdAfterPubrecUntilPubcomp() {
        InFlightWindow w = new InFlightWindow(1);
        int id = w.acquire(7);
        assertThat(w.markReleased(id)).isTrue();
        assertThat(w.markReleased(id)).as("a second PUBREC").isFalse();
        assertThat(w.acquire(8)).isZero();
        assertThat(w.complete(id)).isEqualTo(7);
        assertThat(w.inFlight()).isZero();
    }

    @Test
    void aSlowMessageIsCountedAsTimedOutOnceAndKeepsItsId() {
        InFlightWindow w = new InFlightWindow(4);
        int old = w.acquire(1_000);
        w.acquire(5_000);
        assertThat(w.markTimedOut(2_000)).isEqualTo(1);
        assertThat(w.markTimedOut(2_000)).isZero();
        assertThat(w.inFlight()).isEqualTo(2);
        assertThat(w.complete(old)).isEqualTo(1_000);
        assertThat(w.markTimedOut(10_000)).isEqualTo(1);
    }

    @Test
    void theWindowMustFitThePacketIdSpace() {
        assertThatThrownBy(() -> new InFlightWindow(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlightWindow(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new InFlightWindow(65_535).acquire(0)).isEqualTo(1);
    }
}
