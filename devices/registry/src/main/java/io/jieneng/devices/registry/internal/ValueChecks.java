package io.jieneng.devices.registry.internal;

import io.jieneng.devices.registry.Problem;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.devices.security.SecretStrength;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.jieneng.devices.registry.internal.JsonPaths.field;

/** The value rules of the registry document, each adding a {@link Problem} at the value's path when broken. */
final class ValueChecks {

    /**
     * Meter, gateway, institution and data-centre ids. Device ids appear in MQTT topics
     * ({@code meters/{id}/readings}), so they exclude the separator {@code /} and the wildcards {@code +} and
     * {@code #}; institution and data-centre ids appear in URL paths.
     */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final String ID_RULE = "an id is 1 to 64 of the characters A-Z a-z 0-9 . _ : - (it appears in URLs)";
    static final String DEVICE_ID_RULE = "a device id is 1 to 64 of the characters A-Z a-z 0-9 . _ : - "
            + "(it appears in the MQTT topic meters/{id}/readings)";
    static final Pattern REGION_CODE = Pattern.compile("[0-9]{2,12}");
    static final String REGION_CODE_RULE = "a region code is 2 to 12 digits (GB/T 2260)";
    /** User names go into HTTP Basic credentials, where a colon would end the name. */
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final String USER_NAME_RULE = "a user name is 1 to 64 of the characters A-Z a-z 0-9 . _ @ -";
    static final String RESERVED_USER = "admin";
    static final int MAX_ID = 64;
    static final int MAX_NAME = 200;
    static final int MAX_CATEGORY = 64;
    static final int MIN_YEAR = 1990;
    static final int MAX_YEAR = 2100;

    private final List<Problem> problems;

    ValueChecks(List<Problem> problems) {
        this.problems = problems;
    }

    void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /** True when the string is present; a missing one is a problem. */
    boolean required(String value, String at, String name) {
        if (value == null) {
            problem(field(at, name), "required field '" + name + "' is missing");
            return false;
        }
        return true;
    }

    boolean present(Object value, String at, String name) {
        return present(value, at, name, "required field '" + name + "' is missing");
    }

    boolean present(Object value, String at, String name, String message) {
        if (value == null) {
            problem(field(at, name), message);
            return false;
        }
        return true;
    }

    /** A required id matching {@code pattern}; true when it is usable. */
    boolean id(String value, String at, String name, Pattern pattern, String rule) {
        if (!required(value, at, name)) {
            return false;
        }
        if (!pattern.matcher(value).matches()) {
            problem(field(at, name), "'" + value + "' is not a valid " + name + ": " + rule);
            return false;
        }
        return true;
    }

    /** A required, non-blank display name of at most {@link #MAX_NAME} characters. */
    boolean name(String value, String at, String name) {
        if (!required(value, at, name)) {
            return false;
        }
        if (value.isBlank()) {
            problem(field(at, name), name + " must not be blank");
            return false;
        }
        return optionalText(value, at, name, MAX_NAME);
    }

    /**
     * Free text of at most {@code max} characters without control characters: a line break in a name would
     * garble reports, and PostgreSQL cannot store U+0000 at all.
     */
    boolean optionalText(String value, String at, String name, int max) {
        if (value == null) {
            return true;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problem(field(at, name), name + " must not contain control characters such as line breaks");
            return false;
        }
        return maxLength(value, at, name, max);
    }

    boolean maxLength(String value, String at, String name, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            problem(field(at, name), name + " must be at most " + max + " characters long");
            return false;
        }
        return true;
    }

    /** Records the first place of {@code key}; a second one is a duplicate. */
    void unique(Map<String, String> seen, String key, String at, String name, String what) {
        String first = seen.putIfAbsent(key, at);
        if (first != null) {
            problem(field(at, name), "duplicate " + what + " '" + key + "', already at " + first);
        }
    }

    /** A required reference to one of {@code known}; true when it resolves. */
    boolean reference(String value, Collection<String> known, String at, String name, String what) {
        if (!required(value, at, name)) {
            return false;
        }
        if (!known.contains(value)) {
            problem(field(at, name), "unknown " + what + " '" + value + "'");
            return false;
        }
        return true;
    }

    /** An optional quota indicator: a finite, non-negative number. */
    void indicator(Double value, String at, String name) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            problem(field(at, name), name + " must be a non-negative number, was " + value);
        }
    }

    /**
     * A user's password. A new user needs one, because nothing else would let it log in; a stored one may omit it
     * to keep its stored hash.
     */
    void password(String value, boolean isNew, String at, String name, String what) {
        if (!required(value, isNew, at, name, what)) {
            return;
        }
        if (!SecretHasher.acceptable(value)) {
            problem(field(at, name), "a " + name + " must be 1 to 72 bytes long in UTF-8");
        }
    }

    /**
     * A meter's or gateway's secret: as for a password, plus at least 128 bits of estimated randomness
     * ({@link SecretStrength}), because device secrets are stored with a fast hash.
     */
    void deviceSecret(String value, boolean isNew, String at, String what) {
        if (!required(value, isNew, at, "secret", what)) {
            return;
        }
        if (!DeviceSecrets.acceptable(value)) {
            problem(field(at, "secret"), "a secret must be 1 to " + DeviceSecrets.MAX_SECRET_CHARS + " characters");
            return;
        }
        SecretStrength.weakness(value).ifPresent(message -> problem(field(at, "secret"), message));
    }

    /** False when there is no value to check further; a missing one is a problem for a new entity. */
    private boolean required(String value, boolean isNew, String at, String name, String what) {
        if (value == null) {
            if (isNew) {
                problem(field(at, name), "a new " + what + " needs a " + name);
            }
            return false;
        }
        return true;
    }
}
