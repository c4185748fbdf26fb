package io.jieneng.devices.registry;

import io.jieneng.testkit.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of any valid registry document: it validates clean, and its export parses back to itself. */
class RegistryDocumentPropertiesTest {

    // Fewer tries than the default: a document holds up to about a hundred entities, each validated, written as
    // JSON and parsed again; the default count made this class take 8 s.

    @Test
    void generatedDocumentsValidateClean() {
        Property.forAll(300, DocumentGenerator::generate,
                RegistryDocumentPropertiesTest::validatesClean);
    }

    @Test
    void exportRoundTripsWithoutSecrets() {
        Property.forAll(300, DocumentGenerator::generate,
                RegistryDocumentPropertiesTest::roundTripsWithoutSecrets);
    }

    @Test
    void aStoredDocumentMayBeReimportedWithoutSecrets() {
        Property.forAll(100, DocumentGenerator::generate,
                RegistryDocumentPropertiesTest::reimports);
    }

    @ParameterizedTest
    @MethodSource("smallestDocuments")
    void theSmallestDocumentsHoldEveryProperty(RegistryDocument doc) {
        validatesClean(doc);
        roundTripsWithoutSecrets(doc);
        reimports(doc);
    }

    /**
     * A province alone, and one institution with a single meter (with the weakest secret the import takes) and nothing
     * else: the generator's lower edges.
     */
    static Stream<RegistryDocument> smallestDocuments() {
        Region province = new Region("32", "x", RegionLevel.PROVINCE, null);
        Institution inst = new Institution("inst-0", "x", "32", null, null, null);
        Meter meter = new Meter("inst-0-m0", "inst-0", MeterType.WATER, null, null, null,
                Meter.DEFAULT_INTERVAL_SECONDS, null, "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7"); // exactly 128 bits
        return Stream.of(
                new RegistryDocument(List.of(province), List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of(), List.of()),
                new RegistryDocument(List.of(province), List.of(inst), List.of(meter), List.of(), List.of(),
                        List.of(), List.of(), List.of()));
    }

    private static void validatesClean(RegistryDocument doc) {
        assertThat(RegistryDocuments.validate(doc, Registry.empty())).isEmpty();
    }

    private static void roundTripsWithoutSecrets(RegistryDocument doc) {
        RegistryDocument withoutSecrets = Registry.of(doc).document();

        assertThat(RegistryDocuments.parse(RegistryDocuments.toJson(doc))).isEqualTo(withoutSecrets);
    }

    private static void reimports(RegistryDocument doc) {
        RegistryDocument exported = RegistryDocuments.parse(RegistryDocuments.toJson(doc));

        assertThat(RegistryDocuments.validate(exported, Registry.of(doc))).isEmpty();
    }

    /**
     * Builds a valid document from a random source: a region tree, institutions in it, meters of every type with
     * the fields their type and role require, and the entities that refer to them.
     */
    static final class DocumentGenerator {
        private final Random random;

        private DocumentGenerator(Random random) {
            this.random = random;
        }

        static RegistryDocument generate(Random random) {
            return new DocumentGenerator(random).document();
        }

