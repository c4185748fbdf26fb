package io.jieneng.analytics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How figures are written for people (html) and for machines (csv). The html rounds half up to a fixed number of
 * decimals per kind of figure and groups thousands with commas (the same in zh and en); the csv writes the full
 * value in plain notation, the xlsx stores it as a number. So every format holds the same figure, and the html
 * shows it rounded (docs/REPORTS.md).
 */
public final class ReportNumbers {

    private ReportNumbers() {
    }

    /** {@code value} rounded half up to {@code decimals}, with thousands grouped: 1234567.891 → 1,234,567.89. */
    public static String display(double value, int decimals) {
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        // BigDecimal.valueOf takes the shortest decimal that reads back as the double, so 0.125 rounds to 0.13.
        return f.format(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
    }

    /** A ratio as a percentage: 0.98352 with 2 decimals → 98.35%. */
    public static String displayPercent(double ratio, int decimals) {
        return display(BigDecimal.valueOf(ratio).movePointRight(2).doubleValue(), decimals) + "%";
    }

    /** The exact value in plain notation, as the json carries it: 1.2345E7 → 12345000, 0.1 → 0.1. */
    public static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }
}
