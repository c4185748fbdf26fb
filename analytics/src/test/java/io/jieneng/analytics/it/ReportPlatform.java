package io.jieneng.analytics.it;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link FreshPlatform} with the alert engine's schedule off, so the audit-report tests decide when the engine
 * evaluates and "as of" which instant ({@code AlertService.evaluate}); a scheduled run "now" would open the same
 * alerts first, dated today instead of in the report's year.
 */
public class ReportPlatform extends FreshPlatform {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("jieneng.alerts.cron", "off");
        return config;
    }
}
