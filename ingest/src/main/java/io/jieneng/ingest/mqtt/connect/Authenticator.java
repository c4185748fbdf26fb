package io.jieneng.ingest.mqtt.connect;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Checks CONNECT credentials: the username is a meter or gateway id of the registry, the password its secret,
 * verified with bcrypt against the stored hash; or a verified client certificate whose CN is such an id. The
 * database read and bcrypt run on {@code executor}, never on an event loop; a bounded executor that is full refuses
 * with {@link ConnectRefusal#SERVER_BUSY}.
 */
public final class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final Supplier<Registry> registry;
    private final RegistryStore store;
    private static final DeviceSecrets DEVICE_SECRETS = new DeviceSecrets();

    private final SecretHasher hasher;
    private final AuthCache cache;
    private final Executor executor;
    private final boolean allowAnonymous;
    // Unknown devices are checked against this, so that a refusal takes as long whether or not the id exists.
    private final String decoyHash;

    public Authenticator(Supplier<Registry> registry, RegistryStore store, SecretHasher hasher, AuthCache cache,
                         Executor executor, boolean allowAnonymous) {
        this.registry = registry;
        this.store = store;
        this.hasher = hasher;
        this.cache = cache;
        this.executor = executor;
        this.allowAnonymous = allowAnonymous;
        this.decoyHash = hasher.hash("decoy-secret-that-matches-nothing");
    }

    /**
     * Authenticates a CONNECT. {@code username} {@code null} or empty means anonymous; {@code clientId} names
     * an anonymous principal.
     */
    public CompletableFuture<AuthOutcome> authenticate(String username, byte[] password, String clientId) {
        return authenticate(username, password, clientId, null);
    }

    /**
     * Authenticates a CONNECT that may come with a verified client certificate. {@code certificateId} (the
     * certificate's CN, or {@code null} without one) is then the device id and no password is needed; a user name,
     * if given, must be the same id. Without a certificate it is {@link #authenticate(String, byte[], String)}.
     */
    public CompletableFuture<AuthOutcome> authenticate(String username, byte[] password, String clientId,
                                                       String certificateId) {
        if (certificateId != null) {
            return CompletableFuture.completedFuture(byCertificate(username, certificateId));
        }
        if (username == null || username.isEmpty()) {
            return CompletableFuture.completedFuture(allowAnonymous
                    ? AuthOutcome.granted(new DevicePrincipal(clientId, DevicePrincipal.Kind.ANONYMOUS))
                    : AuthOutcome.refused(ConnectRefusal.ANONYMOUS));
        }
        try {
            return CompletableFuture.supplyAsync(() -> verify(username, password == null ? new byte[0] : password),
                    executor);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(AuthOutcome.refused(ConnectRefusal.SERVER_BUSY));
        }
    }

    private AuthOutcome byCertificate(String username, String certificateId) {
        if (username != null && !username.isEmpty() && !username.equals(certificateId)) {
            LOG.debugf("User name %s does not match the client certificate of %s", username, certificateId);
            return AuthOutcome.refused(ConnectRefusal.BAD_CREDENTIALS);
        }
        DevicePrincipal.Kind kind = kindOf(registry.get(), certificateId);
        // A certificate of a device that is not (or no longer) in the registry proves nothing we can use.
        return kind == null ? AuthOutcome.refused(ConnectRefusal.BAD_CREDENTIALS)
                : AuthOutcome.granted(new DevicePrincipal(certificateId, kind));
    }

    private static DevicePrincipal.Kind kindOf(Registry snapshot, String id) {
        return snapshot.meter(id).isPresent() ? DevicePrincipal.Kind.METER
                : snapshot.gateway(id).isPresent() ? DevicePrincipal.Kind.GATEWAY : null;
    }

    private AuthOutcome verify(String id, byte[] password) {
        DevicePrincipal.Kind kind = kindOf(registry.get(), id);
        Optional<String> hash;
        try {
            hash = kind == null ? Optional.empty() : store.deviceSecretHash(id);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the secret hash of %s: %s", id, e.toString());
            return AuthOutcome.refused(ConnectRefusal.SERVER_UNAVAILABLE);
        }
        if (hash.isPresent() && cache.matches(id, hash.get(), password)) {
            return AuthOutcome.granted(new DevicePrincipal(id, kind));
        }
        String secret = new String(password, StandardCharsets.UTF_8);
        // Stored device hashes are PBKDF2 now, or bcrypt from before; DeviceSecrets verifies both (the decoy is bcrypt).
        boolean ok = DEVICE_SECRETS.verify(secret, hash.orElse(decoyHash)) && hash.isPresent();
        if (!ok) {
            return AuthOutcome.refused(ConnectRefusal.BAD_CREDENTIALS);
        }
        cache.remember(id, hash.get(), password);
        return AuthOutcome.granted(new DevicePrincipal(id, kind));
    }
}
