package io.jieneng.analytics.report;

import io.jieneng.analytics.report.Chart.Label;
import io.jieneng.analytics.report.Chart.LegendItem;
import io.jieneng.analytics.report.Chart.Line;
import io.jieneng.analytics.report.Chart.Polyline;
import io.jieneng.analytics.report.Chart.Rect;

import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The geometry of the html report's three charts (pure). */
public final class Charts {

    static final String ELECTRICITY = "#2f6fb0";
    static final String GAS = "#e08a1e";
    static final String HEAT = "#b8423a";
    static final String METERED = "#3c8d5a";
    static final String UNMETERED = "#9aa3ad";
    static final String QUOTA = "#b8423a";
    static final String ACTUAL = "#2f6fb0";
    static final String GRID = "#d9dde2";

    private static final int W = 760;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 30;

    private Charts() {
    }

    /** Monthly kgce stacked by carrier: electricity, natural gas, heat. */
    public static Chart monthlyEnergy(EnergySection e, ReportMessages m) {
        int h = 300;
        int bottom = 40;
        double plotW = W - LEFT - RIGHT;
        double plotH = h - TOP - bottom;
        double max = e.months().stream().mapToDouble(r -> r.electricityKgce() + r.gasKgce() + r.heatKgce())
                .max().orElse(0);
        double top = niceTop(max);
        List<Rect> rects = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        yAxis(top, plotW, plotH, lines, labels);
        int n = Math.max(1, e.months().size());
        double slot = plotW / n;
        for (int i = 0; i < e.months().size(); i++) {
            EnergySection.MonthRow r = e.months().get(i);
            double x = LEFT + i * slot + slot * 0.2;
            double y = TOP + plotH;
            double[] parts = {r.electricityKgce(), r.gasKgce(), r.heatKgce()};
            String[] colors = {ELECTRICITY, GAS, HEAT};
            String[] names = {m.energyElectricity(), m.energyNaturalGas(), m.energyHeat()};
            for (int k = 0; k < parts.length; k++) {
                double bh = top > 0 ? parts[k] / top * plotH : 0;
                if (bh <= 0) {
                    continue;
                }
                y -= bh;
                rects.add(new Rect(r2(x), r2(y), r2(slot * 0.6), r2(bh), colors[k],
                        r.month() + " " + names[k] + ": " + ReportNumbers.display(parts[k], 2) + " kgce"));
            }
            labels.add(new Label(r2(LEFT + i * slot + slot / 2), TOP + plotH + 16, r.month().substring(5),
                    "middle", 11));
        }
        labels.add(new Label(LEFT - 8, TOP - 6, "kgce", "end", 11));
        return new Chart(m.chartMonthly(), W, h, rects, lines, labels, List.of(), List.of(
                new LegendItem(ELECTRICITY, m.energyElectricity(), ""), new LegendItem(GAS, m.energyNaturalGas(), ""),
                new LegendItem(HEAT, m.energyHeat(), "")), null);
    }

