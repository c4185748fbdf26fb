package io.jieneng.analytics.energy;

import io.jieneng.analytics.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    @Test
    void aYearRunsFromLocalNewYearToLocalNewYear() {
        TimeRange y = TimeRange.ofYear(2026, ZoneId.of("Asia/Shanghai"));
        assertThat(y.from()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(y.to()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(TimeRange.iso(y.from(), ZoneId.of("Asia/Shanghai"))).isEqualTo("2026-01-01T00:00:00+08:00");
    }

    @Test
    void theYearParameterIsAFourDigitYearFrom1970OrTheDefault() {
        assertThat(TimeRange.parseYear("2025", 2026)).isEqualTo(2025);
        assertThat(TimeRange.parseYear(" 2025 ", 2026)).isEqualTo(2025);
        assertThat(TimeRange.parseYear(null, 2026)).isEqualTo(2026);
        assertThat(TimeRange.parseYear("", 2026)).isEqualTo(2026);
        for (String bad : new String[] {"abc", "1969", "20250", "-2025", "2025.0", "２０２５"}) {
            assertThatThrownBy(() -> TimeRange.parseYear(bad, 2026)).as(bad)
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).getResponse().getStatus()).isEqualTo(400))
                    .hasMessageContaining("four-digit year");
        }
    }
}
