package io.jieneng.devices.registry;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.jieneng.devices.registry.internal.JdbcRegistryStore;
import io.jieneng.devices.security.SecretHasher;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The registry's relational database: an Agroal connection pool with the Flyway migrations its caller names
 * applied. The same migrations run on H2 (the default, a file under the data directory) and on PostgreSQL.
 *
 * <pre>{@code
 * try (RegistryDatabase db = RegistryDatabase.open(RegistryDatabase.h2FileUrl(dataDir), "sa", "",
 *         List.of(RegistryDatabase.MIGRATIONS))) {
 *     RegistryStore store = db.store(new SecretHasher());
 *     store.importDocument(RegistryDocuments.demo());
 * }
 * }</pre>
 *
 * The registry's own tables are {@link #MIGRATIONS} (V1). Other modules keep their tables' migrations with their
 * code, in locations of their own (ingest {@code db/ingest}: V2; analytics {@code db/analytics}: V3, V4), and pass
 * every location they need; all share this database's one Flyway history, so version numbers are unique across
 * the locations. A process that migrates fewer locations than another (a standalone ingest next to analytics)
 * sees the others' later versions as "future" migrations, which Flyway accepts.
 */
public final class RegistryDatabase implements AutoCloseable {

    /** Where the registry's own migrations live on the classpath. */
    public static final String MIGRATIONS = "classpath:db/registry";
    /** The pool's maximum number of connections. */
    public static final int MAX_CONNECTIONS = 10;

    private static final Logger LOG = Logger.getLogger(RegistryDatabase.class);

    private final AgroalDataSource dataSource;

    private RegistryDatabase(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens a pool on {@code jdbcUrl} ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}) and migrates the schema
     * to the latest version found in {@code migrations}.
     *
     * @param user       the database user, or {@code null} for none
     * @param password   the password, or {@code null} for none
     * @param migrations Flyway locations, {@link #MIGRATIONS} first, then those of the caller's own tables
     * @throws IllegalStateException when the pool cannot be created or a migration fails
     */
    public static RegistryDatabase open(String jdbcUrl, String user, String password, List<String> migrations) {
        if (migrations.isEmpty() || !migrations.get(0).equals(MIGRATIONS)) {
            throw new IllegalArgumentException("the migrations start with the registry's " + MIGRATIONS + ", not "
                    + migrations);
        }
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .maxSize(MAX_CONNECTIONS)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        // A PostgreSQL restart leaves dead connections in the pool: check them before use,
                        // and drop one whose error says the connection is gone.
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(5))
                        .validateOnBorrow(true)
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(jdbcUrl).autoCommit(true);
                            if (user != null) {
                                factory.principal(new NamePrincipal(user));
                            }
                            if (password != null) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        AgroalDataSource dataSource;
        try {
            dataSource = AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a connection pool for " + jdbcUrl, e);
        }
        try {
            // Version numbers are global across the modules' locations, and a process migrates only the locations
            // it knows (a standalone ingest knows no analytics tables). So another module's applied versions are
            // not "missing" here, and a version of this process below another module's latest one is applied out
            // of order: each location owns its own tables, so their order across locations does not matter.
            MigrateResult result = Flyway.configure().dataSource(dataSource)
                    .locations(migrations.toArray(String[]::new))
                    .ignoreMigrationPatterns("*:missing", "*:future")
                    .outOfOrder(true)
                    .load().migrate();
            LOG.infof("registry database %s at schema version %s (%d migration(s) applied)", jdbcUrl,
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot migrate the registry database " + jdbcUrl + ": "
                    + e.getMessage(), e);
        }
        return new RegistryDatabase(dataSource);
    }

    /** The default H2 database: the file {@code registry} (H2 adds {@code .mv.db}) in {@code dataDir}. */
    public static String h2FileUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry");
    }

    /** The pooled data source, for modules that keep their own tables in this database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A registry store on this database. It needs no closing; closing the database ends it. */
    public RegistryStore store(SecretHasher hasher) {
        return new JdbcRegistryStore(dataSource, hasher);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
