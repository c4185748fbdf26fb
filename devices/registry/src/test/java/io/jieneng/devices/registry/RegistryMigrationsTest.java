package io.jieneng.devices.registry;

import io.jieneng.devices.security.SecretHasher;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations a caller names, and processes that migrate fewer locations than others sharing the database. */
class RegistryMigrationsTest {

    private static final String LATER = "classpath:db/later";

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void theCallersLocationsAreMigratedAndAProcessWithFewerStillOpensTheDatabase() throws Exception {
        try (RegistryDatabase db = RegistryDatabase.open(url, "sa", "", List.of(RegistryDatabase.MIGRATIONS, LATER))) {
            assertThat(versions(db)).containsExactly("1", "2", "5");
        }
        // A standalone ingest next to analytics: analytics' later versions are "future" to it, not an error.
        try (RegistryDatabase db = RegistryDatabase.open(url, "sa", "", List.of(RegistryDatabase.MIGRATIONS))) {
            assertThat(versions(db)).containsExactly("1", "2", "5");
            assertThat(db.store(new SecretHasher(4)).load().document().meters()).isEmpty();
        }
    }

    @Test
    void theRegistryTablesComeFirst() {
        assertThatThrownBy(() -> RegistryDatabase.open(url, "sa", "", List.of(LATER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(RegistryDatabase.MIGRATIONS);
        assertThatThrownBy(() -> RegistryDatabase.open(url, "sa", "", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> versions(RegistryDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                     + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }
}
