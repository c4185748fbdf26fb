package io.jieneng.analytics.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The platform's configuration. Every key is set through an environment variable: {@code jieneng.influx.url}
 * is {@code JIENENG_INFLUX_URL}, and so on (README.md lists them all). The in-process ingest reads its own
 * {@code JIENENG_MQTT_*} and {@code JIENENG_INGEST_*} keys through {@code IngestConfig}, exactly as the
 * standalone ingest does.
 */
@ConfigMapping(prefix = "jieneng")
public interface JienengConfig {

    /** Where the H2 registry, the embedded QuestDB and the generated admin password live. */
    @WithDefault("./data")
    Path dataDir();

    /** The password of the built-in {@code admin} user; generated and kept in the data directory when unset. */
    Optional<String> adminPassword();

    /** The time-series store: {@code questdb} (embedded by default) or {@code influxdb}. */
    @WithDefault("questdb")
    String store();

    /** The deployment time zone: days, months and years are local to it. */
    @WithDefault("Asia/Shanghai")
    ZoneId timezone();

    /** A registry document imported at start-up (idempotent); {@code demo} is the bundled Jiangsu demo. */
    Optional<String> registryFile();

    /** The relational database of the registry: H2 under the data directory unless a URL is set. */
    Db db();

    /** InfluxDB (1.x, or 2.x/3.x through the v1 API), used when {@code store} is {@code influxdb}. */
    Influx influx();

    /** QuestDB, used when {@code store} is {@code questdb}. */
    QuestDb questdb();

    /** The regional grid whose emission factor applies (DOMAIN.md §4): {@code east-china}, {@code national}. */
    @WithDefault("east-china")
    String gridRegion();

    /** A factor table replacing the bundled defaults (docs/FACTORS.md). */
    Optional<Path> factorsFile();

    /** Run the MQTT ingest inside this process; turn off when standalone ingest replicas do the job. */
    @WithDefault("true")
    boolean inProcessIngest();

    /** Claims of OpenID Connect tokens (single sign-on is switched on by JIENENG_OIDC_ENABLED). */
    Oidc oidc();

    /** Throttling of failed HTTP logins. */
    Login login();

    /** bcrypt cost for hashing secrets and passwords on import. */
    @WithDefault("10")
    int bcryptCost();

    /**
     * Answer aligned hour, day and month queries from the rollups (docs/ROLLUPS.md); {@code false} computes every
     * answer from the raw readings and stops the rollup job.
     */
    @WithName("rollups-enabled")
    @WithDefault("true")
    boolean rollupsEnabled();

    /** The rollup job (docs/ROLLUPS.md). */
    Rollup rollup();

    interface Rollup {
        /** Seconds between two runs of the rollup job. */
        @WithDefault("10")
        int intervalSeconds();

        /**
         * How old an arrival marker must be before the job rolls it up: longer than any ingest write attempt
         * (12 s) plus the clock difference between the ingest and analytics hosts.
         */
        @WithDefault("30")
        int safetySeconds();

        /** Markers older than this many days behind the watermark are deleted. */
        @WithDefault("7")
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
        int maxFailures();

        /** Failed logins from one address, whatever the user name, before the address is locked out. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** How long a lockout lasts, and the window in which failures are counted, in minutes. */
        @WithDefault("15")
        int lockoutMinutes();
    }

    interface Db {
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    interface Influx {
        @WithDefault("http://127.0.0.1:8086")
        String url();

        @WithDefault("jieneng")
        String db();

        Optional<String> user();

        Optional<String> password();
    }

    interface QuestDb {
        /** Run QuestDB inside this process (single node); otherwise connect to {@code url} and {@code pgUrl}. */
        @WithDefault("true")
        boolean embedded();

        /** HTTP port of the embedded QuestDB: line-protocol writes and the web console (0 = any free port). */
        @WithDefault("9000")
        int httpPort();

        /** PostgreSQL-wire port of the embedded QuestDB, used for queries (0 = any free port). */
        @WithDefault("8812")
        int pgPort();

        /** HTTP URL of an external QuestDB. */
        Optional<String> url();

        /** JDBC URL of an external QuestDB's PostgreSQL-wire endpoint. */
        Optional<String> pgUrl();

        /** PostgreSQL-wire user of QuestDB (QuestDB's default is admin). */
        @WithDefault("admin")
        String pgUser();

        /** PostgreSQL-wire password of QuestDB (QuestDB's default is quest). */
        @WithDefault("quest")
        String pgPassword();

        /** Prefix of the table names, so several deployments or test classes can share one QuestDB. */
        Optional<String> tablePrefix();
    }
}
