package io.jieneng.store.questdb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    @Test
    void valuesNeverEnterTheTextAndKeepThePlaceholderOrder() {
        Sql sql = new Sql("SELECT * FROM t WHERE ts >= ").micros(2).text(" AND meter IN (")
                .values(List.of("a'; DROP TABLE t; --", "b")).text(")");
        assertThat(sql.text()).isEqualTo("SELECT * FROM t WHERE ts >= ? AND meter IN (?, ?)");
        assertThat(sql.toString()).endsWith("[2000, a'; DROP TABLE t; --, b]");
    }
}
