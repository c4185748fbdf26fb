package io.jieneng.analytics.quota;

import io.jieneng.ingest.config.Allowed;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Quota settings; {@code jieneng.quota.x-y} is the environment variable {@code JIENENG_QUOTA_X_Y}. */
@ConfigMapping(prefix = "jieneng.quota")
public interface QuotaConfig {

    /**
     * The previous year counts as "full", and its profile projects the current year (seasonal projection), when
     * its data completeness over the institution's counting meters reaches this share (docs/DOMAIN.md §5).
     */
    @WithDefault("0.9")
    @WithConverter(Allowed.Share.class)
    double seasonalMinCompleteness();
}