        private RegistryDocument document() {
            List<Region> regions = new ArrayList<>();
            regions.add(new Region("32", text(), RegionLevel.PROVINCE, null));
            for (int c = 1; c <= random.nextInt(4); c++) {
                String city = String.format("32%02d", c);
                regions.add(new Region(city, text(), RegionLevel.CITY, "32"));
                for (int k = 1; k <= random.nextInt(3); k++) {
                    regions.add(new Region(city + String.format("%02d", k), text(), RegionLevel.COUNTY, city));
                }
            }
            // References may point forward: shuffle so that children sometimes precede their parents.
            java.util.Collections.shuffle(regions, random);
            List<Institution> institutions = new ArrayList<>();
            List<Meter> meters = new ArrayList<>();
            List<DataCenter> dataCenters = new ArrayList<>();
            List<Vehicle> vehicles = new ArrayList<>();
            List<Quota> quotas = new ArrayList<>();
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                String id = "inst-" + i + idChars(random.nextInt(6));
                institutions.add(new Institution(id, text(), pick(regions).code(), maybe(text()),
                        maybe(positive()), maybe(random.nextInt(5000))));
                List<Meter> electricity = new ArrayList<>();
                for (int m = 0; m < random.nextInt(7); m++) {
                    Meter meter = meter(id + "-m" + m, id);
                    meters.add(meter);
                    if (meter.type() == MeterType.ELECTRICITY) {
                        electricity.add(meter);
                    }
                }
                if (electricity.size() >= 2 && random.nextBoolean()) {
                    dataCenters.add(new DataCenter(id + "-dc", id, electricity.get(0).id(), electricity.get(1).id()));
                }
                for (int v = 0; v < random.nextInt(3); v++) {
                    vehicles.add(new Vehicle("苏A" + i + "D" + v + text().hashCode(), id,
                            random.nextBoolean() ? VehicleEnergy.NEV : VehicleEnergy.ICE, date()));
                }
                for (int year = 2024; year < 2024 + random.nextInt(4); year++) {
                    quotas.add(new Quota(id, year, positive(), maybe(positive()), maybe(positive()),
                            maybe(random.nextBoolean() ? 0.0 : positive())));
                }
            }
            List<Gateway> gateways = new ArrayList<>();
            for (int g = 0; g < random.nextInt(3) && !meters.isEmpty(); g++) {
                List<String> listed = new ArrayList<>();
                for (Meter m : meters) {
                    if (random.nextInt(3) == 0) {
                        listed.add(m.id());
                    }
                }
                gateways.add(new Gateway("gw-" + g, listed, deviceSecret()));
            }
            List<ApiUser> users = new ArrayList<>();
            for (int u = 0; u < random.nextInt(5); u++) {
                UserRole role = UserRole.values()[random.nextInt(UserRole.values().length)];
                if (role == UserRole.INSTITUTION && institutions.isEmpty()) {
                    role = UserRole.AUDITOR;
                }
                users.add(new ApiUser("user." + u + "@x", role,
                        role == UserRole.INSTITUTION ? pick(institutions).id() : null,
                        role == UserRole.REGION ? pick(regions).code() : null, secret()));
            }
            return new RegistryDocument(regions, institutions, meters, gateways, dataCenters, vehicles, quotas,
                    users);
        }

        private Meter meter(String id, String institution) {
            MeterType type = MeterType.values()[random.nextInt(MeterType.values().length)];
            MeterRole role = type == MeterType.ELECTRICITY ? (random.nextBoolean() ? MeterRole.MAIN : MeterRole.SUB)
                    : null;
            SubItem subitem = role == MeterRole.SUB ? SubItem.values()[random.nextInt(SubItem.values().length)]
                    : null;
            Double capacity = type == MeterType.PV ? positive() : null;
            int interval = random.nextBoolean() ? Meter.DEFAULT_INTERVAL_SECONDS : 1 + random.nextInt(86_400);
            return new Meter(id, institution, type, role, subitem, capacity, interval, maybe(date()), deviceSecret());
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private <T> T maybe(T value) {
            return random.nextBoolean() ? value : null;
        }

        /** Any positive finite double, from tiny to huge, so that number formatting is exercised. */
        private double positive() {
            return switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(1_000_000);
                case 1 -> random.nextDouble() * 100 + Double.MIN_NORMAL;
                case 2 -> Math.scalb(1 + random.nextDouble(), random.nextInt(2000) - 1000);
                default -> 0.1 * (1 + random.nextInt(10_000));
            };
        }

        private LocalDate date() {
            return LocalDate.of(2000, 1, 1).plusDays(random.nextInt(40 * 366));
        }

        /** Display text with CJK, quotes, backslashes, markup and characters outside the BMP. */
        private String text() {
            String alphabet = "江苏省南京市学校医院 aZ09\"\\/'<>&é";
            StringBuilder sb = new StringBuilder("x");
            for (int i = random.nextInt(20); i > 0; i--) {
                if (random.nextInt(10) == 0) {
                    sb.appendCodePoint(0x1F600 + random.nextInt(50));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            return sb.toString();
        }

        private String idChars(int n) {
            String alphabet = "abcXYZ019._:-";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        }

        /**
         * A device secret of 20 to 64 characters, mostly printable ASCII: at least 131 bits by the import's estimate,
         * and (with 20 or more characters drawn from 95) in practice never too few distinct characters.
         */
        private String deviceSecret() {
            StringBuilder sb = new StringBuilder();
            for (int i = 20 + random.nextInt(45); i > 0; i--) {
                sb.append(random.nextInt(4) > 0 ? (char) ('!' + random.nextInt(94)) : '密');
            }
            return sb.toString();
        }

        /** A password of 1 to 72 bytes in UTF-8. */
        private String secret() {
            StringBuilder sb = new StringBuilder();
            for (int i = 1 + random.nextInt(24); i > 0; i--) {
                sb.append(random.nextBoolean() ? (char) ('!' + random.nextInt(94)) : '密');
            }
            return sb.toString();
        }
    }
}
