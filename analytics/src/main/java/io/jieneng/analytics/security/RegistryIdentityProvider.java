package io.jieneng.analytics.security;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.security.SecretHasher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP Basic authentication against the built-in admin and the registry's users; the decision is
 * {@link BasicLogin}'s. bcrypt takes tens of milliseconds, so it runs off the event loop. The remembered
 * successes are forgotten whenever the registry changes, so a changed password or role, or a disabled user,
 * takes effect at once.
 */
@ApplicationScoped
public class RegistryIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ATTR_INSTITUTION = "jieneng.institution";
    public static final String ATTR_REGION = "jieneng.region";
    /** Failed logins by reason: {@code wrong_credentials} or {@code locked_out}. */
    public static final String LOGIN_FAILURES = "jieneng.login.failures";
    private static final String DECOY_SECRET = "decoy password that no account has";

    @Inject
    RegistryService registry;

    @Inject
    AdminCredentials admin;

    @Inject
    JienengConfig config;

    @Inject
    MeterRegistry meters;

    private BasicLogin login;

    @PostConstruct
    void init() {
        JienengConfig.Login limits = config.login();
        SecretHasher hasher = new SecretHasher(config.bcryptCost());
        // The decoy costs what an imported user's hash costs: both are made with JIENENG_BCRYPT_COST.
        login = new BasicLogin(this::account, hasher::verify, hasher.hash(DECOY_SECRET),
                reason -> meters.counter(LOGIN_FAILURES, "reason", reason).increment(), Clock.systemUTC(),
                new BasicLogin.Limits(limits.maxFailures(), limits.maxFailuresPerAddress(),
                        limits.adminMaxFailures(), Duration.ofMinutes(limits.lockoutMinutes())));
        registry.onChange(login::forget);
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
        String address = http == null || http.request().remoteAddress() == null ? null
                : http.request().remoteAddress().hostAddress();
        return context.runBlocking(() -> login.login(name, password, address));
    }

    private Optional<BasicLogin.Account> account(String name) {
        if (AdminCredentials.USER.equals(name)) {
            return Optional.of(new BasicLogin.Account(name, "admin", null, null, admin.hash(), false));
        }
        return registry.store().user(name).map(stored -> {
            ApiUser u = stored.user();
            return new BasicLogin.Account(name, u.role().json(), u.institution(), u.region(), stored.passwordHash(),
                    u.disabled());
        });
    }
}
