package io.jieneng.ingest.bridge;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The broker's deliveries to this bridge that still await their acknowledgement, on the current connection only.
 *
 * <p>A packet id names a message only within one session and only until it is acknowledged; after that the broker
 * may reuse it for another message. So an acknowledgement is sent at most once per delivery, and never for a
 * delivery of an earlier connection: after a reconnect the broker resends what was not acknowledged (MQTT 5
 * §4.4), and the resent copy is acknowledged on its own once durable. Acknowledging the old copy as well could
 * acknowledge a newer message that reused the id before that one is durable.
 *
 * <p>Thread-safe: arrivals come from the MQTT client's callback thread, settlements from the writer threads.
 */
final class AckLedger {

    /** One delivery to acknowledge once its readings are durable (or its refusal is quarantined). */
    record Ticket(long connection, int packetId, int qos) {
    }

    /** Sends the acknowledgement of one delivery. */
    @FunctionalInterface
    interface Sender {
        void send(int packetId, int qos) throws Exception;
    }

    private final Set<Integer> open = new HashSet<>();
    private long connection;

    /** A new connection begins; the deliveries of the previous one will never be acknowledged. */
    synchronized long newConnection() {
        connection++;
        open.clear();
        return connection;
    }

    /** {@code lost} is gone: if it is the current connection, none of its deliveries is acknowledged any more. */
    synchronized void connectionLost(long lost) {
        if (lost == connection) {
            newConnection();
        }
    }

    /**
     * Records a delivery on {@code on}. Empty when {@code on} is not the current connection, or when the same packet
     * id is still open on it: a broker may not resend on the same connection (MQTT 5 §4.4), so that is a copy
     * whose acknowledgement the first delivery's covers; acknowledging both could release a later message that
     * reused the id.
     */
    synchronized Optional<Ticket> arrived(long on, int packetId, int qos) {
        if (on != connection || qos > 0 && !open.add(packetId)) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(on, qos > 0 ? packetId : 0, qos));
    }

    /**
     * Acknowledges {@code ticket} through {@code sender} when it belongs to the current connection and has not
     * been acknowledged yet; returns whether it did. Holds the ledger's lock while sending, so a new connection
     * cannot begin between the check and the send.
     */
    synchronized boolean settle(Ticket ticket, Sender sender) throws Exception {
        if (ticket.qos() == 0 || ticket.connection() != connection || !open.remove(ticket.packetId())) {
            return false;
        }
        sender.send(ticket.packetId(), ticket.qos());
        return true;
    }

    /** Deliveries of the current connection not yet acknowledged (at most the Receive Maximum). */
    synchronized int open() {
        return open.size();
    }
}
