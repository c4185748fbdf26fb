package io.jieneng.store.influxdb;

import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxQlTest {

    @Test
    void valuesTravelAsBoundParametersNeverInTheText() {
        InfluxQl q = new InfluxQl("SELECT * FROM \"readings\" WHERE ").meters(List.of("a' OR 1=1 --", "b"))
                .text(" AND time >= ").time(2);
        Query query = q.toQuery("db");
        assertThat(query.getCommand())
                .isEqualTo("SELECT * FROM \"readings\" WHERE (\"meter\" = $p0 OR \"meter\" = $p1) AND time >= $p2");
        assertThat(query.hasBoundParameters()).isTrue();
        assertThat(URLDecoder.decode(query.getParameterJsonWithUrlEncoded(), StandardCharsets.UTF_8))
                .contains("a' OR 1=1 --").contains(":2000000");
    }

    @Test
    void timesAreNanosecondsClampedToInfluxDbsRange() {
        assertThat(new InfluxQl("").time(Long.MAX_VALUE).toString()).endsWith("{p0=9223372036854775805}");
        assertThat(new InfluxQl("").time(Long.MIN_VALUE).toString()).endsWith("{p0=-9223372036854775806}");
        assertThat(new InfluxQl("").time(1).toString()).endsWith("{p0=1000000}");
    }

    @Test
    void identifiersAreQuoted() {
        assertThat(InfluxQl.quote("a\"b")).isEqualTo("\"a\\\"b\"");
    }
}
