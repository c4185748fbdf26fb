package io.jieneng.analytics.registry;

import io.jieneng.devices.registry.RegistryDatabase;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry database's migrations live with the modules that own their tables; a database migrated when the
 * first four lived in one location must open with those rows unchanged (same versions, descriptions and
 * checksums), and get the later ones added.
 */
class AnalyticsSchemaTest {

    private static final List<String> ALL = List.of("db/registry/V1__registry.sql", "db/ingest/V2__quarantine.sql",
            "db/analytics/V3__rollup_state.sql", "db/analytics/V4__alerts.sql");

    @Test
    void theLocationsAreTheRegistrysIngestsAndAnalyticsInThatOrder() {
        assertThat(AnalyticsSchema.LOCATIONS).containsExactly(RegistryDatabase.MIGRATIONS, "classpath:db/ingest",
                "classpath:db/analytics");
    }

    @Test
    void aDatabaseMigratedFromTheFormerSingleLocationOpensWithoutChange(@TempDir Path dir) throws Exception {
        // The former layout: the four files side by side in one location.
        Path former = Files.createDirectories(dir.resolve("former"));
        for (String resource : ALL) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                Files.copy(in, former.resolve(Path.of(resource).getFileName().toString()));
            }
        }
        String url = RegistryDatabase.h2FileUrl(dir);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("filesystem:" + former).load().migrate();
        List<String> before = history(ds);
        assertThat(before).hasSize(4);

        try (RegistryDatabase db = RegistryDatabase.open(url, "sa", "", AnalyticsSchema.LOCATIONS)) {
            // The four rows stay as they were (no checksum or order changed); only migrations written since are added.
            List<String> after = history(db.dataSource());
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.subList(before.size(), after.size())).extracting(row -> row.split(" ")[0])
                    .containsExactly("5");
        }
    }

    @Test
    void aFreshDatabaseGetsEveryTable(@TempDir Path dir) throws Exception {
        try (RegistryDatabase db = RegistryDatabase.open(RegistryDatabase.h2FileUrl(dir), "sa", "",
                AnalyticsSchema.LOCATIONS)) {
            assertThat(history(db.dataSource())).extracting(row -> row.split(" ")[0])
                    .containsExactly("1", "2", "3", "4", "5");
        }
    }

    /** version, description, checksum and success of each applied migration, in order. */
    private static List<String> history(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"description\", \"checksum\", \"success\""
                     + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getBoolean(4));
            }
            return rows;
        }
    }
}
