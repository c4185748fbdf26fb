package io.jieneng.devices.loadgen;

import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.security.SecretHasher;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Imports a registry document into the registry database that a standalone ingest ({@code ./jieneng ingest})
 * reads, located by the same keys: {@code JIENENG_DB_URL} (default: the H2 file in {@code JIENENG_DATA_DIR},
 * default {@code ./data}), {@code JIENENG_DB_USER}, {@code JIENENG_DB_PASSWORD}, and hashing secrets at
 * {@code JIENENG_BCRYPT_COST} (default 10). The standalone ingest imports no files itself; the platform does, at
 * start-up or through {@code PUT /api/v1/registry}, with this same {@code RegistryStore.importDocument}.
 */
public final class RegistryImport {

    private RegistryImport() {
    }

    /** Imports {@code file}; {@code env} returns {@code null} for unset keys. */
    public static ImportResult run(Path file, Function<String, String> env) {
        String url = env.apply("JIENENG_DB_URL");
        if (url == null || url.isBlank()) {
            String dataDir = env.apply("JIENENG_DATA_DIR");
            url = RegistryDatabase.h2FileUrl(Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir));
        }
        String costText = env.apply("JIENENG_BCRYPT_COST");
        int cost;
        try {
            cost = costText == null || costText.isBlank() ? SecretHasher.DEFAULT_COST
                    : Integer.parseInt(costText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JIENENG_BCRYPT_COST='" + costText + "' is not a whole number");
        }
        // The file is checked first: a refused document must not create or migrate a database.
        RegistryDocument document = RegistryDocuments.parse(file);
        try (RegistryDatabase db = RegistryDatabase.open(url, env.apply("JIENENG_DB_USER"),
                env.apply("JIENENG_DB_PASSWORD"), List.of(RegistryDatabase.MIGRATIONS))) {
            return db.store(new SecretHasher(cost)).importDocument(document);
        }
    }
}
