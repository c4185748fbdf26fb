package io.jieneng.devices.sim.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonCodesTest {

    @Test
    void successCodesBelow0x80AreNotFailures() {
        // Mosquitto answers 0x10 when nobody subscribes: the message was still accepted.
        assertThat(ReasonCodes.isFailure(0x00)).isFalse();
        assertThat(ReasonCodes.isFailure(0x10)).isFalse();
        assertThat(ReasonCodes.isFailure(0x80)).isTrue();
        assertThat(ReasonCodes.isFailure(0x99)).isTrue();
    }

    @Test
    void onlyBusyAndQuotaRefusalsAreRetried() {
        assertThat(ReasonCodes.isTransient(0x97)).isTrue();
        assertThat(ReasonCodes.isTransient(0x89)).isTrue();
        assertThat(ReasonCodes.isTransient(0x87)).isFalse();
        assertThat(ReasonCodes.isTransient(0x99)).isFalse();
    }

    @Test
    void describesTheCodeInHexWithItsName() {
        assertThat(ReasonCodes.describe(0x99)).isEqualTo("0x99 (payload format invalid)");
        assertThat(ReasonCodes.describe(0x87)).isEqualTo("0x87 (not authorized)");
        assertThat(ReasonCodes.describe(0xAB)).isEqualTo("0xAB (unknown)");
    }
}
