package io.jieneng.devices.loadgen;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchRegistryTest {

    @Test
    void theDocumentIsAValidRegistryOfElectricityMainMetersWithSecrets() {
        RegistryDocument doc = RegistryDocuments.parse(BenchRegistry.document(25));

        assertThat(RegistryDocuments.validate(doc, Registry.empty())).isEmpty();
        assertThat(doc.regions()).hasSize(2);
        assertThat(doc.institutions()).hasSize(3);
        assertThat(doc.meters()).hasSize(25).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(MeterType.ELECTRICITY);
            assertThat(m.role()).isEqualTo(MeterRole.MAIN);
            assertThat(m.secret()).isNotBlank();
            assertThat(m.commissioned()).isBefore(java.time.LocalDate.now().minusDays(1));
        });
        assertThat(doc.meters().get(0).id()).isEqualTo("bench-e-000001");
        assertThat(doc.meters().get(24).institution()).isEqualTo("bench-inst-00003");
        assertThat(doc.meters().stream().map(Meter::id).distinct()).hasSize(25);
    }

    @Test
    void connectionsLogInAsTheRegistrysMetersInOrderFromTheOffset() {
        RegistryDocument doc = RegistryDocuments.parse(BenchRegistry.document(30));
        List<MeterLogin> logins = MeterLogin.fromRegistry(doc, 10, 20);
        assertThat(logins).hasSize(20);
        assertThat(logins.get(0).meterId()).isEqualTo("bench-e-000011");
        assertThat(logins.get(0).username()).isEqualTo("bench-e-000011");
        assertThat(new String(logins.get(0).password(), StandardCharsets.UTF_8)).isEqualTo(BenchRegistry.secret(11))
                .matches("[0-9a-f]{32}");
        assertThat(logins.get(0).topic()).isEqualTo("meters/bench-e-000011/readings");

        assertThatThrownBy(() -> MeterLogin.fromRegistry(doc, 10, 21))
                .hasMessageContaining("has 30 electricity main meters with secrets")
                .hasMessageContaining("need 31");
    }

    @Test
    void metersThatMayNotSendTheWholePayloadAreNotUsed() {
        // The demo registry has sub-meters, PV, water and gas: only its main meters qualify.
        RegistryDocument demo = RegistryDocuments.demo();
        long mains = demo.meters().stream().filter(m -> m.role() == MeterRole.MAIN).count();
        assertThat(MeterLogin.fromRegistry(demo, 0, (int) mains)).allSatisfy(l -> assertThat(
                demo.meters().stream().filter(m -> m.id().equals(l.meterId())).findFirst().orElseThrow().role())
                .isEqualTo(MeterRole.MAIN));
    }

    @Test
    void anonymousRunsGetNumberedMeterIds() {
        assertThat(MeterLogin.generated("lg-", 5, 2)).extracting(MeterLogin::meterId)
                .containsExactly("lg-000006", "lg-000007");
        assertThat(MeterLogin.generated("lg-", 0, 1).get(0).username()).isNull();
    }

    @Test
    void lineProtocolPointsCarryTheTagsIngestWritesAndDistinctTimesPerMeter() {
        long start = System.currentTimeMillis() - 3_600_000L;
        LineProtocolBatch batch = new LineProtocolBatch(new int[]{1, 12}, start);
        String body = new String(batch.next(5, System.currentTimeMillis()), StandardCharsets.UTF_8);
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(5);
        Pattern line = Pattern.compile("readings,institution=(bench-inst-\\d{5}),meter=(bench-e-\\d{6}),"
                + "region=320100,role=main,type=electricity energyKwh=\\d{6}\\.\\d{6},exportKwh=\\d{6}\\.\\d{6},"
                + "powerKw=\\d{2}\\.\\d{6} (\\d{13})");
        for (String l : lines) {
            assertThat(l).matches(line);
        }
        Matcher first = line.matcher(lines[0]);
        Matcher second = line.matcher(lines[1]);
        Matcher third = line.matcher(lines[2]);
        assertThat(first.matches() && second.matches() && third.matches()).isTrue();
        assertThat(first.group(2)).isEqualTo("bench-e-000001");
        assertThat(first.group(1)).isEqualTo("bench-inst-00001");
        assertThat(second.group(2)).isEqualTo("bench-e-000012");
        assertThat(second.group(1)).isEqualTo("bench-inst-00002");
        assertThat(Long.parseLong(third.group(3))).isEqualTo(Long.parseLong(first.group(3)) + 1);
    }

    @Test
    void aRegistryMustHaveAtLeastOneMeter() {
        assertThatThrownBy(() -> BenchRegistry.document(0)).hasMessageContaining("--make-registry needs 1 to");
    }
}
