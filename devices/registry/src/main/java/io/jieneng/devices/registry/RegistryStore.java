package io.jieneng.devices.registry;

import java.util.Optional;

/**
 * The registry in its relational database. Both ingest and analytics use it; the JDBC implementation runs on
 * H2 and on PostgreSQL with one Flyway schema.
 */
public interface RegistryStore {

    /** The whole registry, without secrets. */
    Registry load();

    /**
     * Upserts {@code document} in one transaction. Every problem is checked first, against the document and what
     * is already stored; if there is any, nothing is written and a {@link RegistryValidationException} lists them
     * all. Entities missing from the document are kept. A meter, gateway or user without a secret keeps its
     * stored hash; a new one must have a secret. Importing the same document twice changes nothing.
     */
    ImportResult importDocument(RegistryDocument document);

    /** The salted, slow hash of a meter's or gateway's secret. */
    Optional<String> deviceSecretHash(String deviceId);

    /** An API user and the hash of its password. */
    Optional<StoredUser> user(String name);

    /** An API user as stored: the user (without password) and its password hash. */
    record StoredUser(ApiUser user, String passwordHash) {
    }
}
