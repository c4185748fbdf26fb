package io.jieneng.devices.loadgen;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGenCommandTest {

    @Test
    void everyOptionIsReadInBothSpellings() {
        LoadGenOptions o = LoadGenCommand.parse("--host", "10.0.0.5", "--port=1884", "--connections", "1000",
                "--source-addresses", "127.0.0.1-127.0.0.20", "--rate", "12500.5", "--max-in-flight=32", "--qos", "2",
                "--readings-per-message", "100", "--payload-bytes", "120", "--duration", "60", "--warmup", "10",
                "--ramp", "250", "--registry", "bench.json", "--meter-offset", "5", "--meter-prefix", "lg.",
                "--idle", "--mqtt-version", "3", "--target-pid", "4242", "--out", "r.json", "--ready-file", "ready",
                "--threads", "3", "--keepalive", "30", "--ack-timeout", "5", "--ts-step-ms", "0",
                "--ts-backlog-seconds", "7200", "--drain", "2.5");
        assertThat(o.host()).isEqualTo("10.0.0.5");
        assertThat(o.port()).isEqualTo(1884);
        assertThat(o.connections()).isEqualTo(1000);
        assertThat(o.sourceAddresses().addresses()).hasSize(20);
        assertThat(o.rate()).isEqualTo(12500.5);
        assertThat(o.maxInFlight()).isEqualTo(32);
        assertThat(o.qos()).isEqualTo(2);
        assertThat(o.readingsPerMessage()).isEqualTo(100);
        assertThat(o.payloadBytes()).isEqualTo(120);
        assertThat(o.durationSeconds()).isEqualTo(60);
        assertThat(o.warmupSeconds()).isEqualTo(10);
        assertThat(o.rampPerSecond()).isEqualTo(250);
        assertThat(o.registry()).isEqualTo(Path.of("bench.json"));
        assertThat(o.meterOffset()).isEqualTo(5);
        assertThat(o.meterPrefix()).isEqualTo("lg.");
        assertThat(o.idle()).isTrue();
        assertThat(o.mqttVersion()).isEqualTo(3);
        assertThat(o.targetPid()).isEqualTo(4242);
        assertThat(o.out()).isEqualTo(Path.of("r.json"));
        assertThat(o.readyFile()).isEqualTo(Path.of("ready"));
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.keepAliveSeconds()).isEqualTo(30);
        assertThat(o.ackTimeoutSeconds()).isEqualTo(5);
        assertThat(o.tsStepMillis()).isZero();
        assertThat(o.tsBacklogSeconds()).isEqualTo(7200);
        assertThat(o.drainSeconds()).isEqualTo(2.5);
    }

    @Test
    void theDefaultsAreAMaximumRateQos1RunOfHundredAnonymousConnections() {
        LoadGenOptions o = LoadGenCommand.parse();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(1883);
        assertThat(o.connections()).isEqualTo(100);
        assertThat(o.paced()).isFalse();
        assertThat(o.qos()).isEqualTo(1);
        assertThat(o.mqttVersion()).isEqualTo(5);
        assertThat(o.payloadBytes()).isEqualTo(200);
        assertThat(o.registry()).isNull();
        assertThat(o.idle()).isFalse();
        assertThat(o.tsStepMillis()).isEqualTo(1);
    }

    @Test
    void mistakesAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> LoadGenCommand.parse("--conections", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown options: '--conections', '5'");
        assertThatThrownBy(() -> LoadGenCommand.parse("--port"))
                .hasMessage("Missing required parameter for option '--port' (PORT)");
        assertThatThrownBy(() -> LoadGenCommand.parse("--connections", "many"))
                .hasMessage("Invalid value for option '--connections': 'many' is not an int");
        assertThatThrownBy(() -> LoadGenCommand.parse("--rate", "fast"))
                .hasMessage("Invalid value for option '--rate': 'fast' is not a double");
        assertThatThrownBy(() -> LoadGenCommand.parse("--rate", "NaN"))
                .hasMessage("--rate must be 0 (as fast as possible) or a positive number");
        assertThatThrownBy(() -> LoadGenCommand.parse("--duration", "Infinity"))
                .hasMessage("--duration must be a positive number");
        assertThatThrownBy(() -> LoadGenCommand.parse("--qos", "3")).hasMessage("--qos must be 0, 1 or 2");
        assertThatThrownBy(() -> LoadGenCommand.parse("--mqtt-version", "4"))
                .hasMessage("--mqtt-version must be 3 (3.1.1) or 5");
        assertThatThrownBy(() -> LoadGenCommand.parse("--payload-bytes", "20"))
                .hasMessageContaining("--payload-bytes must be at least 49");
        assertThatThrownBy(() -> LoadGenCommand.parse("--readings-per-message", "1000"))
                .hasMessageContaining("above the contract's 64 KiB");
        assertThatThrownBy(() -> LoadGenCommand.parse("--duration", "0")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> LoadGenCommand.parse("--rate", "-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadGenCommand.parse("--idle=yes"))
                .hasMessage("Invalid value for option '--idle': 'yes' is not a boolean");
        assertThatThrownBy(() -> LoadGenCommand.parse("1000"))
                .hasMessage("Unmatched argument at index 0: '1000'");
        assertThatThrownBy(() -> LoadGenCommand.parse("--meter-prefix", "a/b")).hasMessageContaining("--meter-prefix");
        assertThatThrownBy(() -> LoadGenCommand.parse("--source-addresses", "localhost"))
                .hasMessageContaining("Invalid value for option '--source-addresses'")
                .hasMessageContaining("'localhost' is not an IP address");
    }

    @Test
    void anOptionGivenTwiceKeepsItsLastValueAsScriptsAppendOverrides() {
        assertThat(LoadGenCommand.parse("--qos", "1", "--qos=0").qos()).isZero();
    }

    @Test
    void sourceAddressesAreRangesAndListsOfLiteralsUsedInTurn() {
        SourceAddresses a = SourceAddresses.parse("127.0.0.254-127.0.1.1, 10.1.2.3,::1");
        assertThat(a.asText()).containsExactly("127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1", "10.1.2.3",
                "0:0:0:0:0:0:0:1");
        assertThat(a.forConnection(0).getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(a.forConnection(6).getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(a.forConnection(5).getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(SourceAddresses.parse("").forConnection(3)).isNull();
    }

    @Test
    void sourceAddressMistakesAreRefused() {
        assertThatThrownBy(() -> SourceAddresses.parse("127.0.0.300"))
                .hasMessageContaining("'127.0.0.300' is not an IP address");
        assertThatThrownBy(() -> SourceAddresses.parse("localhost"))
                .hasMessageContaining("'localhost' is not an IP address");
        assertThatThrownBy(() -> SourceAddresses.parse("127.0.0.9-127.0.0.1")).hasMessageContaining("ends before");
        assertThatThrownBy(() -> SourceAddresses.parse("10.0.0.0-10.1.0.0")).hasMessageContaining("more than 4096");
    }
}
