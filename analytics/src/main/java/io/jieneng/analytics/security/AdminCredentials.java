package io.jieneng.analytics.security;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.analytics.registry.RegistryService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The built-in {@code admin} user. Its password comes from {@code JIENENG_ADMIN_PASSWORD}; without it, one is
 * generated on first start and kept, owner-readable only, in {@code <data dir>/admin.password}
 * ({@link AdminPasswordFile}), so it survives restarts and the operator can look it up. In memory only its bcrypt
 * hash is kept, and a login is checked against that hash. Outside the demo, a configured password that is a
 * well-known default or shorter than {@link AdminPasswordPolicy#MIN_LENGTH} characters stops the start-up.
 */
@ApplicationScoped
public class AdminCredentials {

    public static final String USER = "admin";
    static final String FILE_NAME = "admin.password";
    private static final Logger LOG = Logger.getLogger(AdminCredentials.class);

    @Inject
    JienengConfig config;

    private volatile String hash;
    private volatile String bannerText;

    /** The bcrypt hash of the admin password, resolved (and the password checked) on first use. */
    public String hash() {
        resolve();
        return hash;
    }

    /**
     * What the start-up banner says about the password: the password itself only on the start that generated
     * it (it is never logged again), else where it comes from.
     */
    public String bannerText() {
        resolve();
        return bannerText;
    }

    /** The demo ({@code ./jieneng run} without --registry) loads the bundled demo registry, whose users are public. */
    boolean demo() {
        return config.registryFile().map(f -> f.strip().equals("demo")).orElse(false);
    }

    /** Resolves (and so checks) the password at start-up: a refused password stops the platform at once. */
    void onStart(@Observes @Priority(RegistryService.STARTUP_PRIORITY - 1) StartupEvent event) {
        resolve();
    }

    private synchronized void resolve() {
        if (hash != null) {
            return;
        }
        Resolved r = resolve(config.adminPassword(), demo(), config.dataDir(), config.bcryptCost());
        bannerText = r.bannerText();
        hash = r.hash();
    }

    /** The admin password's hash and banner text: what {@link #hash()} and {@link #bannerText()} answer. */
    record Resolved(String hash, String bannerText) {
    }

    static Resolved resolve(Optional<String> configured, boolean demo, Path dataDir, int bcryptCost) {
        SecretHasher hasher = new SecretHasher(bcryptCost);
        if (configured.isPresent()) {
            Optional<String> weak = AdminPasswordPolicy.weakness(configured.get());
            if (weak.isPresent() && !demo) {
                throw new IllegalStateException("JIENENG_ADMIN_PASSWORD (jieneng.admin-password) " + weak.get()
                        + "; choose one of at least " + AdminPasswordPolicy.MIN_LENGTH + " characters that is not a "
                        + "shipped default, or unset it to have one generated (docs/SECURITY.md)");
            }
            if (weak.isPresent()) {
                LOG.warnf("JIENENG_ADMIN_PASSWORD %s; accepted only because this is the demo", weak.get());
            }
            return new Resolved(hasher.hash(configured.get()), "from JIENENG_ADMIN_PASSWORD");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            AdminPasswordFile.Result r = AdminPasswordFile.readOrCreate(file);
            return new Resolved(hasher.hash(r.password()), r.created()
                    ? r.password() + "  (generated now, kept in " + file.toAbsolutePath() + ")"
                    : "kept in " + file.toAbsolutePath() + " (generated earlier)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin password file " + file, e);
        }
    }
}
