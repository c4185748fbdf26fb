package io.jieneng.analytics.security;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The generated admin password's file. It is created with mode 0600 in the same system call that creates it
 * ({@code O_CREAT|O_EXCL} with the mode), so there is no moment at which another local user could open it: a
 * chmod after writing would leave such a window, and the process umask could widen it. The password is 144 random
 * bits.
 */
final class AdminPasswordFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int RANDOM_BYTES = 18;

    record Result(String password, boolean created) {
    }

    private AdminPasswordFile() {
    }

    /** The password in {@code file}, or a new one written to a new owner-only {@code file}. */
    static Result readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new Result(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
        }
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes);
             Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            out.write(password + "\n");
        } catch (FileAlreadyExistsException raced) {
            // Another instance sharing the data directory created it first: use its password.
            return new Result(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
        }
        return new Result(password, true);
    }
}
