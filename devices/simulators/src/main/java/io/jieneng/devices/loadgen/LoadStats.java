package io.jieneng.devices.loadgen;

import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every event loop adds to. "Completed" means acknowledged with a success reason (PUBACK for QoS 1,
 * PUBCOMP after a successful PUBREC for QoS 2) or, for QoS 0, handed to the socket.
 */
final class LoadStats {

    /** Counter values at one instant, to subtract for a window. */
    record Totals(long sent, long completed, long completedReadings) {
    }

    final LongAdder sent = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder completedReadings = new LongAdder();
    /** Messages holding a packet id: acquired and not yet completed or refused. */
    final LongAdder outstanding = new LongAdder();
    final LongAdder rateShortfall = new LongAdder();
    final LongAdder tsClockWaits = new LongAdder();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger peakOpen = new AtomicInteger();
    final AtomicInteger established = new AtomicInteger();
    final ErrorCounts errors = new ErrorCounts();
    /** Microseconds from PUBLISH written to its final acknowledgement read. */
    final Recorder latencyMicros = new Recorder(3);

    void opened() {
        established.incrementAndGet();
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    void closed() {
        open.decrementAndGet();
    }

    Totals totals() {
        return new Totals(sent.sum(), completed.sum(), completedReadings.sum());
    }
}
