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
     *
     * <p>The meters of the document's {@code delete} are deleted, with their credentials, only if {@code data}
     * says they have no data; a meter with data is refused (disable it instead), and one already absent is left
     * as it is, so a document that deletes can be imported again.
     */
    ImportResult importDocument(RegistryDocument document, MeterData data);

    /**
     * {@link #importDocument(RegistryDocument, MeterData)} by a caller that cannot see the time-series store: a
     * document that deletes a stored meter is refused.
     */
    default ImportResult importDocument(RegistryDocument document) {
        return importDocument(document, MeterData.UNAVAILABLE);
    }

    /**
     * The salted hash of a meter's or gateway's secret: {@code $pbkdf2-sha256$...}
     * ({@link io.jieneng.devices.security.DeviceSecrets}), or a legacy bcrypt {@code $2b$...} hash stored before
     * device secrets were hashed fast. Verify it with {@code DeviceSecrets.verify}.
     */
    Optional<String> deviceSecretHash(String deviceId);

    /**
     * Replaces a device's secret hash only if it is still {@code expectedOldHash} (compare-and-set), so that an
     * upgrade of a legacy bcrypt hash after a successful CONNECT never overwrites a secret that an import rotated in
     * the meantime. Changes the {@link #changeStamp()} when it replaces.
     *
     * @return true when the hash was replaced; false when the device is unknown or its hash is no longer
     *         {@code expectedOldHash} (or the registry stayed locked by an import for too long: try again at the
     *         next CONNECT)
     */
    boolean replaceDeviceSecretHash(String deviceId, String expectedOldHash, String newHash);

    /**
     * A number that changes whenever the stored registry or a device hash changes (every import that changes
     * something, every {@link #replaceDeviceSecretHash} that replaces). One cheap read of one row: poll it and
     * {@link #load()} only when it differs from the last value seen. Read it BEFORE loading, so that a change
     * committed between the two reads is seen again at the next poll rather than missed.
     */
    long changeStamp();

    /** An API user and the hash of its password. */
    Optional<StoredUser> user(String name);

    /** An API user as stored: the user (without password) and its password hash. */
    record StoredUser(ApiUser user, String passwordHash) {
    }
}
