package io.jieneng.devices.registry;

/**
 * A data centre (机房) whose PUE is totalMeter ÷ itMeter energy.
 *
 * @param itMeter    the meter of the IT equipment load
 * @param totalMeter the meter of the whole facility (IT, cooling, power distribution, lighting)
 */
public record DataCenter(String id, String institution, String itMeter, String totalMeter) {
}
