package io.jieneng.devices.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry store and revocation scenarios on embedded H2, in the default file layout, one database file per test. */
class RegistryRoundTripH2Test extends DeletionScenarios {

    @TempDir
    Path dataDir;

    @Override
    Target freshDatabase() {
        return new Target(RegistryDatabase.h2FileUrl(dataDir), "sa", "");
    }

    @Test
    void defaultDatabaseIsAFileNamedRegistryInTheDataDirectory() {
        assertThat(RegistryDatabase.h2FileUrl(dataDir)).isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath()
                .resolve("registry"));
        assertThat(Files.exists(dataDir.resolve("registry.mv.db"))).isTrue();
    }
}
