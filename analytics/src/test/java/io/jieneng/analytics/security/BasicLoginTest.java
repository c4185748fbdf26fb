package io.jieneng.analytics.security;

import io.jieneng.devices.security.SecretHasher;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicLoginTest {

    private static final SecretHasher HASHER = new SecretHasher(4);
    private static final String ADMIN_PW = "9f2c6a1e4b7d8c03e5f1";
    private static final String ALICE_PW = "alice-long-password";
    private static final String DECOY = HASHER.hash("decoy");

    private final Map<String, BasicLogin.Account> accounts = new java.util.HashMap<>(Map.of(
            "admin", new BasicLogin.Account("admin", "admin", null, null, HASHER.hash(ADMIN_PW), false),
            "alice", new BasicLogin.Account("alice", "institution", "inst-a", null, HASHER.hash(ALICE_PW), false)));
    private final List<String> hashesChecked = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);

    private BasicLogin login(int perUserAndAddress, int perAddress, int admin) {
        return new BasicLogin(name -> Optional.ofNullable(accounts.get(name)), (password, hash) -> {
            hashesChecked.add(hash);
            return HASHER.verify(password, hash);
        }, DECOY, refusals::add, clock, new BasicLogin.Limits(perUserAndAddress, perAddress, admin,
                Duration.ofMinutes(15)));
    }

    @Test
    void anUnknownNameCostsTheSameBcryptCheckAsAKnownOne() {
        BasicLogin login = login(100, 100, 100);
        assertThatThrownBy(() -> login.login("nobody", "whatever-password", "192.0.2.1"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(hashesChecked).containsExactly(DECOY);
        assertThatThrownBy(() -> login.login("alice", "wrong-password", "192.0.2.1"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(hashesChecked).hasSize(2).last().isEqualTo(accounts.get("alice").passwordHash());
        assertThat(refusals).containsExactly("wrong_credentials", "wrong_credentials");
    }

    @Test
    void failuresFromOneIpv6SubnetLockTheWholeSlash64() {
        BasicLogin login = login(100, 3, 100);
        for (String address : List.of("2001:db8:1:2::1", "2001:db8:1:2:aaaa::2", "2001:db8:1:2:ffff:ffff:ffff:fffe")) {
            assertThatThrownBy(() -> login.login("alice", "wrong-password", address))
                    .hasMessageContaining("wrong user name or password");
        }
        int checked = hashesChecked.size();
        // A fresh address of the same /64, even with the right password: locked, and no hash is spent on it.
        assertThatThrownBy(() -> login.login("alice", ALICE_PW, "2001:db8:1:2:1234:5678:9abc:def0"))
                .hasMessageContaining("locked out");
        assertThat(hashesChecked).hasSize(checked);
        assertThat(refusals).last().isEqualTo("locked_out");
        // The neighbouring /64 is someone else.
        SecurityIdentity alice = login.login("alice", ALICE_PW, "2001:db8:1:3::1");
        assertThat(alice.getPrincipal().getName()).isEqualTo("alice");
        assertThat(alice.<String>getAttribute(RegistryIdentityProvider.ATTR_INSTITUTION)).isEqualTo("inst-a");
    }

    @Test
    void failedAdminLoginsFromManyAddressesSpendOneSharedBudget() {
        BasicLogin login = login(100, 100, 5);
        for (int i = 1; i <= 5; i++) {
            String address = "198.51.100." + i;
            assertThatThrownBy(() -> login.login("admin", "guess-" + address, address))
                    .hasMessageContaining("wrong user name or password");
        }
        assertThatThrownBy(() -> login.login("admin", ADMIN_PW, "203.0.113.77")).hasMessageContaining("locked out");
        // Only the admin name is locked: the registry's users still log in from anywhere.
        assertThat(login.login("alice", ALICE_PW, "203.0.113.77").getRoles()).containsExactly("institution");
    }

    @Test
    void theAdminBudgetIsNotSpentByOtherNames() {
        BasicLogin login = login(100, 100, 3);
        for (int i = 1; i <= 5; i++) {
            int n = i;
            assertThatThrownBy(() -> login.login("alice", "wrong-" + n, "198.51.100." + n))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(login.login("admin", ADMIN_PW, "198.51.100.9").getRoles()).containsExactly("admin");
    }

    @Test
    void aDisabledUserIsRefusedEvenWithTheRightPasswordAndAfterAnEarlierSuccess() {
        BasicLogin login = login(100, 100, 100);
        assertThat(login.login("alice", ALICE_PW, "192.0.2.1").getPrincipal().getName()).isEqualTo("alice");
        BasicLogin.Account a = accounts.get("alice");
        accounts.put("alice", new BasicLogin.Account(a.name(), a.role(), a.institution(), a.region(),
                a.passwordHash(), true));
        login.forget();
        AtomicInteger before = new AtomicInteger(hashesChecked.size());
        assertThatThrownBy(() -> login.login("alice", ALICE_PW, "192.0.2.1"))
                .isInstanceOf(AuthenticationFailedException.class);
        // A disabled user costs the same hash check as anyone: its state is not told by timing either.
        assertThat(hashesChecked).hasSize(before.get() + 1);
    }
}
