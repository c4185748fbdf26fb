package io.jieneng.analytics.alert.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(60), 10);
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.delayAfter(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(b.delayAfter(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(b.delayAfter(10)).isEqualTo(Duration.ofMinutes(60));
        assertThat(b.delayAfter(1000)).isEqualTo(Duration.ofMinutes(60));
        assertThat(b.exhausted(9)).isFalse();
        assertThat(b.exhausted(10)).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUrlIsShownWithoutCredentials() {
        assertThat(Delivery.redact("https://user:pw@hooks.example.org:8443/a/b?token=s3cret"))
                .isEqualTo("https://hooks.example.org:8443/a/b?...");
        assertThat(Delivery.redact("http://127.0.0.1:9999/hook")).isEqualTo("http://127.0.0.1:9999/hook");
    }
}
