package io.jieneng.analytics.security;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic authentication against the built-in admin and the registry's users. bcrypt takes tens of
 * milliseconds, so it runs off the event loop, and a successful check is remembered for a few minutes under a
 * SHA-256 of the presented password (never the password itself). The memory is cleared whenever the registry
 * changes, so a changed password or role takes effect at once. Failed logins are throttled per client address and
 * per user name and address ({@link LoginThrottle}): a locked-out attempt is refused without checking the password.
 */
@ApplicationScoped
public class RegistryIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ATTR_INSTITUTION = "jieneng.institution";
    public static final String ATTR_REGION = "jieneng.region";
    private static final long REMEMBER_MILLIS = 5 * 60_000;
    private static final int MAX_REMEMBERED = 10_000;
    private static final int MAX_THROTTLED = 100_000;
    /** Failed logins by reason: {@code wrong_credentials} or {@code locked_out}. */
    public static final String LOGIN_FAILURES = "jieneng.login.failures";
    private static final Logger LOG = Logger.getLogger(RegistryIdentityProvider.class);

    @Inject
    RegistryService registry;

    @Inject
    AdminCredentials admin;

    @Inject
    JienengConfig config;

    @Inject
    MeterRegistry meters;

    private final SecretHasher hasher = new SecretHasher();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private LoginThrottle perAddress;
    private LoginThrottle perUserAndAddress;

    private record Remembered(SecurityIdentity identity, long expiresAtMillis) {
    }

    @PostConstruct
    void init() {
        registry.onChange(remembered::clear);
        JienengConfig.Login login = config.login();
        Duration lockout = Duration.ofMinutes(login.lockoutMinutes());
        perUserAndAddress = new LoginThrottle(login.maxFailures(), lockout, lockout, clock, MAX_THROTTLED);
        perAddress = new LoginThrottle(login.maxFailuresPerAddress(), lockout, lockout, clock, MAX_THROTTLED);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null || http.request().remoteAddress() == null ? "unknown"
                : http.request().remoteAddress().hostAddress();
        return context.runBlocking(() -> verify(name, password, address));
    }

    private SecurityIdentity verify(String name, String password, String address) {
        String addressKey = "address:" + address;
        String userKey = "user:" + name + '\u0000' + address;
        if (perAddress.isLocked(addressKey) || perUserAndAddress.isLocked(userKey)) {
            meters.counter(LOGIN_FAILURES, "reason", "locked_out").increment();
            throw new AuthenticationFailedException("too many failed logins; locked out for a while");
        }
        String key = name + '\u0000' + sha256(password);
        Remembered r = remembered.get(key);
        long now = clock.millis();
        if (r != null && r.expiresAtMillis() > now) {
            return r.identity();
        }
        Optional<SecurityIdentity> checked = check(name, password);
        if (checked.isEmpty()) {
            meters.counter(LOGIN_FAILURES, "reason", "wrong_credentials").increment();
            if (perUserAndAddress.failed(userKey) | perAddress.failed(addressKey)) {
                LOG.warnf("too many failed logins for user %s from %s: locked out for %d minutes", name, address,
                        config.login().lockoutMinutes());
            }
            throw new AuthenticationFailedException("wrong user name or password");
        }
        perUserAndAddress.succeeded(userKey);
        SecurityIdentity identity = checked.get();
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(identity, now + REMEMBER_MILLIS));
        return identity;
    }

    private Optional<SecurityIdentity> check(String name, String password) {
        if (AdminCredentials.USER.equals(name)) {
            return admin.matches(password) ? Optional.of(identity(name, "admin", null, null)) : Optional.empty();
        }
        Optional<RegistryStore.StoredUser> stored = registry.store().user(name);
        if (stored.isEmpty() || !hasher.verify(password, stored.get().passwordHash())) {
            return Optional.empty();
        }
        ApiUser user = stored.get().user();
        return Optional.of(identity(name, user.role().json(), user.institution(), user.region()));
    }

    private static SecurityIdentity identity(String name, String role, String institution, String region) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(role);
        if (institution != null) {
            b.addAttribute(ATTR_INSTITUTION, institution);
        }
        if (region != null) {
            b.addAttribute(ATTR_REGION, region);
        }
        return b.build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
