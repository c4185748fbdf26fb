package io.jieneng.devices.sim.fault;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.sim.payload.Payload;
import io.jieneng.devices.sim.payload.PayloadChunker;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of one simulated meter, applied to its live readings. Faults may be injected from any thread
 * ({@link #inject}); they take effect at the meter's next live reading, on the thread that publishes it
 * ({@link #apply}), which is the only thread that touches the rest of the state. Every fault is logged with the
 * meter and the time, so that a demonstrator can match it to the quarantine and the alerts.
 *
 * <p>Order of effects on a reading: reset offsets the registers, skew shifts the timestamp, an outage holds the
 * reading back; then each message that goes out may be replaced by garbage and may be sent twice.
 */
public final class MeterFaults {

    private static final Logger LOG = Logger.getLogger(MeterFaults.class);

    private final String meterId;
    private final PayloadChunker chunker;
    private final Queue<Fault> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong duplicatesSent = new AtomicLong();
    private final AtomicLong garbageSent = new AtomicLong();

    private Reading previousTrue;
    private boolean resetPending;
    private final Map<ReadingField, Double> resetOffsets = new EnumMap<>(ReadingField.class);
    private long skewMillis;
    private boolean duplicates;
    private long garbageEvery;
    private long messages;
    private long outageUntilMillis = Long.MIN_VALUE;
    private final List<Reading> heldBack = new ArrayList<>();
    /** The size of {@link #heldBack}, for other threads. */
    private volatile int heldBackCount;

    public MeterFaults(String meterId, PayloadChunker chunker) {
        this.meterId = meterId;
        this.chunker = chunker;
    }

    public String meterId() {
        return meterId;
    }

    /** Queues {@code fault} for the next live reading; safe from any thread. */
    public void inject(Fault fault) {
        if (!fault.meterId().equals(meterId)) {
            throw new IllegalArgumentException("fault " + fault + " is not for meter " + meterId);
        }
        inbox.add(fault);
    }

    /** Messages sent a second time so far. */
    public long duplicatesSent() {
        return duplicatesSent.get();
    }

    /** Malformed payloads sent so far. */
    public long garbageSent() {
        return garbageSent.get();
    }

    /**
     * The messages to publish for the meter's true live reading {@code reading} at wall time {@code nowMillis}
     * (simulated time), in order; empty while an outage holds readings back.
     */
    public List<Payload> apply(Reading reading, long nowMillis) {
        for (Fault f; (f = inbox.poll()) != null; ) {
            activate(f, nowMillis);
        }
        if (resetPending) {
            reset(reading, nowMillis);
        }
        previousTrue = reading;
        Reading out = shifted(offset(reading));
        List<Payload> payloads = new ArrayList<>(2);
        if (nowMillis < outageUntilMillis) {
            heldBack.add(out);
            heldBackCount = heldBack.size();
            return payloads;
        }
        if (!heldBack.isEmpty()) {
            List<Payload> late = chunker.chunk(heldBack);
            LOG.infof("fault outage: meter %s back at %s, publishing the %d missed readings (%s .. %s) as a late"
                    + " batch of %d message(s)", meterId, Instant.ofEpochMilli(nowMillis), heldBack.size(),
                    Instant.ofEpochMilli(heldBack.get(0).tsMillis()),
                    Instant.ofEpochMilli(heldBack.get(heldBack.size() - 1).tsMillis()), late.size());
            heldBack.clear();
            heldBackCount = 0;
            late.forEach(p -> send(p, payloads, nowMillis));
        }
        send(Payload.single(out), payloads, nowMillis);
        return payloads;
    }

    /** Readings held back by an outage that has not ended yet; lost if the simulator stops now. Any thread. */
    public int heldBack() {
        return heldBackCount;
    }

    private void activate(Fault f, long nowMillis) {
        Instant at = Instant.ofEpochMilli(nowMillis);
        switch (f.kind()) {
            case RESET -> resetPending = true;
            case OUTAGE -> {
                outageUntilMillis = Math.max(outageUntilMillis, nowMillis + f.argument());
                LOG.infof("fault outage: meter %s stops publishing live readings at %s until %s", meterId, at,
                        Instant.ofEpochMilli(outageUntilMillis));
            }
            case SKEW -> {
                skewMillis = f.argument();
                LOG.infof("fault skew: meter %s timestamps shifted by %+d ms from %s", meterId, skewMillis, at);
            }
            case DUPLICATES -> {
                duplicates = true;
                LOG.infof("fault duplicates: meter %s sends every message twice from %s", meterId, at);
            }
            case GARBAGE -> {
                garbageEvery = f.argument();
                messages = 0;
                LOG.infof("fault garbage: meter %s replaces every %d-th message by a malformed payload from %s",
                        meterId, garbageEvery, at);
            }
            case CLEAR -> {
                skewMillis = 0;
                duplicates = false;
                garbageEvery = 0;
                outageUntilMillis = Long.MIN_VALUE;
                LOG.infof("fault clear: meter %s back to normal at %s", meterId, at);
            }
        }
    }

    /**
     * The registers restart from 0 at the previous reading: the first reading after the reset shows what was
     * consumed since then, so the platform's reset rule (a decrease means delta = the new value) loses nothing.
     */
    private void reset(Reading reading, long nowMillis) {
        resetPending = false;
        Reading base = previousTrue != null ? previousTrue : reading;
        for (Map.Entry<ReadingField, Double> e : base.values().entrySet()) {
            if (e.getKey().isRegister()) {
                resetOffsets.put(e.getKey(), e.getValue());
            }
        }
        LOG.infof("fault reset: meter %s registers restart from 0 at %s (reading ts %s; they stood at %s)", meterId,
                Instant.ofEpochMilli(nowMillis), Instant.ofEpochMilli(reading.tsMillis()), resetOffsets);
    }

    private Reading offset(Reading r) {
        if (resetOffsets.isEmpty()) {
            return r;
        }
        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
        r.values().forEach((field, v) -> {
            Double off = resetOffsets.get(field);
            values.put(field, off == null ? v : Math.max(0.0, round(v - off, field)));
        });
        return Reading.of(r.meterId(), r.tsMillis(), values);
    }

    private Reading shifted(Reading r) {
        return skewMillis == 0 ? r : Reading.of(r.meterId(), r.tsMillis() + skewMillis, r.values());
    }

    private void send(Payload p, List<Payload> out, long nowMillis) {
        Payload sent = p;
        messages++;
        if (garbageEvery > 0 && messages % garbageEvery == 0) {
            long n = garbageSent.incrementAndGet();
            sent = garbage(p, n % 2 == 1, nowMillis);
        }
        out.add(sent);
        if (duplicates) {
            out.add(sent);
            duplicatesSent.incrementAndGet();
        }
    }

    /**
     * A malformed message in place of {@code p}: alternately JSON cut off before its end (quarantined as
     * invalid_json) and a reading with a negative register (negative_register).
     */
    private Payload garbage(Payload p, boolean cutOff, long nowMillis) {
        String json = new String(p.json(), StandardCharsets.UTF_8);
        String bad;
        String variant;
        if (cutOff || previousTrue == null || firstRegister(previousTrue) == null) {
            bad = json.substring(0, Math.max(1, json.length() - 1 - json.length() / 3));
            variant = "invalid JSON";
        } else {
            ReadingField field = firstRegister(previousTrue);
            bad = "{\"ts\":" + (nowMillis + skewMillis) + ",\"" + field.jsonName() + "\":-1.5}";
            variant = "negative " + field.jsonName();
        }
        LOG.infof("fault garbage: meter %s sends a malformed payload (%s) at %s instead of %d reading(s): %s",
                meterId, variant, Instant.ofEpochMilli(nowMillis), p.readings(), bad);
        return new Payload(bad.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static ReadingField firstRegister(Reading r) {
        return r.values().keySet().stream().filter(ReadingField::isRegister).findFirst().orElse(null);
    }

    private static double round(double v, ReadingField f) {
        double scale = f == ReadingField.HEAT_GJ ? 1e6 : 1e3;
        return Math.round(v * scale) / scale;
    }
}
