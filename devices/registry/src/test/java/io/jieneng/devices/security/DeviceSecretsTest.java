package io.jieneng.devices.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast salted hash of device secrets, legacy bcrypt hashes, and the strength rule of the import. */
class DeviceSecretsTest {

    private static final String SECRET = "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7";
    private final DeviceSecrets secrets = new DeviceSecrets();

    @Test
    void hashIsSaltedSelfDescribingAndVerifies() {
        String hash = secrets.hash(SECRET);

        assertThat(hash).matches("\\$pbkdf2-sha256\\$1000\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}")
                .doesNotContain(SECRET);
        assertThat(secrets.hash(SECRET)).as("a fresh salt each time").isNotEqualTo(hash);
        assertThat(secrets.verify(SECRET, hash)).isTrue();
        assertThat(secrets.verify(SECRET.substring(1) + "0", hash)).isFalse();
        assertThat(secrets.verify(SECRET, hash.substring(0, hash.length() - 2) + "AA")).isFalse();
        assertThat(secrets.needsUpgrade(hash)).isFalse();
    }

    @Test
    void theDerivationIsTheJdksPbkdf2WithHmacSha256() throws Exception {
        byte[] salt = new byte[16];
        new java.util.Random(7).nextBytes(salt);
        // ASCII, non-ASCII, and a key longer than HMAC's 64-byte block (hashed first).
        for (String secret : new String[] {SECRET, "密码" + SECRET, SECRET.repeat(3)}) {
            for (int iterations : new int[] {1, 2, 1_000}) {
                byte[] jdk = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                        new javax.crypto.spec.PBEKeySpec(secret.toCharArray(), salt, iterations, 256)).getEncoded();
                assertThat(DeviceSecrets.pbkdf2(secret, salt, iterations)).as(secret + " x" + iterations)
                        .isEqualTo(jdk);
            }
        }
    }

    @Test
    void theIterationCountTravelsWithTheHash() {
        String few = new DeviceSecrets(10).hash(SECRET);

        assertThat(few).startsWith("$pbkdf2-sha256$10$");
        assertThat(secrets.verify(SECRET, few)).as("verified with its own count").isTrue();
        assertThat(secrets.needsUpgrade(few)).as("fewer iterations than configured").isTrue();
        assertThat(new DeviceSecrets(10).needsUpgrade(secrets.hash(SECRET))).isFalse();
    }

    @Test
    void legacyBcryptHashesVerifyAndAskForAnUpgrade() {
        String bcrypt = new SecretHasher(4).hash(SECRET);

        assertThat(secrets.verify(SECRET, bcrypt)).isTrue();
        assertThat(secrets.verify(SECRET + "0", bcrypt)).isFalse();
        assertThat(secrets.needsUpgrade(bcrypt)).isTrue();
    }

    @Test
    void malformedHashesNeverVerify() {
        for (String stored : new String[] {"", SECRET, "$pbkdf2-sha256$", "$pbkdf2-sha256$x$AAAA$AAAA",
                "$pbkdf2-sha256$1000$AAAA$AAAA", "$pbkdf2-sha256$0$AAAA$" + "A".repeat(43),
                "$pbkdf2-sha256$99999999999$AAAA$" + "A".repeat(43), "$2b$04$garbage"}) {
            assertThat(secrets.verify(SECRET, stored)).as(stored).isFalse();
        }
        assertThat(secrets.verify(null, secrets.hash(SECRET))).isFalse();
        assertThat(secrets.verify(SECRET, null)).isFalse();
        assertThat(secrets.needsUpgrade(null)).isFalse();
    }

    @Test
    void aDeviceHashCostsAFractionOfABcryptAtTheDefaultCost() {
        // The point of the change: a device CONNECT costs well under a millisecond of CPU instead of bcrypt's
        // tens. Compared with bcrypt in the same run, so that a loaded machine slows both alike.
        SecretHasher bcrypt = new SecretHasher();
        String bcryptHash = bcrypt.hash(SECRET);
        String fastHash = secrets.hash(SECRET);
        double fast = perVerify(() -> secrets.verify(SECRET, fastHash), 100);
        double slow = perVerify(() -> bcrypt.verify(SECRET, bcryptHash), 5);

        assertThat(fast).isLessThan(slow / 10);
    }

    private static double perVerify(java.util.function.BooleanSupplier verify, int times) {
        assertThat(verify.getAsBoolean()).isTrue();
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            assertThat(verify.getAsBoolean()).isTrue();
        }
        return (System.nanoTime() - start) / (double) times;
    }

    @Test
    void strongSecretsPass() {
        for (String s : new String[] {SECRET, "9F2C6A1E4B7D8C03E5F1A2B3C4D5E6F7", "nU3kq8_Zx-4Lp0RwT7yVbA",
                "k3Jd9Q+aZ/x1Lm0pR7tY4w==", "3829471650382917465039281746503928174615"}) {
            assertThat(SecretStrength.weakness(s)).as(s).isEmpty();
            DeviceSecrets.requireEntropy(s);
        }
        assertThat(DeviceSecrets.estimatedBits(SECRET)).isEqualTo(128.0);
        assertThat(DeviceSecrets.estimatedBits("nU3kq8_Zx-4Lp0RwT7yVbA")).isEqualTo(132.0);
    }

    @Test
    void weakSecretsAreRefusedWithWhatIsRequired() {
        assertThat(SecretStrength.weakness("demo-gov-e-main")).get().asString()
                .contains("at least 128 bits", "32 random hex characters", "22 random base64url characters",
                        "about 90 bits", "15 characters of the base64url alphabet")
                .doesNotContain("demo-gov-e-main");
        assertThat(SecretStrength.weakness("9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f")).as("31 hex characters").isPresent();
        assertThat(SecretStrength.weakness("0123456789abcdef0123456789abcdef")).get().asString()
                .contains("repeats a unit of 16 characters", "about 64 bits");
        assertThat(SecretStrength.weakness("a".repeat(64))).get().asString()
                .contains("only 1 distinct characters");
        assertThat(SecretStrength.weakness("abab" + "abba".repeat(20))).get().asString()
                .contains("only 2 distinct");
        assertThat(SecretStrength.weakness("")).isPresent();
        assertThat(SecretStrength.weakness(null)).isPresent();
        assertThatThrownBy(() -> DeviceSecrets.requireEntropy("s-a-main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128 bits");
    }
}