    /** One horizontal bar per sub-item, then the unmetered remainder, as kWh with their share of consumption. */
    public static Chart subItems(SubItemSection s, boolean zh, ReportMessages m) {
        record Bar(String name, double kwh, Double pct, String color) {
        }
        List<Bar> bars = new ArrayList<>();
        for (SubItemSection.SubItemLine l : s.items()) {
            String name = l.code() + " " + (zh ? l.nameZh() : l.nameEn());
            bars.add(new Bar(name, l.kwh(), l.sharePct(), l.counted() ? METERED : "#7fb894"));
        }
        bars.add(new Bar(m.rowUnmetered(), s.unmeteredKwh(), s.unmeteredSharePct(), UNMETERED));
        int rowH = 28;
        int left = 220;
        int h = TOP + bars.size() * rowH + 30;
        double plotW = W - left - 150;
        double max = bars.stream().mapToDouble(b -> Math.max(0, b.kwh())).max().orElse(0);
        List<Rect> rects = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = TOP + i * rowH;
            double w = max > 0 ? Math.max(0, b.kwh()) / max * plotW : 0;
            String value = ReportNumbers.display(b.kwh(), 2) + " kWh"
                    + (b.pct() == null ? "" : " (" + ReportNumbers.display(b.pct(), 1) + "%)");
            rects.add(new Rect(left, r2(y + 4), r2(w), rowH - 8, b.color(), b.name() + ": " + value));
            labels.add(new Label(left - 8, r2(y + rowH / 2.0 + 4), b.name(), "end", 12));
            labels.add(new Label(r2(left + w + 6), r2(y + rowH / 2.0 + 4), value, "start", 11));
        }
        return new Chart(m.chartSubItems(), W, h, rects, List.of(new Line(left, TOP, left, TOP + bars.size() * rowH,
                "#555", "")), labels, List.of(), List.of(new LegendItem(METERED, m.legendMetered(), ""),
                new LegendItem(UNMETERED, m.rowUnmetered(), "")), s.items().isEmpty() ? m.chartNoSubMeters() : null);
    }

    /**
     * Cumulative kgce at each month's end (the quota section's trajectory) against the quota prorated by the day
     * of the year, and the quota itself.
     *
     * @param quotaKgce the year's totalKgce quota, or null without one
     */
    public static Chart quotaTrajectory(List<QuotaSection.TrajectoryPoint> trajectory, int year, Double quotaKgce,
                                        ReportMessages m) {
        int h = 300;
        int bottom = 40;
        double plotW = W - LEFT - RIGHT;
        double plotH = h - TOP - bottom;
        int days = Year.of(year).length();
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        double cumulative = 0;
        for (QuotaSection.TrajectoryPoint p : trajectory) {
            cumulative = p.cumulativeKgce();
            points.add(new double[] {p.dayOfYear(), cumulative});
        }
        double top = niceTop(Math.max(cumulative, quotaKgce == null ? 0 : quotaKgce));
        List<Line> lines = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        yAxis(top, plotW, plotH, lines, labels);
        for (int month = 1; month <= 12; month++) {
            double x = LEFT + (YearMonth.of(year, month).atDay(1).getDayOfYear() - 1) / (double) days * plotW;
            labels.add(new Label(r2(x + plotW / 24), TOP + plotH + 16, String.format("%02d", month), "middle", 11));
        }
        labels.add(new Label(LEFT - 8, TOP - 6, "kgce", "end", 11));
        StringBuilder actual = new StringBuilder();
        for (double[] p : points) {
            actual.append(r2(LEFT + p[0] / days * plotW)).append(',')
                    .append(r2(TOP + plotH - (top > 0 ? p[1] / top * plotH : 0))).append(' ');
        }
        List<Polyline> polylines = new ArrayList<>();
        polylines.add(new Polyline(actual.toString().trim(), ACTUAL, ""));
        List<LegendItem> legend = new ArrayList<>();
        legend.add(new LegendItem(ACTUAL, m.legendCumulative(), ""));
        if (quotaKgce != null && top > 0) {
            double qy = r2(TOP + plotH - quotaKgce / top * plotH);
            lines.add(new Line(LEFT, TOP + plotH, LEFT + plotW, qy, QUOTA, "6 4"));
            lines.add(new Line(LEFT, qy, LEFT + plotW, qy, QUOTA, "2 3"));
            legend.add(new LegendItem(QUOTA, m.legendProratedQuota(), "6 4"));
            legend.add(new LegendItem(QUOTA, m.legendQuota(ReportNumbers.display(quotaKgce, 2)), "2 3"));
        }
        return new Chart(m.chartQuota(), W, h, List.of(), lines, labels, polylines, legend,
                quotaKgce == null ? m.chartNoQuota() : null);
    }

    private static void yAxis(double top, double plotW, double plotH, List<Line> lines, List<Label> labels) {
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            double v = top * t / ticks;
            double y = r2(TOP + plotH - plotH * t / ticks);
            lines.add(new Line(LEFT, y, LEFT + plotW, y, t == 0 ? "#555" : GRID, ""));
            labels.add(new Label(LEFT - 8, r2(y + 4), ReportNumbers.display(v, v < 10 && v != Math.rint(v) ? 1 : 0),
                    "end", 11));
        }
    }

    /** The smallest 1, 2 or 5 × 10ⁿ multiple of 5 ticks at or above {@code max}; 1 for nothing. */
    static double niceTop(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / 5;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / pow <= 1 ? pow : raw / pow <= 2 ? 2 * pow : raw / pow <= 5 ? 5 * pow : 10 * pow;
        return step * 5;
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
