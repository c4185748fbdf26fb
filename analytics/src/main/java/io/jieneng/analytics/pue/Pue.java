package io.jieneng.analytics.pue;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Power usage effectiveness (ISO/IEC 30134-2): total facility energy ÷ IT equipment energy over a period, and its
 * grade under GB 40879-2021 (docs/DOMAIN.md §5).
 */
public final class Pue {

    private Pue() {
    }

    /** totalKwh ÷ itKwh, or null when the IT load used no energy (the ratio has no meaning then). */
    public static Double of(double itKwh, double totalKwh) {
        if (!Double.isFinite(itKwh) || !Double.isFinite(totalKwh) || itKwh < 0 || totalKwh < 0) {
            throw new IllegalArgumentException("energies must be finite and non-negative: it " + itKwh
                    + " kWh, total " + totalKwh + " kWh");
        }
        return itKwh == 0 ? null : totalKwh / itKwh;
    }

    /** The GB 40879-2021 grade of {@code pue}, or null for a null PUE. */
    public static Grade grade(Double pue) {
        if (pue == null) {
            return null;
        }
        for (Grade g : Grade.values()) {
            if (pue <= g.maxPue) {
                return g;
            }
        }
        return Grade.BELOW_LIMIT;
    }

    /** GB 40879-2021 energy-efficiency grades of a data centre; grade 1 is the best. */
    public enum Grade {
        /** PUE ≤ 1.20. */
        ONE(1, 1.20),
        /** PUE ≤ 1.30. */
        TWO(2, 1.30),
        /** PUE ≤ 1.50, the limit value. */
        THREE(3, 1.50),
        /** Above 1.50: the data centre misses the standard's limit. */
        BELOW_LIMIT("below-limit", Double.POSITIVE_INFINITY);

        private final Object json;
        private final double maxPue;

        Grade(Object json, double maxPue) {
            this.json = json;
            this.maxPue = maxPue;
        }

        /** 1, 2 or 3 as a number, or the string {@code below-limit} (docs/CONTRACT.md §3). */
        @JsonValue
        public Object json() {
            return json;
        }

        /** The largest PUE of this grade. */
        public double maxPue() {
            return maxPue;
        }
    }
}
