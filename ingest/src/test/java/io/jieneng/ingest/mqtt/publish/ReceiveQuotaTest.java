package io.jieneng.ingest.mqtt.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveQuotaTest {

    final ReceiveQuota quota = new ReceiveQuota(2);

    @Test
    void countsQos1UntilPubackAndQos2UntilPubrel() {
        assertThat(quota.admit(1, 1)).isTrue();
        assertThat(quota.admit(2, 2)).isTrue();
        assertThat(quota.admit(1, 3)).isFalse();
        assertThat(quota.admit(0, 0)).isTrue();
        quota.acknowledged(1, 1);
        assertThat(quota.admit(1, 3)).isTrue();
        assertThat(quota.inFlight()).isEqualTo(2);
        // The QoS 2 message stays in flight after a successful PUBREC, until its PUBREL.
        quota.released(2);
        assertThat(quota.inFlight()).isEqualTo(1);
    }

    @Test
    void aPubrecWithAnErrorEndsTheFlowAndAResendIsNotCountedTwice() {
        quota.admit(2, 9);
        assertThat(quota.admit(2, 9)).isTrue();
        assertThat(quota.inFlight()).isEqualTo(1);
        quota.acknowledged(2, 9);
        assertThat(quota.inFlight()).isZero();
    }
}
