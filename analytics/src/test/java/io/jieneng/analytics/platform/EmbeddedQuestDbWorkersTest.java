package io.jieneng.analytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedQuestDbWorkersTest {

    @Test
    void eachPoolGetsHalfTheCoresAndIdleWorkersSleepSoon() {
        Map<String, String> env = new HashMap<>();
        EmbeddedQuestDb.defaultWorkers(env, 2);
        assertThat(env).containsEntry("QDB_SHARED_NETWORK_WORKER_COUNT", "1")
                .containsEntry("QDB_SHARED_QUERY_WORKER_COUNT", "1")
                .containsEntry("QDB_SHARED_WRITE_WORKER_COUNT", "1")
                .containsEntry("QDB_SHARED_WORKER_NAP_THRESHOLD", "100")
                .containsEntry("QDB_SHARED_WORKER_SLEEP_THRESHOLD", "1000")
                .containsEntry("QDB_SHARED_WORKER_SLEEP_TIMEOUT", "1");

        Map<String, String> big = new HashMap<>();
        EmbeddedQuestDb.defaultWorkers(big, 16);
        assertThat(big).containsEntry("QDB_SHARED_QUERY_WORKER_COUNT", "8");

        Map<String, String> one = new HashMap<>();
        EmbeddedQuestDb.defaultWorkers(one, 1);
        assertThat(one).containsEntry("QDB_SHARED_WRITE_WORKER_COUNT", "1");
    }

    @Test
    void anOperatorsPoolSizeOrThresholdWins() {
        Map<String, String> env = new HashMap<>(Map.of("QDB_SHARED_WORKER_COUNT", "4",
                "QDB_SHARED_WORKER_SLEEP_THRESHOLD", "10000"));
        EmbeddedQuestDb.defaultWorkers(env, 2);
        assertThat(env).doesNotContainKeys("QDB_SHARED_NETWORK_WORKER_COUNT", "QDB_SHARED_QUERY_WORKER_COUNT",
                "QDB_SHARED_WRITE_WORKER_COUNT")
                .containsEntry("QDB_SHARED_WORKER_COUNT", "4")
                .containsEntry("QDB_SHARED_WORKER_SLEEP_THRESHOLD", "10000");
    }
}
