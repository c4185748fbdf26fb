package io.jieneng.ingest.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health bodies of the operations endpoint, in the shape analytics' MicroProfile Health serves. */
class OpsHealthJsonTest {

    @Test
    void allChecksUpIsUpAndTheChecksKeepTheirOrder() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        results.put("store", true);
        results.put("registry", true);
        assertThat(OpsServer.health(results)).isEqualTo("{\"status\":\"UP\",\"checks\":["
                + "{\"name\":\"store\",\"status\":\"UP\"},{\"name\":\"registry\",\"status\":\"UP\"}]}");
    }

    @Test
    void oneCheckDownIsDownAndNoChecksIsUp() {
        assertThat(OpsServer.health(Map.of("store", false)))
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"store\",\"status\":\"DOWN\"}]}");
        assertThat(OpsServer.health(Map.of())).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
    }

    @Test
    void aCheckNameThatNeedsEscapingStillGivesValidJson() throws Exception {
        String name = "store \"influx\" \\ 写入\n";
        JsonNode body = new ObjectMapper().readTree(OpsServer.health(Map.of(name, true)));
        assertThat(body.get("checks").get(0).get("name").asText()).isEqualTo(name);
        assertThat(body.get("status").asText()).isEqualTo("UP");
    }
}
