package io.jieneng.devices.loadgen;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU use of this process (so a report shows the load generator was not the bottleneck) and the CPU and RSS of
 * a target server process. CPU is compared between two {@link Mark}s; the target's RSS is sampled every second
 * for its maximum.
 */
final class ResourceSampler implements AutoCloseable {

    /** A point in time: wall clock, own CPU, target CPU (-1 without a target). */
    record Mark(long wallNanos, long ownCpuNanos, long targetCpuTicks) {
    }

    private final long targetPid;
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong maxRssKib = new AtomicLong();
    private final ScheduledExecutorService timer;

    /** @param targetPid 0 for none */
    ResourceSampler(long targetPid) {
        this.targetPid = targetPid;
        if (targetPid > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "loadgen-proc-sampler");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::sampleRss, 0, 1, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    Mark mark() {
        long ticks = target().map(ProcSample::cpuTicks).orElse(-1L);
        return new Mark(System.nanoTime(), os.getProcessCpuTime(), ticks);
    }

    /** This process's CPU between the marks, in percent of one core (200 = two cores busy). */
    static double ownCpuPercent(Mark from, Mark to) {
        double wall = to.wallNanos() - from.wallNanos();
        return wall <= 0 ? 0 : round1(100.0 * (to.ownCpuNanos() - from.ownCpuNanos()) / wall);
    }

    /** The target's CPU between the marks, in percent of one core; -1 without a target. */
    static double targetCpuPercent(Mark from, Mark to) {
        if (from.targetCpuTicks() < 0 || to.targetCpuTicks() < 0) {
            return -1;
        }
        double wallSeconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        double cpuSeconds = (to.targetCpuTicks() - from.targetCpuTicks()) / (double) ProcSample.TICKS_PER_SECOND;
        return wallSeconds <= 0 ? 0 : round1(100.0 * cpuSeconds / wallSeconds);
    }

    long targetPid() {
        return targetPid;
    }

    /** The largest RSS seen so far, in KiB (0 without a target). */
    long maxRssKib() {
        sampleRss();
        return maxRssKib.get();
    }

    /** The target's peak RSS since it started ({@code VmHWM}), in KiB; 0 when unknown. */
    long peakRssKib() {
        return target().map(ProcSample::hwmKib).orElse(0L);
    }

    Optional<ProcSample> target() {
        return targetPid > 0 ? ProcSample.read(targetPid) : Optional.empty();
    }

    private void sampleRss() {
        target().ifPresent(s -> maxRssKib.accumulateAndGet(s.rssKib(), Math::max));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
