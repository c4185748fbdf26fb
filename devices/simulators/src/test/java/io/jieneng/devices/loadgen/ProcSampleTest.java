package io.jieneng.devices.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcSampleTest {

    // A real line of /proc/<pid>/stat, with a command name holding a space and a ')'.
    private static final String STAT = "4971 (mosq (x) uitto) S 1 4971 4971 0 -1 4194560 1234 0 0 0 "
            + "9155 3402 0 0 20 0 1 0 265876 14794752 2172 18446744073709551615 1 1 0 0 0 0 0 4096 16386 0 0 0 "
            + "17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";
    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "Umask:\t0022",
            "State:\tS (sleeping)",
            "VmPeak:\t 4731228 kB",
            "VmHWM:\t  612344 kB",
            "VmRSS:\t  498120 kB",
            "Threads:\t42",
            "");

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        assertThat(ProcSample.cpuTicks(STAT)).isEqualTo(9155 + 3402);
    }

    @Test
    void statusGivesRssAndPeakInKib() {
        assertThat(ProcSample.statusKib(STATUS, "VmRSS")).isEqualTo(498_120);
        assertThat(ProcSample.statusKib(STATUS, "VmHWM")).isEqualTo(612_344);
        assertThat(ProcSample.statusKib("Name:\tkthreadd\n", "VmRSS")).as("a kernel thread").isZero();
    }

    @Test
    void somethingElseIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> ProcSample.cpuTicks("no parenthesis here"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcSample.cpuTicks("1 (a) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fields");
        assertThatThrownBy(() -> ProcSample.cpuTicks("1 (a) S 1 2 3 4 5 6 7 8 9 x y 1 2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcSample.statusKib("VmRSS:\t12 MB\n", "VmRSS"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisVeryProcess() {
        ProcSample self = ProcSample.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.rssKib()).isPositive();
        assertThat(self.hwmKib()).isGreaterThanOrEqualTo(self.rssKib());
        assertThat(ProcSample.read(Long.MAX_VALUE)).isEmpty();
    }
}
