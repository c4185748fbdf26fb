package io.jieneng.devices.sim.profile;

/**
 * A daily shape in [0, 1] given as (local hour, value) corners joined by straight lines, with one shape for
 * working days and one for days off. A day off is a weekend or an official holiday; an adjusted working day
 * (调休上班) on a weekend gets the working-day shape ({@link SiteTime#restDay()}). Piecewise-linear rather than stepped, so that power ramps as people arrive
 * instead of jumping at 08:30.
 */
final class Schedule {

    /** Office occupancy: working hours Mon–Fri 08:30–17:30 (docs/DOMAIN.md §6), a lunch dip, some overtime. */
    static final Schedule OCCUPANCY = new Schedule(
            new double[][] {{0, 0}, {7.0, 0}, {8.5, 1}, {11.75, 1}, {12.0, 0.55}, {13.25, 0.55}, {13.5, 1},
                {17.5, 1}, {18.5, 0.15}, {21.0, 0}, {24, 0}},
            new double[][] {{0, 0}, {8.5, 0}, {9.5, 0.1}, {16.5, 0.1}, {17.5, 0}, {24, 0}});

    /** HVAC plant: pre-start at 07:30 so the building is comfortable when staff arrive; a skeleton at weekends. */
    static final Schedule HVAC = new Schedule(
            new double[][] {{0, 0}, {7.5, 0}, {8.0, 1}, {17.5, 1}, {18.0, 0.3}, {19.0, 0}, {24, 0}},
            new double[][] {{0, 0}, {9.0, 0}, {9.5, 0.1}, {16.5, 0.1}, {17.0, 0}, {24, 0}});

    /** Staff canteen cooking: lunch and a smaller dinner for overtime; closed at weekends. */
    static final Schedule CANTEEN = new Schedule(
            new double[][] {{0, 0}, {9.5, 0}, {10.5, 1}, {12.25, 1}, {12.75, 0}, {16.5, 0}, {17.0, 0.4},
                {18.0, 0.4}, {18.5, 0}, {24, 0}},
            new double[][] {{0, 0}, {24, 0}});

    private final double[][] weekday;
    private final double[][] weekend;

    private Schedule(double[][] weekday, double[][] weekend) {
        this.weekday = weekday;
        this.weekend = weekend;
    }

    double at(SiteTime t) {
        return interpolate(t.restDay() ? weekend : weekday, t.hourOfDay());
    }

    private static double interpolate(double[][] corners, double hour) {
        for (int i = 1; i < corners.length; i++) {
            if (hour <= corners[i][0]) {
                double h0 = corners[i - 1][0];
                double v0 = corners[i - 1][1];
                double f = (hour - h0) / (corners[i][0] - h0);
                return v0 + (corners[i][1] - v0) * f;
            }
        }
        return corners[corners.length - 1][1];
    }
}
