package io.jieneng.ingest.mqtt.limit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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

    ConnectThrottle.Verdict fail(String address, String user, boolean registered) throws Exception {
        ConnectThrottle.Admission a = throttle.admit(ip(address), user);
        if (a.verdict() == ConnectThrottle.Verdict.PASS) {
            throttle.failed(a, registered);
        }
        return a.verdict();
    }

    @Test
    void anAddressIsRefusedOnceItsFailuresAreUsedUpAndAgainAllowedAsTheyRefill() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(fail("192.0.2.7", null, false)).isEqualTo(ConnectThrottle.Verdict.PASS);
        }
        assertThat(throttle.admit(ip("192.0.2.7"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        assertThat(throttle.admit(ip("192.0.2.8"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
        nanos.addAndGet(9_000_000_000L);
        assertThat(throttle.admit(ip("192.0.2.7"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        nanos.addAndGet(1_000_000_000L);
        assertThat(throttle.admit(ip("192.0.2.7"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
    }

    @Test
    void successesNeverCostEvenManyAtOnceFromOneAddress() throws Exception {
        List<ConnectThrottle.Admission> inFlight = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            inFlight.add(throttle.admit(ip("192.0.2.50"), "device-" + i));
        }
        assertThat(inFlight).allMatch(a -> a.verdict() == ConnectThrottle.Verdict.PASS);
        inFlight.forEach(throttle::settled);
        assertThat(throttle.sweep()).isZero();
    }

    @Test
    void onceAnAddressFailedItsChecksInFlightReserveItsBudget() throws Exception {
        fail("192.0.2.9", null, false);
        // Two tokens left: a flood gets two checks in flight, not hundreds, before their failures are charged.
        List<ConnectThrottle.Admission> flood = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            flood.add(throttle.admit(ip("192.0.2.9"), "bogus-" + i));
        }
        assertThat(flood).filteredOn(a -> a.verdict() == ConnectThrottle.Verdict.PASS).hasSize(2);
        // A success among them gives its token back.
        throttle.settled(flood.get(0));
        assertThat(throttle.admit(ip("192.0.2.9"), "real").verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
    }

    @Test
    void ipv6AddressesShareTheBudgetOfTheirSlash64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fail("2001:db8:0:0::" + i, null, false);
        }
        assertThat(throttle.admit(ip("2001:db8::ffff:1"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.ADDRESS);
        assertThat(throttle.admit(ip("2001:db8:0:1::1"), null).verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
        assertThat(ConnectThrottle.group(ip("2001:db8:0:0:aaaa::1"))).isEqualTo(ip("2001:db8::"));
        assertThat(ConnectThrottle.group(ip("192.0.2.1"))).isEqualTo(ip("192.0.2.1"));
    }

    @Test
    void aDeviceIdIsRefusedFromEveryAddressOnceItsFailuresAreUsedUp() throws Exception {
        fail("192.0.2.1", "gov-e-main", true);
        fail("192.0.2.2", "gov-e-main", true);
        assertThat(throttle.admit(ip("192.0.2.3"), "gov-e-main").verdict()).isEqualTo(ConnectThrottle.Verdict.USER);
        assertThat(throttle.admit(ip("192.0.2.3"), "gov-e-hvac").verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
        // Unregistered names get no budget.
        for (int i = 0; i < 5; i++) {
            fail("198.51.100." + i, "nobody", false);
        }
        assertThat(throttle.admit(ip("198.51.100.99"), "nobody").verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
    }

    @Test
    void refilledBudgetsAreForgotten() throws Exception {
        fail("192.0.2.1", "gov-e-main", true);
        assertThat(throttle.sweep()).isEqualTo(2);
        nanos.addAndGet(60_000_000_000L);
        assertThat(throttle.sweep()).isZero();
    }

    @Test
    void aZeroBurstTurnsABudgetOff() throws Exception {
        ConnectThrottle off = new ConnectThrottle(new Limits.FailureBudget(0, 1), new Limits.FailureBudget(0, 1),
                nanos::get);
        for (int i = 0; i < 100; i++) {
            off.failed(off.admit(ip("192.0.2.1"), "gov-e-main"), true);
        }
        assertThat(off.admit(ip("192.0.2.1"), "gov-e-main").verdict()).isEqualTo(ConnectThrottle.Verdict.PASS);
    }
}
