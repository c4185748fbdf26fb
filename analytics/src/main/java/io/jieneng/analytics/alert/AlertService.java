package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.check.AfterHoursCheck;
import io.jieneng.analytics.alert.check.CheckContext;
import io.jieneng.analytics.alert.check.DataGapCheck;
import io.jieneng.analytics.alert.check.OfflineCheck;
import io.jieneng.analytics.alert.check.PueCheck;
import io.jieneng.analytics.alert.webhook.WebhookService;
import io.jieneng.analytics.calendar.WorkingCalendar;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.platform.TimeSeriesStore;
import io.jieneng.analytics.registry.RegistryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The alert engine (docs/ALERTS.md): runs every check on one registry snapshot, turns what they found into state
 * changes ({@link Reconciler}) and stores them with their history and webhook deliveries ({@link AlertStore}).
 * Only one analytics instance evaluates at a time ({@link EngineLock}).
 */
@ApplicationScoped
public class AlertService {

    /** After the store and the rollups, before the in-process ingest. */
    public static final int STARTUP_PRIORITY = TimeSeriesStore.STARTUP_PRIORITY + 7;
    private static final Logger LOG = Logger.getLogger(AlertService.class);

    @Inject
    AlertsConfig config;

    @Inject
    JienengConfig platform;

    @Inject
    RegistryService registry;

    @Inject
    TimeSeriesStore timeSeries;

    @Inject
    MeterEnergySource energy;

    @Inject
    WorkingCalendar calendar;

    @Inject
    WebhookService webhooks;

    @Inject
    MeterRegistry meterRegistry;

    /** The engine's clock; tests evaluate "as of" chosen instants through {@link #evaluate(Instant)} instead. */
    Clock clock = Clock.systemUTC();

    private AlertStore store;
    private EngineLock lock;
    private AlertMetrics metrics;
    private Instant startedAt;
    private final Map<String, Function<CheckContext, Evaluation>> checks = new LinkedHashMap<>();

    /** What one run changed. */
    public record RunSummary(Instant asOf, int opened, int reopened, int resolved, List<String> failedChecks,
                             long millis) {
    }

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        requirePositive("JIENENG_ALERTS_OFFLINE_INTERVALS", config.offlineIntervals());
        requirePositive("JIENENG_ALERTS_OFFLINE_MIN_MINUTES", config.offlineMinMinutes());
        requirePositive("JIENENG_ALERTS_AFTER_HOURS_DAYS", config.afterHoursDays());
        requirePositive("JIENENG_ALERTS_DATA_GAP_DAYS", config.dataGapDays());
        if (!(config.afterHoursRatio() > 0) || !(config.pueLimit() > 0) || !(config.dataGapMinCompleteness() > 0)
                || config.dataGapMinCompleteness() > 1) {
            throw new IllegalStateException("JIENENG_ALERTS_AFTER_HOURS_RATIO and JIENENG_ALERTS_PUE_LIMIT must be "
                    + "positive and JIENENG_ALERTS_DATA_GAP_MIN_COMPLETENESS in (0, 1]");
        }
        store = new AlertStore(registry.dataSource(), platform.timezone());
        lock = new EngineLock(registry.dataSource());
        metrics = new AlertMetrics(meterRegistry);
        startedAt = clock.instant();
        OfflineCheck offline = new OfflineCheck(timeSeries::reader, config.offlineIntervals(),
                Duration.ofMinutes(config.offlineMinMinutes()));
        checks.put("meter_offline", offline::evaluate);
        checks.put("data_gap", new DataGapCheck(energy, config.dataGapMinCompleteness(),
                config.dataGapDays())::evaluate);
        checks.put("after_hours_waste", new AfterHoursCheck(energy, calendar, config.afterHoursRatio(),
                config.afterHoursDays(), config.dataGapMinCompleteness())::evaluate);
        checks.put("pue_above_limit", new PueCheck(energy, config.pueLimit())::evaluate);
        int year = LocalDate.now(clock.withZone(platform.timezone())).getYear();
        if (!calendar.covers(year)) {
            LOG.warnf("the holiday calendar %s has no arrangement for %d: after-hours alerts treat every %s as a "
                    + "working day; add the year (docs/ALERTS.md) and set JIENENG_CALENDAR_FILE",
                    calendar.table().origin(), year, calendar.workingDays());
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1, was " + value);
        }
    }

    /**
     * One scheduled run as of now. meter_offline waits one minimum threshold after start-up, so devices can
     * reconnect and resend what they buffered while the platform was down; failures are logged.
     */
    public void runNow() {
        if (lock == null) {
            return;
        }
        Instant now = clock.instant();
        boolean offlineReady = !now.isBefore(startedAt.plus(Duration.ofMinutes(config.offlineMinMinutes())));
        try {
            run(now, offlineReady);
        } catch (RuntimeException e) {
            LOG.warnf(e, "alert engine run failed; the next run tries again");
        }
    }

    /**
     * Evaluates every check as of {@code asOf} and applies the changes; empty when another instance is running.
     * Alerts opened or resolved get {@code asOf} as their time.
     */
    public Optional<RunSummary> evaluate(Instant asOf) {
        return run(asOf, true);
    }

    private Optional<RunSummary> run(Instant asOf, boolean withOffline) {
        return lock.underEngineLock(asOf, clock.instant(), () -> metrics.run().record(() -> runLocked(asOf,
                withOffline)));
    }

    private RunSummary runLocked(Instant asOf, boolean withOffline) {
        long started = System.nanoTime();
        CheckContext ctx = new CheckContext(registry.current(), asOf, platform.timezone());
        List<Evaluation> evaluations = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        checks.forEach((name, check) -> {
            if (!withOffline && "meter_offline".equals(name)) {
                return;
            }
            try {
                evaluations.add(check.apply(ctx));
            } catch (RuntimeException e) {
                failed.add(name);
                LOG.warnf(e, "alert check %s failed as of %s; its alerts stay as they are until a run succeeds",
                        name, asOf);
            }
        });
        List<Reconciler.ActiveAlert> active = store.unresolved();
        Map<AlertKey, Long> resolved = store.latestResolved(Reconciler.reopenCandidates(active, evaluations));
        Reconciler.Plan plan = Reconciler.plan(active, resolved, evaluations);
        if (!plan.isEmpty()) {
            store.apply(plan, asOf, webhooks.urls());
        }
        metrics.ran(plan, failed.size(), store.countUnresolved());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!plan.isEmpty()) {
            LOG.infof("alerts as of %s: %d opened, %d reopened, %d resolved (%d ms)", asOf, plan.opens().size(),
                    plan.reopens().size(), plan.resolves().size(), millis);
        }
        return new RunSummary(asOf, plan.opens().size(), plan.reopens().size(), plan.resolves().size(),
                List.copyOf(failed), millis);
    }

    /** Adds a check to every run from now on; used by checks that live in other packages. */
    public void addCheck(String name, Function<CheckContext, Evaluation> check) {
        checks.put(name, check);
    }

    public AlertStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }
}
