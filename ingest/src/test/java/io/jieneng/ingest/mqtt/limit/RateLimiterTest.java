package io.jieneng.ingest.mqtt.limit;

import io.jieneng.ingest.IngestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    RateLimiter limiter(double perSecond, int burst) {
        return new RateLimiter(new Limits(perSecond, burst, 0), nanos::get, new IngestMetrics(meters));
    }

    @Test
    void refusesBeyondTheBurstUntilTokensRefill() {
        RateLimiter limiter = limiter(2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("m", true).refused()).isFalse();
        }
        assertThat(limiter.admit("m", true).refused()).isTrue();
        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(limiter.admit("m", true).refused()).isTrue();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(limiter.admit("m", true).refused()).isFalse();
        assertThat(meters.get(IngestMetrics.RATE_LIMITED).tag("action", "refused").counter().count()).isEqualTo(2);
    }

    @Test
    void theBucketBelongsToTheDeviceNotTheConnection() {
        RateLimiter limiter = limiter(1, 2);
        assertThat(limiter.tryAcquire("m")).isTrue();
        assertThat(limiter.tryAcquire("m")).isTrue();
        // Another connection of the same device draws from the same bucket; another device has its own.
        assertThat(limiter.tryAcquire("m")).isFalse();
        assertThat(limiter.tryAcquire("other")).isTrue();
    }

    @Test
    void whatCannotBeRefusedIsAdmittedAndTheConnectionPausedUntilTheDebtIsPaid() {
        RateLimiter limiter = limiter(10, 1);
        assertThat(limiter.admit("m", false).pauseNanos()).isZero();
        RateLimiter.Verdict second = limiter.admit("m", false);
        assertThat(second.refused()).isFalse();
        assertThat(second.pauseNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(limiter.admit("m", false).pauseNanos()).isEqualTo(Duration.ofMillis(200).toNanos());
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(limiter.admit("m", false).pauseNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(meters.get(IngestMetrics.RATE_LIMITED).tag("action", "slowed").counter().count()).isEqualTo(3);
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = limiter(0, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.admit("m", true)).isEqualTo(RateLimiter.Verdict.PASS);
        }
    }

    @Test
    void sweepForgetsRefilledBuckets() {
        RateLimiter limiter = limiter(1, 5);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.sweep()).isEqualTo(2);
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.sweep()).isZero();
    }

    /** Whatever the arrival pattern, no device gets more than its burst plus its rate over the elapsed time. */
    @Property(tries = 200)
    void neverAdmitsMoreThanBurstPlusRateTimesTime(@ForAll @IntRange(min = 1, max = 50) int perSecond,
                                                   @ForAll @IntRange(min = 1, max = 20) int burst,
                                                   @ForAll @Size(max = 300) List<@IntRange(max = 200) Integer> gapsMs) {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new Limits(perSecond, burst, 0), clock::get,
                new IngestMetrics(new SimpleMeterRegistry()));
        int admitted = 0;
        for (int gap : gapsMs) {
            clock.addAndGet(Duration.ofMillis(gap).toNanos());
            if (limiter.tryAcquire("m")) {
                admitted++;
            }
        }
        double elapsedSeconds = clock.get() / 1e9;
        assertThat((double) admitted).isLessThanOrEqualTo(burst + perSecond * elapsedSeconds + 1e-9);
    }

    /** Pausing for the returned time and then sending keeps a device within its rate. */
    @Property(tries = 100)
    void pausesKeepTheRate(@ForAll @IntRange(min = 1, max = 100) int perSecond,
                           @ForAll @IntRange(min = 1, max = 10) int burst,
                           @ForAll @IntRange(min = 1, max = 500) int messages) {
        AtomicLong clock = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new Limits(perSecond, burst, 0), clock::get,
                new IngestMetrics(new SimpleMeterRegistry()));
        for (int i = 0; i < messages; i++) {
            clock.addAndGet(limiter.admit("m", false).pauseNanos());
        }
        double elapsedSeconds = clock.get() / 1e9;
        assertThat((double) messages).isLessThanOrEqualTo(burst + perSecond * elapsedSeconds + 1 + 1e-6);
        assertThat((double) messages).isGreaterThanOrEqualTo(perSecond * elapsedSeconds - 1e-6);
    }
}
