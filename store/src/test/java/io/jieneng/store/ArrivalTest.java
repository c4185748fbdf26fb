package io.jieneng.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivalTest {

    @Test
    void oneArrivalPerMeterSpanningItsEarliestAndLatestReading() {
        List<Reading> batch = List.of(reading("a", 5_000), reading("b", 900), reading("a", 1_000),
                reading("a", 3_000), reading("a", 5_000));
        assertThat(Arrival.of(batch)).containsExactly(new Arrival("a", 1_000, 5_000), new Arrival("b", 900, 900));
    }

    @Test
    void anEmptyBatchMarksNothing() {
        assertThat(Arrival.of(List.of())).isEmpty();
    }

    @Test
    void aRangeCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new Arrival("a", 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Reading reading(String meter, long ts) {
        return Reading.of(meter, ts, Map.of(ReadingField.ENERGY_KWH, 1.0));
    }
}
