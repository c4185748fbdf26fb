package io.jieneng.analytics.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which configured admin passwords are refused outside the demo: shorter than {@link #MIN_LENGTH} characters, or
 * a value that ships in examples and documentation (or a trivial variant of one, with case, punctuation and
 * trailing digits ignored), since that is what an attacker tries first.
 */
final class AdminPasswordPolicy {

    static final int MIN_LENGTH = 12;
    // Lower-case letters and digits only; compared after the same normalisation of the candidate.
    private static final Set<String> KNOWN = Set.of("changeme", "changemeplease", "admin", "administrator",
            "password", "passw0rd", "jieneng", "jienengadmin", "adminpassword", "secret", "letmein", "qwerty",
            "testadmin", "default");

    private AdminPasswordPolicy() {
    }

    /** Why {@code password} is too weak for production, or empty when it is acceptable. */
    static Optional<String> weakness(String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        String normal = password.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String withoutDigits = normal.replaceAll("[0-9]+$", "");
        if (KNOWN.contains(normal) || KNOWN.contains(withoutDigits) || repeats(normal)) {
            return Optional.of("is a well-known default or a variant of one");
        }
        return Optional.empty();
    }

    // "adminadminadmin", "changemechangeme", "aaaaaaaaaaaa": a known word or one character, repeated.
    private static boolean repeats(String normal) {
        for (int unit = 1; unit <= normal.length() / 2; unit++) {
            if (normal.length() % unit == 0 && normal.equals(normal.substring(0, unit).repeat(normal.length() / unit))
                    && (unit == 1 || KNOWN.contains(normal.substring(0, unit)))) {
                return true;
            }
        }
        return false;
    }
}
