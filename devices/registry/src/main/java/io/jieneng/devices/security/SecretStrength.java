package io.jieneng.devices.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Estimates how much randomness a machine-generated device secret carries, so that an import can refuse secrets
 * too weak for the fast hash of {@link DeviceSecrets}.
 *
 * <p>The estimate is {@code length × log2(alphabet size)}, where the alphabet is the smallest standard one that
 * contains every character of the secret: decimal digits (10), hexadecimal in one case (16), lower- or upper-case
 * letters and digits (36), letters and digits (62), base64url or base64 (64), printable ASCII and anything else
 * (95). It is what a secret drawn uniformly from that alphabet carries, and an upper bound for anything else; so
 * it is a check against mistakes (a short, human-chosen or placeholder secret), not proof of randomness. Two
 * tells of a non-random secret lower it further:
 * <ul>
 *   <li>a secret that repeats a shorter unit ({@code abcabcabc...}) counts only that unit's length;</li>
 *   <li>a secret with fewer than {@link #MIN_DISTINCT} distinct characters is refused outright (a random secret of
 *   32 hex characters has that few with a probability below 10⁻⁷).</li>
 * </ul>
 */
public final class SecretStrength {

    /** The randomness a device secret must carry: beyond any search, however fast its hash. */
    public static final int MIN_BITS = 128;
    /** Fewer distinct characters than this mark a secret as repetitive. */
    public static final int MIN_DISTINCT = 6;
    /** What to use instead, in every refusal message. */
    public static final String REQUIRED = "a device secret needs at least " + MIN_BITS + " bits of randomness, "
            + "e.g. 32 random hex characters (openssl rand -hex 16) or 22 random base64url characters";

    private record Alphabet(String name, int size, String extra, boolean digits, boolean lower, boolean upper,
                            boolean hexLettersOnly) {

        boolean contains(char c) {
            if (c >= '0' && c <= '9') {
                return digits;
            }
            if (c >= 'a' && c <= 'z') {
                return lower && (!hexLettersOnly || c <= 'f');
            }
            if (c >= 'A' && c <= 'Z') {
                return upper && (!hexLettersOnly || c <= 'F');
            }
            return extra.indexOf(c) >= 0;
        }
    }

    private static final String PRINTABLE_EXTRA = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final List<Alphabet> ALPHABETS = List.of(
            new Alphabet("decimal", 10, "", true, false, false, false),
            new Alphabet("hex", 16, "", true, true, false, true),
            new Alphabet("hex", 16, "", true, false, true, true),
            new Alphabet("lower-case alphanumeric", 36, "", true, true, false, false),
            new Alphabet("upper-case alphanumeric", 36, "", true, false, true, false),
            new Alphabet("alphanumeric", 62, "", true, true, true, false),
            new Alphabet("base64url", 64, "-_", true, true, true, false),
            new Alphabet("base64", 64, "+/=", true, true, true, false),
            new Alphabet("printable ASCII", 95, PRINTABLE_EXTRA, true, true, true, false));
    private static final Alphabet ANY = ALPHABETS.get(ALPHABETS.size() - 1);

    private SecretStrength() {
    }

    /** The estimated randomness of {@code secret} in bits, as described above; 0 for null or empty. */
    public static double estimatedBits(String secret) {
        if (secret == null || secret.isEmpty()) {
            return 0;
        }
        return period(secret) * log2(alphabet(secret).size());
    }

    /** Why {@code secret} is too weak for a device, or empty when it is strong enough. Never quotes the secret. */
    public static Optional<String> weakness(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.of(REQUIRED + "; this one is empty");
        }
        long distinct = secret.chars().distinct().count();
        if (distinct < MIN_DISTINCT) {
            return Optional.of(REQUIRED + "; this one uses only " + distinct + " distinct characters");
        }
        double bits = estimatedBits(secret);
        if (bits >= MIN_BITS) {
            return Optional.empty();
        }
        int period = period(secret);
        if (period < secret.length()) {
            return Optional.of(REQUIRED + "; this one repeats a unit of " + period + " characters, about "
                    + (int) bits + " bits");
        }
        Alphabet a = alphabet(secret);
        return Optional.of(REQUIRED + "; this one has about " + (int) bits + " bits (" + secret.length()
                + " characters of the " + a.name() + " alphabet, "
                + String.format(Locale.ROOT, "%.1f", log2(a.size())) + " bits each)");
    }

    private static Alphabet alphabet(String secret) {
        for (Alphabet a : ALPHABETS) {
            if (secret.chars().allMatch(c -> a.contains((char) c))) {
                return a;
            }
        }
        return ANY;
    }

    /** The length of the shortest unit that {@code s} repeats (possibly cut short at the end); its length if none. */
    private static int period(String s) {
        int n = s.length();
        // Knuth-Morris-Pratt failure function: n minus the longest proper border is the smallest period.
        int[] border = new int[n];
        for (int i = 1, k = 0; i < n; i++) {
            while (k > 0 && s.charAt(i) != s.charAt(k)) {
                k = border[k - 1];
            }
            if (s.charAt(i) == s.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        int p = n - border[n - 1];
        // A unit that does not repeat at least twice is no repetition: "abcdXYZab" is not periodic in any useful sense.
        return p * 2 <= n ? p : n;
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
