package io.jieneng.ingest.mqtt.connect;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.ingest.IngestMetrics;
import io.jieneng.ingest.mqtt.limit.ConnectThrottle;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Checks CONNECT credentials: the username is a meter or gateway id of the registry that is not disabled, the
 * password its secret, verified against the stored hash ({@link DeviceSecrets}: fast PBKDF2, or a legacy bcrypt
 * hash, which is replaced by a PBKDF2 one after the first successful CONNECT); or a verified client certificate
 * whose CN is such an id. Before any database read or hash, the {@link ConnectThrottle} may refuse a source
 * address or device id that failed too often. The database read and the hash run on {@code executor}, never on
 * an event loop; a bounded executor that is full refuses with {@link ConnectRefusal#SERVER_BUSY}, and a queued
 * check whose socket closed meanwhile is dropped unchecked.
 */
public final class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final Supplier<Registry> registry;
    private final RegistryStore store;
    private final DeviceSecrets secrets;
    private final AuthCache cache;
    private final Executor executor;
    private final boolean allowAnonymous;
    private final ConnectThrottle throttle;
    private final IngestMetrics metrics;
    // Unknown and disabled devices are checked against this, so that a refusal takes as long as a wrong secret.
    private final String decoyHash;

    public Authenticator(Supplier<Registry> registry, RegistryStore store, DeviceSecrets secrets, AuthCache cache,
                         Executor executor, boolean allowAnonymous, ConnectThrottle throttle,
                         IngestMetrics metrics) {
        this.registry = registry;
        this.store = store;
        this.secrets = secrets;
        this.cache = cache;
        this.executor = executor;
        this.allowAnonymous = allowAnonymous;
        this.throttle = throttle;
        this.metrics = metrics;
        this.decoyHash = secrets.hash("decoy-secret-that-matches-nothing");
    }

    /** Authenticates a password CONNECT from no particular address; see {@link #authenticate(ConnectAttempt)}. */
    public CompletableFuture<AuthOutcome> authenticate(String username, byte[] password, String clientId) {
        return authenticate(ConnectAttempt.of(username, password, clientId));
    }

    /**
     * Authenticates a CONNECT. With a certificate id the certificate's CN is the device id and no password is
     * needed; a user name, if given, must be the same id. Without a user name it is anonymous.
     */
    public CompletableFuture<AuthOutcome> authenticate(ConnectAttempt attempt) {
        String username = attempt.username();
        if (attempt.certificateId() != null) {
            return CompletableFuture.completedFuture(byCertificate(username, attempt.certificateId()));
        }
        if (username == null || username.isEmpty()) {
            return CompletableFuture.completedFuture(allowAnonymous
                    ? AuthOutcome.granted(new DevicePrincipal(attempt.clientId(), DevicePrincipal.Kind.ANONYMOUS))
                    : AuthOutcome.refused(ConnectRefusal.ANONYMOUS));
        }
        ConnectThrottle.Admission admission = throttle.admit(attempt.source(), username);
        if (admission.verdict() != ConnectThrottle.Verdict.PASS) {
            LOG.debugf("Throttled a CONNECT of %s from %s (%s budget used up)", username, attempt.source(),
                    admission.verdict());
            return CompletableFuture.completedFuture(AuthOutcome.refused(ConnectRefusal.THROTTLED));
        }
        byte[] password = attempt.password() == null ? new byte[0] : attempt.password();
        try {
            return CompletableFuture.supplyAsync(() -> {
                if (!attempt.open().getAsBoolean()) {
                    // The client gave up while queued (a storm's timeouts): checking it would only delay the rest.
                    throttle.settled(admission);
                    metrics.connectRefused("abandoned");
                    return AuthOutcome.refused(ConnectRefusal.SERVER_BUSY);
                }
                AuthOutcome outcome;
                try {
                    outcome = verify(username, password);
                } catch (RuntimeException unexpected) {
                    throttle.settled(admission);
                    throw unexpected;
                }
                ConnectRefusal refusal = outcome.refusal();
                if (refusal == ConnectRefusal.BAD_CREDENTIALS || refusal == ConnectRefusal.DISABLED) {
                    throttle.failed(admission, refusal == ConnectRefusal.BAD_CREDENTIALS && known(username));
                } else {
                    throttle.settled(admission);
                }
                return outcome;
            }, executor);
        } catch (RejectedExecutionException busy) {
            throttle.settled(admission);
            return CompletableFuture.completedFuture(AuthOutcome.refused(ConnectRefusal.SERVER_BUSY));
        }
    }

    private boolean known(String id) {
        Registry snapshot = registry.get();
        return snapshot.meter(id).isPresent() || snapshot.gateway(id).isPresent();
    }

    private AuthOutcome byCertificate(String username, String certificateId) {
        if (username != null && !username.isEmpty() && !username.equals(certificateId)) {
            LOG.debugf("User name %s does not match the client certificate of %s", username, certificateId);
            return AuthOutcome.refused(ConnectRefusal.BAD_CREDENTIALS);
        }
        Device device = Device.of(registry.get(), certificateId);
        // A certificate of a device that is not (or no longer) in the registry proves nothing we can use.
        if (device == null) {
            return AuthOutcome.refused(ConnectRefusal.BAD_CREDENTIALS);
        }
        return device.disabled() ? AuthOutcome.refused(ConnectRefusal.DISABLED)
                : AuthOutcome.granted(new DevicePrincipal(certificateId, device.kind()));
    }

    /** A meter or gateway of a registry snapshot. */
    record Device(DevicePrincipal.Kind kind, boolean disabled) {

        /** The device {@code id} names in {@code snapshot}, or {@code null}. */
        static Device of(Registry snapshot, String id) {
            var meter = snapshot.meter(id);
            if (meter.isPresent()) {
                return new Device(DevicePrincipal.Kind.METER, meter.get().disabled());
            }
            return snapshot.gateway(id).map(g -> new Device(DevicePrincipal.Kind.GATEWAY, g.disabled())).orElse(null);
        }
    }

    private AuthOutcome verify(String id, byte[] password) {
        Device device = Device.of(registry.get(), id);
        boolean usable = device != null && !device.disabled();
        Optional<String> hash;
        try {
            hash = usable ? store.deviceSecretHash(id) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the secret hash of %s: %s", id, e.toString());
            return AuthOutcome.refused(ConnectRefusal.SERVER_UNAVAILABLE);
        }
        if (hash.isPresent() && cache.matches(id, hash.get(), password)) {
            return AuthOutcome.granted(new DevicePrincipal(id, device.kind()));
        }
        String secret = new String(password, StandardCharsets.UTF_8);
        boolean ok = secrets.verify(secret, hash.orElse(decoyHash)) && hash.isPresent();
        if (!ok) {
            return AuthOutcome.refused(device != null && device.disabled() ? ConnectRefusal.DISABLED
                    : ConnectRefusal.BAD_CREDENTIALS);
        }
        String current = upgrade(id, hash.get(), secret);
        cache.remember(id, current, password);
        return AuthOutcome.granted(new DevicePrincipal(id, device.kind()));
    }

    /**
     * Replaces a legacy (bcrypt) hash that {@code secret} just matched by a fast one, unless an import changed the
     * hash meanwhile; returns the hash now stored. A failure only postpones the upgrade to the next CONNECT.
     */
    private String upgrade(String id, String stored, String secret) {
        if (!secrets.needsUpgrade(stored)) {
            return stored;
        }
        String upgraded = secrets.hash(secret);
        try {
            if (store.replaceDeviceSecretHash(id, stored, upgraded)) {
                LOG.debugf("Upgraded the secret hash of %s", id);
                return upgraded;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot upgrade the secret hash of %s, trying again at its next CONNECT: %s", id, e.toString());
        }
        return stored;
    }
}
