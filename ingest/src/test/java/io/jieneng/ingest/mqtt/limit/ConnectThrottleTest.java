package io.jieneng.ingest.mqtt.limit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectThrottleTest {

    final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    // 3 failures at once, then one every 10 s; per user 2 at once, then one a minute.
    final ConnectThrottle throttle = new ConnectThrottle(new Limits.FailureBudget(3, 6),
            new Limits.FailureBudget(2, 1), nanos::get);

    static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void anAddressIsRefusedOnceItsFailuresAreUsedUpAndAgainAllowedAsTheyRefill() throws Exception {
        InetAddress a = ip("192.0.2.7");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit(a, null)).isEqualTo(ConnectThrottle.Verdict.PASS);
            throttle.failed(a, null);
        }
        assertThat(throttle.admit(a, null)).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        assertThat(throttle.admit(ip("192.0.2.8"), null)).isEqualTo(ConnectThrottle.Verdict.PASS);
        nanos.addAndGet(9_000_000_000L);
        assertThat(throttle.admit(a, null)).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        nanos.addAndGet(1_000_000_000L);
        assertThat(throttle.admit(a, null)).isEqualTo(ConnectThrottle.Verdict.PASS);
    }

    @Test
    void ipv6AddressesShareTheBudgetOfTheirSlash64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            throttle.failed(ip("2001:db8:0:0::" + i), null);
        }
        assertThat(throttle.admit(ip("2001:db8::ffff:1"), null)).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        assertThat(throttle.admit(ip("2001:db8:0:1::1"), null)).isEqualTo(ConnectThrottle.Verdict.PASS);
        assertThat(ConnectThrottle.group(ip("2001:db8:0:0:aaaa::1"))).isEqualTo(ip("2001:db8::"));
        assertThat(ConnectThrottle.group(ip("192.0.2.1"))).isEqualTo(ip("192.0.2.1"));
    }

    @Test
    void aDeviceIdIsRefusedFromEveryAddressOnceItsFailuresAreUsedUp() throws Exception {
        throttle.failed(ip("192.0.2.1"), "gov-e-main");
        throttle.failed(ip("192.0.2.2"), "gov-e-main");
        assertThat(throttle.admit(ip("192.0.2.3"), "gov-e-main")).isEqualTo(ConnectThrottle.Verdict.USER);
        assertThat(throttle.admit(ip("192.0.2.3"), "gov-e-hvac")).isEqualTo(ConnectThrottle.Verdict.PASS);
    }

    @Test
    void refilledBudgetsAreForgotten() throws Exception {
        throttle.failed(ip("192.0.2.1"), "gov-e-main");
        assertThat(throttle.sweep()).isEqualTo(2);
        nanos.addAndGet(60_000_000_000L);
        assertThat(throttle.sweep()).isZero();
    }

    @Test
    void aZeroBurstTurnsABudgetOff() throws Exception {
        ConnectThrottle off = new ConnectThrottle(new Limits.FailureBudget(0, 1), new Limits.FailureBudget(0, 1),
                nanos::get);
        for (int i = 0; i < 100; i++) {
            off.failed(ip("192.0.2.1"), "gov-e-main");
        }
        assertThat(off.admit(ip("192.0.2.1"), "gov-e-main")).isEqualTo(ConnectThrottle.Verdict.PASS);
    }
}
