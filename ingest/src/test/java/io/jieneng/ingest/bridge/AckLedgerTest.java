package io.jieneng.ingest.bridge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AckLedgerTest {

    final AckLedger ledger = new AckLedger();
    final List<String> sent = new ArrayList<>();

    boolean settle(AckLedger.Ticket t) throws Exception {
        return ledger.settle(t, (id, qos) -> sent.add(id + "@" + qos));
    }

    @Test
    void aDeliveryIsAcknowledgedOnce() throws Exception {
        long c = ledger.newConnection();
        AckLedger.Ticket t = ledger.arrived(c, 7, 1).orElseThrow();
        assertThat(ledger.open()).isEqualTo(1);
        assertThat(settle(t)).isTrue();
        assertThat(settle(t)).isFalse();
        assertThat(sent).containsExactly("7@1");
        assertThat(ledger.open()).isZero();
    }

    @Test
    void aSecondDeliveryOfAnOpenPacketIdIsNotTakenAndNotAcknowledgedTwice() throws Exception {
        long c = ledger.newConnection();
        AckLedger.Ticket first = ledger.arrived(c, 7, 1).orElseThrow();
        assertThat(ledger.arrived(c, 7, 1)).isEmpty();
        settle(first);
        // Once acknowledged, the broker may reuse the id for a new message.
        AckLedger.Ticket reused = ledger.arrived(c, 7, 1).orElseThrow();
        settle(reused);
        assertThat(sent).containsExactly("7@1", "7@1");
    }

    @Test
    void nothingOfALostConnectionIsAcknowledged() throws Exception {
        long old = ledger.newConnection();
        AckLedger.Ticket stale = ledger.arrived(old, 7, 1).orElseThrow();
        ledger.connectionLost(old);
        long now = ledger.newConnection();
        // The broker resends 7 on the new connection; only that copy is acknowledged.
        AckLedger.Ticket resent = ledger.arrived(now, 7, 1).orElseThrow();
        assertThat(settle(stale)).isFalse();
        assertThat(settle(resent)).isTrue();
        assertThat(sent).containsExactly("7@1");
    }

    @Test
    void aLateLossReportOfAnOldConnectionLeavesTheCurrentOneAlone() throws Exception {
        long old = ledger.newConnection();
        long now = ledger.newConnection();
        AckLedger.Ticket t = ledger.arrived(now, 3, 1).orElseThrow();
        ledger.connectionLost(old);
        assertThat(ledger.arrived(old, 4, 1)).isEmpty();
        assertThat(settle(t)).isTrue();
    }

    @Test
    void qos0IsNeverAcknowledgedNorCounted() throws Exception {
        long c = ledger.newConnection();
        AckLedger.Ticket t = ledger.arrived(c, 0, 0).orElseThrow();
        assertThat(ledger.open()).isZero();
        assertThat(settle(t)).isFalse();
        assertThat(sent).isEmpty();
    }
}
