package io.jieneng.devices.sim.fault;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTest {

    @Test
    void parsesTheCommandLineForm() {
        assertThat(Fault.parse("reset:m1")).isEqualTo(new Fault(FaultKind.RESET, "m1", 0));
        assertThat(Fault.parse("outage:m1:30m")).isEqualTo(new Fault(FaultKind.OUTAGE, "m1", 1_800_000));
        assertThat(Fault.parse("outage:m1:90")).isEqualTo(new Fault(FaultKind.OUTAGE, "m1", 90_000));
        assertThat(Fault.parse("outage:m1:1500ms")).isEqualTo(new Fault(FaultKind.OUTAGE, "m1", 1_500));
        assertThat(Fault.parse("outage:m1:2h")).isEqualTo(new Fault(FaultKind.OUTAGE, "m1", 7_200_000));
        assertThat(Fault.parse("skew:m1:+600s")).isEqualTo(new Fault(FaultKind.SKEW, "m1", 600_000));
        assertThat(Fault.parse("skew:m1:-5m")).isEqualTo(new Fault(FaultKind.SKEW, "m1", -300_000));
        assertThat(Fault.parse("DUPLICATES:js-main-01")).isEqualTo(new Fault(FaultKind.DUPLICATES, "js-main-01", 0));
        assertThat(Fault.parse("garbage:m1:10")).isEqualTo(new Fault(FaultKind.GARBAGE, "m1", 10));
        assertThat(Fault.parse("garbage:m1")).isEqualTo(new Fault(FaultKind.GARBAGE, "m1", 10));
        assertThat(Fault.parse("clear:m1")).isEqualTo(new Fault(FaultKind.CLEAR, "m1", 0));
    }

    @Test
    void parsesTheConsoleForm() {
        assertThat(Fault.parseCommand("fault reset m1")).isEqualTo(Fault.parse("reset:m1"));
        assertThat(Fault.parseCommand("  fault   outage  m1  30m ")).isEqualTo(Fault.parse("outage:m1:30m"));
        assertThat(Fault.parseCommand("skew m1 +600s")).isEqualTo(Fault.parse("skew:m1:+600s"));
        assertThat(Fault.parseCommand("fault garbage:m1:3")).isEqualTo(Fault.parse("garbage:m1:3"));
    }

    @Test
    void refusesWhatWouldBeGuessed() {
        assertThatThrownBy(() -> Fault.parse("reset")).hasMessageContaining("KIND:METER");
        assertThatThrownBy(() -> Fault.parse("a:b:c:d")).hasMessageContaining("KIND:METER");
        assertThatThrownBy(() -> Fault.parse("explode:m1")).hasMessageContaining("unknown fault 'explode'");
        assertThatThrownBy(() -> Fault.parse("outage:m1")).hasMessageContaining("outage needs an argument");
        assertThatThrownBy(() -> Fault.parse("outage:m1:0s")).hasMessageContaining("outage lasts");
        assertThatThrownBy(() -> Fault.parse("outage:m1:-5m")).hasMessageContaining("unsigned");
        assertThatThrownBy(() -> Fault.parse("outage:m1:25h")).hasMessageContaining("24h");
        assertThatThrownBy(() -> Fault.parse("outage:m1:ten")).hasMessageContaining("duration");
        assertThatThrownBy(() -> Fault.parse("skew:m1")).hasMessageContaining("skew needs an argument");
        assertThatThrownBy(() -> Fault.parse("garbage:m1:1")).hasMessageContaining("[2, 1000000]");
        assertThatThrownBy(() -> Fault.parse("garbage:m1:x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Fault.parse("reset:m1:5")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> Fault.parse("reset:")).hasMessageContaining("names no meter");
        assertThatThrownBy(() -> Fault.parseCommand("fault reset")).hasMessageContaining("fault KIND METER");
    }

    @Test
    void printsAsItIsTyped() {
        assertThat(Fault.parse("skew:m1:+600s")).hasToString("skew:m1:+600000ms");
        assertThat(Fault.parse(Fault.parse("outage:m1:30m").toString())).isEqualTo(Fault.parse("outage:m1:30m"));
        assertThat(Fault.parse("reset:m1")).hasToString("reset:m1");
    }
}
