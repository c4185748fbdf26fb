package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.check.CheckContext;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One evaluation of every check on one registry snapshot: runs the checks (a failing check is logged and its
 * alerts left as they are), reconciles what they found with the unresolved alerts, and stores the changes with
 * their history and webhook deliveries. No CDI, so it can be run at province scale in a test.
 */
public final class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);

    private final AlertStore store;
    private final Map<String, Function<CheckContext, Evaluation>> checks;

    /** What one run changed. */
    public record RunSummary(String asOf, int opened, int reopened, int resolved, List<String> failedChecks,
                             long millis) {
    }

    /** @param checks by name, in the order they run */
    public AlertEngine(AlertStore store, Map<String, Function<CheckContext, Evaluation>> checks) {
        this.store = store;
        this.checks = new LinkedHashMap<>(checks);
    }

    /** Runs the checks {@code include} names as of {@code ctx.asOf()}; changes are timed at that instant. */
    public Result run(CheckContext ctx, Predicate<String> include, List<String> webhookUrls) {
        long started = System.nanoTime();
        List<Evaluation> evaluations = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        checks.forEach((name, check) -> {
            if (!include.test(name)) {
                return;
            }
            try {
                evaluations.add(check.apply(ctx));
            } catch (RuntimeException e) {
                failed.add(name);
                LOG.warnf(e, "alert check %s failed as of %s; its alerts stay as they are until a run succeeds",
                        name, ctx.iso(ctx.asOf()));
            }
        });
        List<Reconciler.ActiveAlert> active = store.unresolved();
        Map<AlertKey, Long> resolved = store.latestResolved(Reconciler.reopenCandidates(active, evaluations));
        Reconciler.Plan plan = Reconciler.plan(active, resolved, evaluations);
        if (!plan.isEmpty()) {
            store.apply(plan, ctx.asOf(), webhookUrls);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!plan.isEmpty()) {
            LOG.infof("alerts as of %s: %d opened, %d reopened, %d resolved (%d ms)", ctx.iso(ctx.asOf()),
                    plan.opens().size(), plan.reopens().size(), plan.resolves().size(), millis);
        }
        return new Result(plan, new RunSummary(ctx.iso(ctx.asOf()), plan.opens().size(), plan.reopens().size(),
                plan.resolves().size(), List.copyOf(failed), millis));
    }

    /** The plan applied and its summary. */
    public record Result(Reconciler.Plan plan, RunSummary summary) {
    }
}
