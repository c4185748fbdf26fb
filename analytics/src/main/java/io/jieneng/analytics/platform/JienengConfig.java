package io.jieneng.analytics.platform;

import io.jieneng.ingest.config.Allowed;
import io.jieneng.ingest.config.IngestSettings;
import io.jieneng.store.ConfigValues;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The platform's configuration. Every key is set through an environment variable: {@code jieneng.rollup.safety-seconds}
 * is {@code JIENENG_ROLLUP_SAFETY_SECONDS}, and so on (docs/CONFIG.md lists them all). The keys the ingest reads
 * too (store, time zone, registry database, MQTT, bridge, ...) are declared once, in {@link IngestSettings}, which
 * this mapping extends: the in-process ingest and the standalone one read the same keys with the same checks.
 */
@ConfigMapping(prefix = "jieneng")
public interface JienengConfig extends IngestSettings {

    /** The password of the built-in {@code admin} user; generated and kept in the data directory when unset. */
    Optional<String> adminPassword();

    /** A registry document imported at start-up (idempotent); {@code demo} is the bundled Jiangsu demo. */
    Optional<String> registryFile();

    /**
     * How often, in milliseconds, this instance polls the registry's change stamp and reloads its snapshot when
     * another instance (or a device hash upgrade) changed the registry; 100 to 4000, so a change applies within 5 s.
     */
    @WithDefault("1000")
    int registryPollMs();

    /** The regional grid whose emission factor applies (docs/DOMAIN.md §4): {@code east-china}, {@code national}. */
    @WithDefault("east-china")
    String gridRegion();

    /** A factor table replacing the bundled defaults (docs/FACTORS.md). */
    Optional<Path> factorsFile();

    /** Run the MQTT ingest inside this process; turn off when standalone ingest replicas do the job. */
    @WithDefault("true")
    @WithConverter(ConfigValues.Bool.class)
    boolean inProcessIngest();

    /** Claims of OpenID Connect tokens (single sign-on is switched on by JIENENG_OIDC_ENABLED). */
    Oidc oidc();

    /** Throttling of failed HTTP logins. */
    Login login();

    /**
     * Answer aligned hour, day and month queries from the rollups (docs/ROLLUPS.md); {@code false} computes every
     * answer from the raw readings and stops the rollup job.
     */
    @WithName("rollups-enabled")
    @WithDefault("true")
    @WithConverter(ConfigValues.Bool.class)
    boolean rollupsEnabled();

    /** The rollup job (docs/ROLLUPS.md). */
    Rollup rollup();

    interface Rollup {
        /** Seconds between two runs of the rollup job. */
        @WithDefault("10")
        @WithConverter(Allowed.Positive.class)
        int intervalSeconds();

        /**
         * How old an arrival marker must be before the job rolls it up: longer than any ingest write attempt
         * (12 s) plus the clock difference between the ingest and analytics hosts.
         */
        @WithDefault("30")
        @WithConverter(Allowed.Positive.class)
        int safetySeconds();

        /** Markers older than this many days behind the watermark are deleted. */
        @WithDefault("7")
        @WithConverter(Allowed.NonNegative.class)
        int markerRetentionDays();
    }

    interface Oidc {
        /** The claim holding the role: admin, auditor, institution or region. */
        @WithDefault("jieneng_role")
        String roleClaim();

        /** The claim holding an institution user's institution id. */
        @WithDefault("jieneng_institution")
        String institutionClaim();

        /** The claim holding a region user's region code. */
        @WithDefault("jieneng_region")
        String regionClaim();
    }

    interface Login {
        /** Failed logins for one user name from one address before that pair is locked out. */
        @WithDefault("5")
        @WithConverter(Allowed.Positive.class)
        int maxFailures();

        /** Failed logins from one address, whatever the user name, before the address is locked out. */
        @WithDefault("20")
        @WithConverter(Allowed.Positive.class)
        int maxFailuresPerAddress();

        /** How long a lockout lasts, and the window in which failures are counted, in minutes. */
        @WithDefault("15")
        @WithConverter(Allowed.Positive.class)
        int lockoutMinutes();
    }
}
