package io.jieneng.analytics.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-28T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofMinutes(15), clock,
            1000);

    @Test
    void locksAfterTheLimitWithinTheWindowAndUnlocksAfterTheLockout() {
        assertThat(throttle.failed("k")).isFalse();
        assertThat(throttle.failed("k")).isFalse();
        assertThat(throttle.isLocked("k")).isFalse();
        assertThat(throttle.failed("k")).isTrue();
        assertThat(throttle.isLocked("k")).isTrue();
        now = now.plus(Duration.ofMinutes(15)).plusMillis(1);
        assertThat(throttle.isLocked("k")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        throttle.failed("k");
        throttle.failed("k");
        now = now.plus(Duration.ofMinutes(16));
        assertThat(throttle.failed("k")).isFalse();
        assertThat(throttle.isLocked("k")).isFalse();
    }

    @Test
    void aSuccessClearsTheFailuresAndKeysAreIndependent() {
        throttle.failed("k");
        throttle.failed("k");
        throttle.succeeded("k");
        assertThat(throttle.failed("k")).isFalse();
        throttle.failed("other");
        throttle.failed("other");
        throttle.failed("other");
        assertThat(throttle.isLocked("other")).isTrue();
        assertThat(throttle.isLocked("k")).isFalse();
    }

    @Test
    void memoryStaysBoundedUnderManyDistinctKeys() {
        LoginThrottle small = new LoginThrottle(3, Duration.ofMinutes(15), Duration.ofMinutes(15), clock, 10);
        for (int i = 0; i < 100; i++) {
            small.failed("key-" + i);
            now = now.plus(Duration.ofMinutes(16));
        }
        assertThat(small.isLocked("key-99")).isFalse();
    }
}
