package io.jieneng.devices.loadgen;

/**
 * The unacknowledged publishes of one connection. A packet id is a slot number + 1, so that finding the send time
 * of an acknowledgement costs an array index and no allocation; MQTT only requires an id to be unused among the
 * messages in flight, and an id may be reused as soon as its flow completed. Not thread-safe: it lives on its
 * connection's event loop.
 */
final class InFlightWindow {

    /** No message uses the slot. */
    private static final byte FREE = 0;
    /** Waiting for PUBACK (QoS 1) or PUBREC (QoS 2). */
    private static final byte SENT = 1;
    /** QoS 2: PUBREL sent, waiting for PUBCOMP. */
    private static final byte RELEASED = 2;

    private final long[] sentNanos;
    private final byte[] state;
    private final boolean[] timedOut;
    private final int[] free;
    private int freeCount;
    private int limit;
    private int inFlight;

    /** @param capacity the most messages in flight, at most 65,535 (the packet id space) */
    InFlightWindow(int capacity) {
        if (capacity < 1 || capacity > 65_535) {
            throw new IllegalArgumentException("the in-flight window must hold 1 to 65535 messages, not " + capacity);
        }
        sentNanos = new long[capacity];
        state = new byte[capacity];
        timedOut = new boolean[capacity];
        free = new int[capacity];
        // Highest slot at the bottom, so that ids are handed out from 1 upwards.
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        limit = capacity;
    }

    /** Lowers the window to what the server accepts (the MQTT 5 receive maximum); never raises it. */
    void limitTo(int serverReceiveMaximum) {
        if (serverReceiveMaximum > 0) {
            limit = Math.min(limit, serverReceiveMaximum);
        }
    }

    int limit() {
        return limit;
    }

    int inFlight() {
        return inFlight;
    }

    boolean hasRoom() {
        return inFlight < limit;
    }

    /** Takes a packet id for a message sent at {@code nowNanos}, or returns 0 when the window is full. */
    int acquire(long nowNanos) {
        if (!hasRoom()) {
            return 0;
        }
        int slot = free[--freeCount];
        sentNanos[slot] = nowNanos;
        state[slot] = SENT;
        timedOut[slot] = false;
        inFlight++;
        return slot + 1;
    }

    /** True when {@code packetId} waits for its first reply (PUBACK or PUBREC). */
    boolean awaitsFirstReply(int packetId) {
        return valid(packetId) && state[packetId - 1] == SENT;
    }

    /** QoS 2: the PUBREC came and a PUBREL went out; the id stays in use until the PUBCOMP. */
    boolean markReleased(int packetId) {
        if (!awaitsFirstReply(packetId)) {
            return false;
        }
        state[packetId - 1] = RELEASED;
        return true;
    }

    /**
     * Ends the flow of {@code packetId} and returns its send time, or -1 when that id is not in flight (a
     * duplicate or unexpected acknowledgement).
     */
    long complete(int packetId) {
        if (!valid(packetId) || state[packetId - 1] == FREE) {
            return -1;
        }
        int slot = packetId - 1;
        state[slot] = FREE;
        free[freeCount++] = slot;
        inFlight--;
        return sentNanos[slot];
    }

    /**
     * Marks every message sent before {@code deadlineNanos} that was not yet counted as timed out, and returns how
     * many there were. A timed-out message keeps its id: its acknowledgement may still come, and reusing the id
     * before would confuse the two flows.
     */
    int markTimedOut(long deadlineNanos) {
        int n = 0;
        for (int slot = 0; slot < state.length; slot++) {
            if (state[slot] != FREE && !timedOut[slot] && sentNanos[slot] - deadlineNanos < 0) {
                timedOut[slot] = true;
                n++;
            }
        }
        return n;
    }

    private boolean valid(int packetId) {
        return packetId >= 1 && packetId <= state.length;
    }
}
