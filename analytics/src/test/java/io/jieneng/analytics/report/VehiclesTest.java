package io.jieneng.analytics.report;

import io.jieneng.devices.registry.Vehicle;
import io.jieneng.devices.registry.VehicleEnergy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VehiclesTest {

    private static Vehicle v(String id, String inst, VehicleEnergy e, String acquired) {
        return new Vehicle(id, inst, e, LocalDate.parse(acquired));
    }

    @Test
    void countsOnlyTheInstitutionsVehiclesAcquiredInTheYear() {
        List<Vehicle> all = List.of(v("a", "i", VehicleEnergy.NEV, "2025-01-01"), v("b", "i", VehicleEnergy.ICE,
                "2025-12-31"), v("c", "i", VehicleEnergy.NEV, "2024-12-31"), v("d", "j", VehicleEnergy.ICE,
                "2025-06-01"), v("e", "i", VehicleEnergy.ICE, "2025-06-01"));
        VehicleSection s = Vehicles.section(all, "i", 2025, 0.3);
        assertThat(s.acquired()).isEqualTo(3);
        assertThat(s.nev()).isEqualTo(1);
        assertThat(s.nevShare()).isEqualTo(1.0 / 3);
        assertThat(s.targetMet()).isTrue();
        assertThat(s.vehicles()).extracting(VehicleSection.VehicleLine::id).containsExactly("a", "e", "b");
    }

    @Test
    void theShareIsNullWithoutAcquisitionsAndTheTargetIsMetAtExactlyThirtyPercent() {
        assertThat(Vehicles.section(List.of(), "i", 2025, 0.3).nevShare()).isNull();
        assertThat(Vehicles.section(List.of(), "i", 2025, 0.3).targetMet()).isNull();
        List<Vehicle> ten = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) {
            ten.add(v("v" + k, "i", k < 3 ? VehicleEnergy.NEV : VehicleEnergy.ICE, "2025-03-01"));
        }
        assertThat(Vehicles.section(ten, "i", 2025, 0.3).targetMet()).isTrue();
    }
}
