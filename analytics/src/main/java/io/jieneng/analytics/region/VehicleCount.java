package io.jieneng.analytics.region;

/** Official vehicles acquired in the year: new-energy ones and all of them. */
public record VehicleCount(int nev, int total) {
}
