package io.jieneng.analytics.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void ipv6AddressesOfOneSlash64ShareAKeyAndIpv4AddressesDoNot() {
        assertThat(ClientAddress.throttleKey("2001:db8:1:2::1"))
                .isEqualTo(ClientAddress.throttleKey("2001:DB8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo(ClientAddress.throttleKey("2001:0db8:0001:0002:0:0:0:abcd%eth0"))
                .isEqualTo("ipv6:20010db800010002/64");
        assertThat(ClientAddress.throttleKey("2001:db8:1:3::1")).isEqualTo("ipv6:20010db800010003/64");
        assertThat(ClientAddress.throttleKey("192.0.2.1")).isEqualTo("ipv4:192.0.2.1");
        assertThat(ClientAddress.throttleKey("192.0.2.2")).isEqualTo("ipv4:192.0.2.2");
        // An IPv4 client seen through a dual-stack socket is still that one IPv4 address.
        assertThat(ClientAddress.throttleKey("::ffff:192.0.2.1")).isEqualTo("ipv4:192.0.2.1");
    }

    @Test
    void somethingThatIsNoAddressLiteralIsKeptAsTextAndNeverResolved() {
        assertThat(ClientAddress.throttleKey("localhost")).isEqualTo("other:localhost");
        assertThat(ClientAddress.throttleKey(null)).isEqualTo("other:unknown");
        assertThat(ClientAddress.throttleKey("999.1.1.1")).isEqualTo("other:999.1.1.1");
    }
}
