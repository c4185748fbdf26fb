package io.jieneng.devices.sim;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.sim.fault.Faults;
import io.jieneng.devices.sim.fault.MeterFaults;
import io.jieneng.devices.sim.mqtt.MeterGroup;
import io.jieneng.devices.sim.mqtt.MqttLink;
import io.jieneng.devices.sim.payload.Payload;
import io.jieneng.devices.sim.payload.PayloadChunker;
import io.jieneng.devices.sim.profile.BackfillWindow;
import io.jieneng.devices.sim.profile.SimulatedMeter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives one connection on its own thread: connect, send each meter's backfill in batched messages, then (in
 * live mode) one reading per meter every interval until stopped. The meters' registers are pure functions of
 * time, so live readings continue the backfill's registers without a jump.
 */
final class GroupWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(GroupWorker.class);
    private static final long DAY_MILLIS = 86_400_000L;

    private final MeterGroup group;
    private final MqttLink link;
    private final SimulatorOptions options;
    private final SimClock clock;
    private final CountDownLatch backfillDone;
    private final CountDownLatch stop;
    private final PayloadChunker chunker;
    private final Faults faults;

    GroupWorker(MeterGroup group, MqttLink link, SimulatorOptions options, SimClock clock,
                CountDownLatch backfillDone, CountDownLatch stop, Faults faults) {
        this.group = group;
        this.link = link;
        this.options = options;
        this.clock = clock;
        this.backfillDone = backfillDone;
        this.stop = stop;
        this.chunker = new PayloadChunker(options.readingsPerMessage(), PayloadChunker.MAX_PAYLOAD_BYTES);
        this.faults = faults;
    }

    @Override
    public void run() {
        try {
            boolean connected;
            try {
                connected = link.connect();
                if (connected) {
                    backfill();
                }
            } finally {
                backfillDone.countDown();
            }
            if (connected && options.live()) {
                live();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "connection %s stopped on an error", group);
        } finally {
            link.close();
        }
    }

    private void backfill() throws InterruptedException {
        long to = clock.startMillis();
        long from = to - options.backfillDays() * DAY_MILLIS;
        for (SimulatedMeter meter : group.meters()) {
            if (stopped()) {
                return;
            }
            BackfillWindow window = BackfillWindow.of(from, to, meter.intervalMillis(), meter.firstReadingMillis());
            String topic = MeterGroup.topic(meter.meterId());
            List<Reading> batch = new ArrayList<>(options.readingsPerMessage());
            long acknowledgedBefore = link.acknowledgedReadings();
            long refusedBefore = link.refusedReadings();
            int messages = 0;
            for (long ts = window.firstMillis(); ts <= window.lastMillis() && !stopped(); ts += window.stepMillis()) {
                batch.add(meter.readingAt(ts));
                if (batch.size() == options.readingsPerMessage()) {
                    messages += publish(topic, batch);
                    batch.clear();
                }
            }
            messages += publish(topic, batch);
            link.drain();
            if (!stopped()) {
                LOG.infof("backfill of %s done: %d readings in %d messages from %s, %d acknowledged, %d refused",
                        meter.meterId(), window.count(), messages,
                        window.count() == 0 ? "-" : Instant.ofEpochMilli(window.firstMillis()),
                        link.acknowledgedReadings() - acknowledgedBefore, link.refusedReadings() - refusedBefore);
            }
        }
    }

    private int publish(String topic, List<Reading> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Payload> payloads = chunker.chunk(batch);
        for (Payload p : payloads) {
            link.publish(topic, p);
        }
        return payloads.size();
    }

    private void live() throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(options.liveIntervalSeconds());
        Map<String, Long> lastTs = new HashMap<>();
        long next = System.nanoTime();
        LOG.debugf("%s: live mode, a reading per meter every %d s", group, options.liveIntervalSeconds());
        while (!stopped()) {
            long t = clock.nowMillis();
            for (SimulatedMeter meter : group.meters()) {
                // Never repeat a timestamp, and never send one before the meter was commissioned.
                if (t >= meter.firstReadingMillis() && t > lastTs.getOrDefault(meter.meterId(), Long.MIN_VALUE)) {
                    String topic = MeterGroup.topic(meter.meterId());
                    Optional<MeterFaults> f = faults.of(meter.meterId());
                    if (f.isEmpty()) {
                        link.publish(topic, Payload.single(meter.readingAt(t)));
                    } else {
                        for (Payload p : f.get().apply(meter.readingAt(t), t)) {
                            link.publish(topic, p);
                        }
                    }
                    lastTs.put(meter.meterId(), t);
                }
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait < 0) {
                next = System.nanoTime();
            } else if (stop.await(wait, TimeUnit.NANOSECONDS)) {
                reportHeldBack();
                return;
            }
        }
    }

    private void reportHeldBack() {
        for (SimulatedMeter meter : group.meters()) {
            faults.of(meter.meterId()).filter(f -> f.heldBack() > 0).ifPresent(f -> LOG.warnf(
                    "fault outage: meter %s stopped during its outage; %d held-back readings were never sent",
                    meter.meterId(), f.heldBack()));
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }
}
