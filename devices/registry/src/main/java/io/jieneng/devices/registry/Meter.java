package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * A meter. It authenticates with its id and secret and publishes to {@code meters/{id}/readings}.
 *
 * @param role            {@code main} or {@code sub} for electricity meters, {@code null} for the other types
 * @param subitem         the MOHURD sub-item of a {@code sub} meter, else {@code null}
 * @param capacityKwp     installed DC capacity of a PV meter in kWp, else {@code null}
 * @param intervalSeconds the reporting interval the meter promises, in seconds (default 900)
 * @param commissioned    local date from which readings are accepted, or {@code null} for no limit
 * @param secret          the clear secret, present only in a document being imported; never exported
 * @param disabled        a disabled meter may no longer log in or publish, but stays in the registry so that its
 *                        history still belongs in reports; exported only when true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meter(String id, String institution, MeterType type, MeterRole role, SubItem subitem,
                    Double capacityKwp, int intervalSeconds, LocalDate commissioned,
                    @JsonIgnore String secret,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean disabled) {

    /** An enabled meter: the constructor of the registry before meters could be disabled. */
    public Meter(String id, String institution, MeterType type, MeterRole role, SubItem subitem, Double capacityKwp,
                 int intervalSeconds, LocalDate commissioned, String secret) {
        this(id, institution, type, role, subitem, capacityKwp, intervalSeconds, commissioned, secret, false);
    }

    public static final int DEFAULT_INTERVAL_SECONDS = 900;

    /** True for meters that count toward institution totals: everything but electricity sub-meters. */
    @JsonIgnore
    public boolean countsTowardTotals() {
        return role != MeterRole.SUB;
    }

    /** The same meter without its clear secret. */
    public Meter withoutSecret() {
        return new Meter(id, institution, type, role, subitem, capacityKwp, intervalSeconds, commissioned, null, disabled);
    }
}
