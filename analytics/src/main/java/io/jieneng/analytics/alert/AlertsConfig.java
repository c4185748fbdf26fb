package io.jieneng.analytics.alert;

import io.jieneng.ingest.config.Allowed;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** The alert engine's settings ({@code JIENENG_ALERTS_*}, docs/CONFIG.md and docs/ALERTS.md). */
@ConfigMapping(prefix = "jieneng.alerts")
public interface AlertsConfig {

    /** When the engine runs (Quartz cron with seconds); {@code off} stops it. Read by {@code AlertJob}. */
    @WithDefault("0 * * * * ?")
    String cron();

    /**
     * How often the scheduled runs also evaluate the energy-based checks (quota, data_gap, after_hours_waste,
     * pue_above_limit), in minutes; they always run on the first run of a local day. 0: on every run.
     */
    @WithDefault("15")
    @WithConverter(Allowed.NonNegative.class)
    int energyChecksEveryMinutes();

    /** meter_offline: silence longer than this many reporting intervals ... */
    @WithDefault("3")
    @WithConverter(Allowed.Positive.class)
    int offlineIntervals();

    /** ... and never shorter than this many minutes (docs/DOMAIN.md §6). */
    @WithDefault("15")
    @WithConverter(Allowed.NonNegative.class)
    int offlineMinMinutes();

    /** after_hours_waste: mean after-hours power above this share of mean working-hours power. */
    @WithDefault("0.40")
    @WithConverter(Allowed.PositiveDecimal.class)
    double afterHoursRatio();

    /** after_hours_waste: the complete local days the means are taken over. */
    @WithDefault("7")
    @WithConverter(Allowed.Positive.class)
    int afterHoursDays();

    /** pue_above_limit: a calendar month with a PUE above this (GB 40879-2021's limit). */
    @WithDefault("1.50")
    @WithConverter(Allowed.PositiveDecimal.class)
    double pueLimit();

    /** data_gap: a local day whose completeness is below this; also the least completeness after_hours_waste needs. */
    @WithDefault("0.90")
    @WithConverter(Allowed.Share.class)
    double dataGapMinCompleteness();

    /** data_gap: how many complete local days before today are checked (backfill resolves their alerts). */
    @WithDefault("7")
    @WithConverter(Allowed.Positive.class)
    int dataGapDays();
}
