package io.jieneng.analytics.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The alert engine's settings ({@code JIENENG_ALERTS_*}, README.md and docs/ALERTS.md). */
@ConfigMapping(prefix = "jieneng.alerts")
public interface AlertsConfig {

    /** When the engine runs (Quartz cron with seconds); {@code off} stops it. Read by {@code AlertJob}. */
    @WithDefault("0 * * * * ?")
    String cron();

    /** meter_offline: silence longer than this many reporting intervals ... */
    @WithDefault("3")
    int offlineIntervals();

    /** ... and never shorter than this many minutes (DOMAIN.md §6). */
    @WithDefault("15")
    int offlineMinMinutes();

    /** after_hours_waste: mean after-hours power above this share of mean working-hours power. */
    @WithDefault("0.40")
    double afterHoursRatio();

    /** after_hours_waste: the complete local days the means are taken over. */
    @WithDefault("7")
    int afterHoursDays();

    /** pue_above_limit: a calendar month with a PUE above this (GB 40879-2021's limit). */
    @WithDefault("1.50")
    double pueLimit();

    /** data_gap: a local day whose completeness is below this; also the least completeness after_hours_waste needs. */
    @WithDefault("0.90")
    double dataGapMinCompleteness();

    /** data_gap: how many complete local days before today are checked (backfill resolves their alerts). */
    @WithDefault("7")
    int dataGapDays();
}
