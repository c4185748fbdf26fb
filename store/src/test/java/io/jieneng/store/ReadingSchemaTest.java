package io.jieneng.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingSchemaTest {

    @Test
    void refusesATablePrefixThatCouldInjectSql() {
        assertThatThrownBy(() -> ReadingSchema.checkedPrefix("x; DROP TABLE y; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingSchema.checkedPrefix("a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAreTheJsonNames() {
        assertThat(ReadingSchema.FIELDS).containsExactly("energyKwh", "exportKwh", "volumeM3", "heatGj", "powerKw",
                "irradianceWm2", "temperatureC");
        assertThat(ReadingSchema.TAGS).containsExactly("meter", "institution", "region", "type", "role", "subitem");
    }
}
