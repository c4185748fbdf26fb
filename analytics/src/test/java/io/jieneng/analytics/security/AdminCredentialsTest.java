package io.jieneng.analytics.security;

import io.jieneng.devices.security.SecretHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminCredentialsTest {

    private static final SecretHasher HASHER = new SecretHasher(4);

    @TempDir
    Path data;

    @Test
    void outsideTheDemoAShortOrShippedDefaultPasswordStopsTheStart() {
        for (String weak : List.of("change-me", "admin", "password", "test-admin", "Change-Me-2026!", "administrator",
                "adminadminadmin", "PASSWORD1234", "aaaaaaaaaaaaaaaa", "短密码")) {
            assertThatThrownBy(() -> AdminCredentials.resolve(Optional.of(weak), false, data, 4))
                    .as(weak).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JIENENG_ADMIN_PASSWORD");
        }
        assertThatThrownBy(() -> AdminCredentials.resolve(Optional.of("change-me"), false, data, 4))
                .hasMessageContaining("shorter than 12 characters");
        assertThatThrownBy(() -> AdminCredentials.resolve(Optional.of("ChangeMe-Please"), false, data, 4))
                .hasMessageContaining("well-known default");
    }

    @Test
    void theDemoAcceptsAWeakPasswordAndAStrongOneIsAcceptedEverywhere() {
        assertThat(HASHER.verify("admin", AdminCredentials.resolve(Optional.of("admin"), true, data, 4).hash()))
                .isTrue();
        AdminCredentials.Resolved strong = AdminCredentials.resolve(Optional.of("k7#Qv9-rT2x!mB4w"), false, data, 4);
        assertThat(strong.bannerText()).isEqualTo("from JIENENG_ADMIN_PASSWORD");
        assertThat(HASHER.verify("k7#Qv9-rT2x!mB4w", strong.hash())).isTrue();
        assertThat(strong.hash()).doesNotContain("k7#Qv9").startsWith("$2b$04$");
    }

    @Test
    void aGeneratedPasswordIsOwnerOnlyFromTheStartAndPrintedOnlyByTheStartThatMadeIt() throws Exception {
        AdminCredentials.Resolved first = AdminCredentials.resolve(Optional.empty(), false, data, 4);
        Path file = data.resolve(AdminCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(first.bannerText()).startsWith(password + "  (generated now");
        assertThat(HASHER.verify(password, first.hash())).isTrue();

        AdminCredentials.Resolved second = AdminCredentials.resolve(Optional.empty(), false, data, 4);
        assertThat(second.bannerText()).doesNotContain(password).startsWith("kept in ");
        assertThat(HASHER.verify(password, second.hash())).isTrue();
    }

    @Test
    void theFileIsCreatedOwnerOnlyAndAnExistingOneIsOnlyRead() throws Exception {
        // The mode is given to the creating call, so it holds even before the first byte is written; an existing
        // file is read, never truncated or rewritten.
        Path file = data.resolve("sub").resolve(AdminCredentials.FILE_NAME);
        AdminPasswordFile.Result made = AdminPasswordFile.readOrCreate(file);
        assertThat(made.created()).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(AdminPasswordFile.OWNER_ONLY);
        AdminPasswordFile.Result again = AdminPasswordFile.readOrCreate(file);
        assertThat(again).isEqualTo(new AdminPasswordFile.Result(made.password(), false));
    }
}
