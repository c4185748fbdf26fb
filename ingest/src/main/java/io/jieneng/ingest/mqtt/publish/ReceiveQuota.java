package io.jieneng.ingest.mqtt.publish;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts the QoS 1 and 2 messages a client has in flight on one connection, for MQTT 5's Receive Maximum
 * (§3.3.4, §4.9): a QoS 1 message from PUBLISH to PUBACK, a QoS 2 message from PUBLISH to PUBCOMP (or to a
 * PUBREC with an error code, which ends the flow). The client's send quota starts afresh on every connection, so
 * ids whose PUBREL is still due from an earlier connection do not count. Knows nothing of Netty.
 */
final class ReceiveQuota {

    private final int maximum;
    private final Set<Integer> qos2 = new HashSet<>();
    private int qos1;

    ReceiveQuota(int maximum) {
        this.maximum = maximum;
    }

    /** Counts a new QoS 1 or 2 PUBLISH; false (and not counted) when the client already had the maximum. */
    boolean admit(int qos, int packetId) {
        if (qos == 0 || qos == 2 && qos2.contains(packetId)) {
            return true;
        }
        if (inFlight() >= maximum) {
            return false;
        }
        if (qos == 1) {
            qos1++;
        } else {
            qos2.add(packetId);
        }
        return true;
    }

    /** A PUBACK, or a PUBREC with an error code, went out. */
    void acknowledged(int qos, int packetId) {
        if (qos == 1) {
            qos1 = Math.max(0, qos1 - 1);
        } else if (qos == 2) {
            qos2.remove(packetId);
        }
    }

    /** A PUBREL came, to be answered with PUBCOMP. */
    void released(int packetId) {
        qos2.remove(packetId);
    }

    int inFlight() {
        return qos1 + qos2.size();
    }
}
