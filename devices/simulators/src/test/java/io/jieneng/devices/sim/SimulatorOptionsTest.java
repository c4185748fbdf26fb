package io.jieneng.devices.sim;

import io.jieneng.devices.sim.fault.Fault;
import io.jieneng.devices.sim.fault.FaultKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    @Test
    void defaultsMatchTheDocumentedCommandLine() {
        SimulatorOptions o = SimulatorOptions.parse();
        assertThat(o.registry()).isNull();
        assertThat(o.serverUri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(o.backfillDays()).isEqualTo(30);
        assertThat(o.liveIntervalSeconds()).isEqualTo(10);
        assertThat(o.speed()).isEqualTo(1.0);
        assertThat(o.live()).isTrue();
        assertThat(o.readingsPerMessage()).isEqualTo(500);
        assertThat(o.maxInFlight()).isEqualTo(10);
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        SimulatorOptions o = SimulatorOptions.parse("--registry", "/tmp/r.json", "--host=broker", "--port", "8883",
                "--backfill-days", "7", "--live-interval-seconds=60", "--speed", "2.5", "--no-live", "--seed", "-42",
                "--readings-per-message", "10000", "--max-in-flight", "3");
        assertThat(o.registry()).isEqualTo(Path.of("/tmp/r.json"));
        assertThat(o.serverUri()).isEqualTo("tcp://broker:8883");
        assertThat(o.backfillDays()).isEqualTo(7);
        assertThat(o.liveIntervalSeconds()).isEqualTo(60);
        assertThat(o.speed()).isEqualTo(2.5);
        assertThat(o.live()).isFalse();
        assertThat(o.seed()).isEqualTo(-42L);
        assertThat(o.readingsPerMessage()).isEqualTo(10_000);
        assertThat(o.maxInFlight()).isEqualTo(3);
    }

    @Test
    void anIpv6HostIsBracketedInTheUri() {
        assertThat(SimulatorOptions.parse("--host", "::1").serverUri()).isEqualTo("tcp://[::1]:1883");
    }

    @Test
    void refusesWhatTheContractOrCommonSenseForbids() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--readings-per-message", "10001"))
                .hasMessageContaining("--readings-per-message");
        assertThatThrownBy(() -> SimulatorOptions.parse("--port", "0")).hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorOptions.parse("--speed", "0")).hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorOptions.parse("--speed", "NaN")).hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorOptions.parse("--backfill-days", "x"))
                .hasMessage("Invalid value for option '--backfill-days': 'x' is not an int");
        assertThatThrownBy(() -> SimulatorOptions.parse("--port"))
                .hasMessage("Missing required parameter for option '--port' (PORT)");
        assertThatThrownBy(() -> SimulatorOptions.parse("--colour", "red"))
                .hasMessage("Unknown options: '--colour', 'red'");
        assertThatThrownBy(() -> SimulatorOptions.parse("--no-live=yes"))
                .hasMessage("Invalid value for option '--no-live': 'yes' is not a boolean");
    }

    @Test
    void calendarFaultsAndControlAreParsed() {
        SimulatorOptions o = SimulatorOptions.parse("--calendar", "/etc/holidays.json", "--fault", "reset:m1",
                "--fault=outage:m2:30m", "--fault", "skew:m1:-90s", "--control", "stdin");
        assertThat(o.calendar()).isEqualTo(Path.of("/etc/holidays.json"));
        assertThat(o.faults()).containsExactly(new Fault(FaultKind.RESET, "m1", 0),
                new Fault(FaultKind.OUTAGE, "m2", 1_800_000L), new Fault(FaultKind.SKEW, "m1", -90_000L));
        assertThat(o.controlStdin()).isTrue();
        SimulatorOptions d = SimulatorOptions.defaults();
        assertThat(d.calendar()).isNull();
        assertThat(d.faults()).isEmpty();
        assertThat(d.controlStdin()).isFalse();
    }

    @Test
    void faultsNeedLiveMode() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--fault", "reset:m1", "--no-live"))
                .hasMessageContaining("--fault");
        assertThatThrownBy(() -> SimulatorOptions.parse("--control", "stdin", "--no-live"))
                .hasMessageContaining("--control");
        assertThatThrownBy(() -> SimulatorOptions.parse("--control", "tcp"))
                .hasMessage("--control takes 'stdin', not 'tcp'");
        assertThatThrownBy(() -> SimulatorOptions.parse("--fault", "melt:m1"))
                .hasMessageStartingWith("Invalid value for option '--fault' (KIND:METER[:ARG]): unknown fault 'melt'");
    }
}
