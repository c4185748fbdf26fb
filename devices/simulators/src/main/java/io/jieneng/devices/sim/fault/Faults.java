package io.jieneng.devices.sim.fault;

import io.jieneng.devices.sim.payload.PayloadChunker;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The fault state of every simulated meter; faults can be injected from any thread while the simulator runs. */
public final class Faults {

    private static final Logger LOG = Logger.getLogger(Faults.class);

    private final Map<String, MeterFaults> meters = new LinkedHashMap<>();

    public Faults(Collection<String> meterIds, PayloadChunker chunker) {
        meterIds.forEach(id -> meters.put(id, new MeterFaults(id, chunker)));
    }

    /**
     * Queues {@code fault} for its meter's next live reading.
     *
     * @throws IllegalArgumentException when the simulator does not publish for that meter
     */
    public void inject(Fault fault) {
        MeterFaults m = meters.get(fault.meterId());
        if (m == null) {
            throw new IllegalArgumentException("fault " + fault + ": the simulator publishes no meter '"
                    + fault.meterId() + "'");
        }
        LOG.infof("fault %s queued for the next live reading of %s", fault, fault.meterId());
        m.inject(fault);
    }

    public Optional<MeterFaults> of(String meterId) {
        return Optional.ofNullable(meters.get(meterId));
    }
}
