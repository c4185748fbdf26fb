package io.jieneng.ingest.server;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class IpConnectionLimiterTest {

    @Test
    void limitsEachAddressSeparatelyAndFreesOnClose() throws Exception {
        IpConnectionLimiter limiter = new IpConnectionLimiter(2);
        InetAddress a = InetAddress.getByName("127.0.0.2");
        InetAddress b = InetAddress.getByName("127.0.0.3");
        assertThat(limiter.tryOpen(a)).isTrue();
        assertThat(limiter.tryOpen(a)).isTrue();
        assertThat(limiter.tryOpen(a)).isFalse();
        assertThat(limiter.tryOpen(b)).isTrue();
        limiter.closed(a);
        assertThat(limiter.openFrom(a)).isEqualTo(1);
        assertThat(limiter.tryOpen(a)).isTrue();
        limiter.closed(a);
        limiter.closed(a);
        assertThat(limiter.openFrom(a)).isZero();
    }

    @Test
    void zeroIsUnlimited() throws Exception {
        IpConnectionLimiter limiter = new IpConnectionLimiter(0);
        InetAddress a = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryOpen(a)).isTrue();
        }
    }
}
