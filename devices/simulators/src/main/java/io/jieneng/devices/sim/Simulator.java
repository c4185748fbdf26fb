package io.jieneng.devices.sim;

import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.sim.fault.Fault;
import io.jieneng.devices.sim.fault.Faults;
import io.jieneng.devices.sim.fault.MeterFaults;
import io.jieneng.devices.sim.mqtt.MeterGroup;
import io.jieneng.devices.sim.mqtt.MeterGroups;
import io.jieneng.devices.sim.mqtt.MqttLink;
import io.jieneng.devices.sim.mqtt.PublishStats;
import io.jieneng.devices.sim.payload.PayloadChunker;
import io.jieneng.devices.sim.profile.SimulatedFleet;
import io.jieneng.devices.sim.profile.SimulatedMeter;
import io.jieneng.devices.sim.profile.SiteCalendar;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes simulated readings of every meter of a registry document to an MQTT broker, as meters and gateways
 * would (docs/CONTRACT.md §1): first a backfill of the last days, then live readings. One connection per meter, or one
 * per gateway for the meters assigned to it. {@link #close()} stops it and disconnects.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Simulator.class);
    private static final long PROGRESS_SECONDS = 10;
    private static final long LIVE_PROGRESS_EVERY = 6;

    private final SimulatorOptions options;
    private final Clock clock;
    private final MeterGroups plan;
    private final Faults faults;
    private final PublishStats stats = new PublishStats();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> workers = new ArrayList<>();
    private CountDownLatch backfillDone;
    private ScheduledExecutorService progress;
    private long startNanos;

    public Simulator(RegistryDocument registry, SimulatorOptions options) {
        this(registry, options, Clock.systemUTC());
    }

    /**
     * @param clock where "now" comes from: the backfill ends at its instant when {@link #start()} is called
     * @throws io.jieneng.devices.calendar.CalendarException when the {@code --calendar} file is refused
     * @throws IllegalArgumentException when a {@code --fault} names a meter the simulator does not publish
     */
    public Simulator(RegistryDocument registry, SimulatorOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.plan = MeterGroups.plan(registry, SimulatedFleet.of(registry, options.seed(),
                SiteCalendar.of(options.calendar())));
        this.faults = new Faults(plan.groups().stream().flatMap(g -> g.meters().stream())
                .map(SimulatedMeter::meterId).toList(),
                new PayloadChunker(options.readingsPerMessage(), PayloadChunker.MAX_PAYLOAD_BYTES));
        options.faults().forEach(faults::inject);
    }

    /** Every meter's faults: inject more while running, e.g. from a {@link io.jieneng.devices.sim.fault.ControlConsole}. */
    public Faults faults() {
        return faults;
    }

    /**
     * Queues {@code fault} for its meter's next live reading.
     *
     * @throws IllegalArgumentException when the simulator publishes no such meter
     */
    public void inject(Fault fault) {
        faults.inject(fault);
    }

    /** The fault state of one meter, if the simulator publishes it. */
    public Optional<MeterFaults> faults(String meterId) {
        return faults.of(meterId);
    }

    /** Which connections the simulator opens, and which meters it leaves out for lack of credentials. */
    public MeterGroups plan() {
        return plan;
    }

    /** Connects every meter and gateway and starts sending; returns at once. */
    public synchronized void start() {
        if (backfillDone != null) {
            throw new IllegalStateException("already started");
        }
        if (!plan.skipped().isEmpty()) {
            LOG.warnf("meters without a secret or a gateway are not simulated: %s", plan.skipped());
        }
        if (options.live() && options.speed() > 1.0) {
            LOG.warnf("--speed %s puts live timestamps ahead of the wall clock; an ingest refuses readings more than"
                    + " 5 minutes in the future", options.speed());
        }
        startNanos = System.nanoTime();
        SimClock simClock = SimClock.startingAt(clock.millis(), options.speed());
        backfillDone = new CountDownLatch(plan.groups().size());
        LOG.infof("simulating %d meters over %d connections to %s: %d days of backfill%s", plan.meterCount(),
                plan.groups().size(), options.serverUri(), options.backfillDays(),
                options.live() ? ", then live readings every " + options.liveIntervalSeconds() + " s" : "");
        for (MeterGroup group : plan.groups()) {
            try {
                MqttLink link = new MqttLink(options.serverUri(), group, options.maxInFlight(), stats, stop);
                Thread t = new Thread(new GroupWorker(group, link, options, simClock, backfillDone, stop,
                        faults),
                        "simulator-" + group.clientId());
                workers.add(t);
                t.start();
            } catch (MqttException e) {
                LOG.errorf(e, "cannot create the MQTT client of %s", group);
                backfillDone.countDown();
            }
        }
        startProgressLog();
    }

    /** Waits until every connection has sent (and had acknowledged) its backfill, or gave up, or was stopped. */
    public BackfillSummary awaitBackfill() throws InterruptedException {
        CountDownLatch done;
        synchronized (this) {
            done = backfillDone;
        }
        if (done == null) {
            throw new IllegalStateException("not started");
        }
        done.await();
        PublishStats.Snapshot s = stats.snapshot();
        return new BackfillSummary(plan.meterCount(), plan.groups().size(), s.readings(), s.messages(),
                s.failedReadings(), (System.nanoTime() - startNanos) / 1e9, s.errorsByKind());
    }

    /** Waits until {@link #close()} is called or every connection has ended. */
    public void awaitTermination() throws InterruptedException {
        for (Thread t : workersSnapshot()) {
            t.join();
        }
    }

    public PublishStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Stops sending and disconnects every client; safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        stop.countDown();
        for (Thread t : workersSnapshot()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            if (progress != null) {
                progress.shutdownNow();
            }
        }
    }

    private synchronized List<Thread> workersSnapshot() {
        return List.copyOf(workers);
    }

    private void startProgressLog() {
        progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-progress");
            t.setDaemon(true);
            return t;
        });
        AtomicLong ticks = new AtomicLong();
        progress.scheduleAtFixedRate(() -> {
            boolean backfilling = backfillDone.getCount() > 0;
            if (backfilling || ticks.incrementAndGet() % LIVE_PROGRESS_EVERY == 0) {
                PublishStats.Snapshot s = stats.snapshot();
                LOG.infof("%s: %d readings in %d messages acknowledged, %d readings refused, errors %s",
                        backfilling ? "backfill" : "live", s.readings(), s.messages(), s.failedReadings(),
                        s.errorsByKind());
            }
        }, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    }
}
