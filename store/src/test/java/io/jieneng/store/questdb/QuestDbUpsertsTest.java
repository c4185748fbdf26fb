package io.jieneng.store.questdb;

import io.jieneng.devices.reading.Reading;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuestDbUpsertsTest {

    static Reading r(String meter, long ts, Double energy, Double power) {
        return new Reading(meter, ts, energy, null, null, null, power, null, null);
    }

    @Test
    void readingsOfOneKeyInABatchBecomeOneWithTheNewestValueOfEachField() {
        List<Reading> merged = QuestDbUpserts.mergeWithin(List.of(r("a", 1, 1.0, null), r("b", 1, 9.0, null),
                r("a", 1, null, 2.0), r("a", 2, 3.0, null), r("a", 1, 4.0, null)));
        assertThat(merged).containsExactly(r("a", 1, 4.0, 2.0), r("b", 1, 9.0, null), r("a", 2, 3.0, null));
    }

    @Test
    void aBatchWithoutRepeatedKeysIsLeftAsItIs() {
        List<Reading> batch = List.of(r("a", 1, 1.0, null), r("a", 2, null, 2.0));
        assertThat(QuestDbUpserts.mergeWithin(batch)).isSameAs(batch);
    }
}
