package io.jieneng.analytics.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
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
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The decision behind an HTTP Basic login, apart from Quarkus so it can be tested on its own. Failed logins are
 * throttled three ways before any password is hashed ({@link LoginThrottle}): per user name and client address,
 * per client address (IPv6 per /64, {@link ClientAddress}), and, for the built-in {@code admin} whose name every
 * guesser knows, by one budget shared by all addresses. A known name and an unknown one cost the same bcrypt
 * check (an unknown one is checked against a decoy hash), so the answer's timing does not tell which names exist.
 * A successful check is remembered for a few minutes under a SHA-256 of the presented password (never the
 * password itself).
 */
final class BasicLogin {

    private static final Logger LOG = Logger.getLogger(BasicLogin.class);
    private static final long REMEMBER_MILLIS = 5 * 60_000;
    private static final int MAX_REMEMBERED = 10_000;
    private static final int MAX_THROTTLED = 100_000;
    private static final String ADMIN_BUDGET_KEY = "admin";

    /** A user who may log in: the role and scope of its identity, its password hash, and whether it is disabled. */
    record Account(String name, String role, String institution, String region, String passwordHash,
                   boolean disabled) {
    }

    /** The throttle settings (docs/CONFIG.md, {@code JIENENG_LOGIN_*}). */
    record Limits(int maxFailures, int maxFailuresPerAddress, int adminMaxFailures, Duration lockout) {
    }

    private final Function<String, Optional<Account>> accounts;
    private final BiPredicate<String, String> verifier;
    private final String decoyHash;
    private final Consumer<String> failures;
    private final Clock clock;
    private final Limits limits;
    private final LoginThrottle perUserAndAddress;
    private final LoginThrottle perAddress;
    private final LoginThrottle adminBudget;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(SecurityIdentity identity, long expiresAtMillis) {
    }

    /**
     * @param accounts  looks a user name up (the admin included)
     * @param verifier  checks a password against a hash: (password, hash) to true when it matches
     * @param decoyHash a hash of the same kind and cost as real ones, that no password matches
     * @param failures  told the reason of every refusal: {@code wrong_credentials} or {@code locked_out}
     */
    BasicLogin(Function<String, Optional<Account>> accounts, BiPredicate<String, String> verifier, String decoyHash,
               Consumer<String> failures, Clock clock, Limits limits) {
        this.accounts = accounts;
        this.verifier = verifier;
        this.decoyHash = decoyHash;
        this.failures = failures;
        this.clock = clock;
        this.limits = limits;
        perUserAndAddress = new LoginThrottle(limits.maxFailures(), limits.lockout(), limits.lockout(), clock,
                MAX_THROTTLED);
        perAddress = new LoginThrottle(limits.maxFailuresPerAddress(), limits.lockout(), limits.lockout(), clock,
                MAX_THROTTLED);
        adminBudget = new LoginThrottle(limits.adminMaxFailures(), limits.lockout(), limits.lockout(), clock, 1);
    }

    /** Forgets every remembered success, so a changed password, role or disabled flag applies at once. */
    void forget() {
        remembered.clear();
    }

    /** The identity of {@code name}, or {@link AuthenticationFailedException}. Blocking: it may run bcrypt. */
    SecurityIdentity login(String name, String password, String remoteAddress) {
        String addressKey = ClientAddress.throttleKey(remoteAddress);
        String userKey = name + '\u0000' + addressKey;
        boolean admin = AdminCredentials.USER.equals(name);
        if (perAddress.isLocked(addressKey) || perUserAndAddress.isLocked(userKey)
                || (admin && adminBudget.isLocked(ADMIN_BUDGET_KEY))) {
            failures.accept("locked_out");
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
            failures.accept("wrong_credentials");
            boolean locked = perUserAndAddress.failed(userKey) | perAddress.failed(addressKey);
            if (locked) {
                LOG.warnf("too many failed logins for user %s from %s: locked out for %d minutes", name,
                        addressKey, limits.lockout().toMinutes());
            }
            if (admin && adminBudget.failed(ADMIN_BUDGET_KEY)) {
                LOG.errorf("%d failed logins as admin from all addresses within %d minutes: the admin login is "
                        + "locked for everyone for %d minutes (JIENENG_LOGIN_ADMIN_MAX_FAILURES); other admin users "
                        + "and single sign-on still work", limits.adminMaxFailures(), limits.lockout().toMinutes(),
                        limits.lockout().toMinutes());
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
        Optional<Account> found = accounts.apply(name);
        // Always one hash check, whether or not the name exists or is disabled: equal work, equal time.
        boolean matches = verifier.test(password, found.map(Account::passwordHash).orElse(decoyHash));
        if (found.isEmpty() || !matches || found.get().disabled()) {
            return Optional.empty();
        }
        Account a = found.get();
        return Optional.of(identity(a.name(), a.role(), a.institution(), a.region()));
    }

    private static SecurityIdentity identity(String name, String role, String institution, String region) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(role);
        if (institution != null) {
            b.addAttribute(RegistryIdentityProvider.ATTR_INSTITUTION, institution);
        }
        if (region != null) {
            b.addAttribute(RegistryIdentityProvider.ATTR_REGION, region);
        }
        return b.build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
