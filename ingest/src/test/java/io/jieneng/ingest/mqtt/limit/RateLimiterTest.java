package io.jieneng.ingest.mqtt.limit;

import io.jieneng.ingest.IngestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Collections;
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
    @Test
    void neverAdmitsMoreThanBurstPlusRateTimesTime() {
        Property.check(r -> neverMoreThanBurstPlusRate(Gen.intIn(r, 1, 50), Gen.intIn(r, 1, 20),
                Gen.listOf(r, 0, 300, x -> Gen.intIn(x, 0, 200))));
    }

    /** No arrival, arrivals all at once, and arrivals at the longest gap, at the ends of rate and burst. */
    @ParameterizedTest
    @CsvSource({"1, 1, 0, 0", "50, 20, 0, 0", "1, 1, 300, 0", "50, 20, 300, 0", "1, 20, 300, 200", "50, 1, 300, 200",
            "1, 1, 300, 1", "50, 20, 1, 200"})
    void neverAdmitsMoreThanBurstPlusRateTimesTime_edges(int perSecond, int burst, int arrivals, int gapMs) {
        neverMoreThanBurstPlusRate(perSecond, burst, Collections.nCopies(arrivals, gapMs));
    }

    private static void neverMoreThanBurstPlusRate(int perSecond, int burst, List<Integer> gapsMs) {
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
    @Test
    void pausesKeepTheRate() {
        Property.check(r -> pausesKeepTheRate(Gen.intIn(r, 1, 100), Gen.intIn(r, 1, 10), Gen.intIn(r, 1, 500)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "100, 10, 500", "1, 10, 500", "100, 1, 1", "1, 1, 500", "100, 10, 1", "3, 7, 11"})
    void pausesKeepTheRate_edges(int perSecond, int burst, int messages) {
        pausesKeepTheRate(perSecond, burst, messages);
    }

    private static void pausesKeepTheRate(int perSecond, int burst, int messages) {
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
