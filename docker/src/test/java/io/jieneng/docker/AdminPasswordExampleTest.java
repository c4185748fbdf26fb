package io.jieneng.docker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The example environment file must not hand out a working admin password (docs/SECURITY.md). */
class AdminPasswordExampleTest {

    @Test
    void theExampleLeavesTheAdminPasswordEmptySoComposeRefusesToStartUntilItIsSet() {
        List<String> lines = Repo.read(Repo.ENV_EXAMPLE).lines()
                .filter(l -> l.startsWith("JIENENG_ADMIN_PASSWORD=")).toList();
        assertThat(lines).containsExactly("JIENENG_ADMIN_PASSWORD=");
        // ":?" makes compose stop on an empty value, not only on an unset one.
        for (Path compose : List.of(Repo.COMPOSE, Repo.COMPOSE_SCALE)) {
            assertThat(Repo.read(compose)).as(compose.toString())
                    .contains("JIENENG_ADMIN_PASSWORD: ${JIENENG_ADMIN_PASSWORD:?");
        }
    }
}
