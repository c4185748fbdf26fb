package io.jieneng.analytics.security;

import io.jieneng.analytics.platform.JienengConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The built-in {@code admin} user. Its password comes from {@code JIENENG_ADMIN_PASSWORD}; without it, one is
 * generated on first start and kept (owner-readable only) in {@code <data dir>/admin.password}, so it survives
 * restarts and the operator can look it up.
 */
@ApplicationScoped
public class AdminCredentials {

    public static final String USER = "admin";
    static final String FILE_NAME = "admin.password";

    @Inject
    JienengConfig config;

    private volatile String password;
    private volatile String origin;

    /** The admin password, resolved on first use. */
    public String password() {
        resolve();
        return password;
    }

    /** Where the password came from, for the start-up banner. */
    public String origin() {
        resolve();
        return origin;
    }

    /** True when the operator set the password through {@code JIENENG_ADMIN_PASSWORD}. */
    public boolean fromEnvironment() {
        return config.adminPassword().isPresent();
    }

    /** Compares in constant time, so response timing reveals nothing about the password. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                password().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void resolve() {
        if (password != null) {
            return;
        }
        if (config.adminPassword().isPresent()) {
            password = config.adminPassword().get();
            origin = "JIENENG_ADMIN_PASSWORD";
            return;
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
                origin = "generated earlier, kept in " + file.toAbsolutePath();
                return;
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // On a file system without POSIX permissions the file keeps its default mode.
            }
            origin = "generated now, kept in " + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin password file " + file, e);
        }
    }
}
