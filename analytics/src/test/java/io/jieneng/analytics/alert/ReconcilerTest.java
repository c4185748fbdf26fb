package io.jieneng.analytics.alert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {

    private static final AlertKey OFFLINE_A = new AlertKey(AlertType.METER_OFFLINE, "a", "2026-03-10T10:00:00+08:00");
    private static final AlertKey GAP_DAY1 = new AlertKey(AlertType.DATA_GAP, "inst", "2026-03-09");
    private static final AlertKey GAP_DAY2 = new AlertKey(AlertType.DATA_GAP, "inst", "2026-03-10");
    private static final AlertKey WARNING = new AlertKey(AlertType.QUOTA_WARNING, "inst/totalKgce", "2026");

    private static Finding finding(AlertKey key) {
        return new Finding(key, "inst", null, 1.0, 0.9, "ratio", "m");
    }

    private static Evaluation.Coverage clearsAll() {
        return key -> Optional.of(new Clearance(0.5, "cleared"));
    }

    @Test
    void aNewFindingOpensAndAFindingWithAnUnresolvedAlertChangesNothing() {
        Evaluation gaps = new Evaluation(Set.of(AlertType.DATA_GAP), List.of(finding(GAP_DAY1), finding(GAP_DAY2)),
                clearsAll());
        Reconciler.Plan plan = Reconciler.plan(List.of(new Reconciler.ActiveAlert(7, GAP_DAY1)), Map.of(),
                List.of(gaps));
        assertThat(plan.opens()).extracting(Finding::key).containsExactly(GAP_DAY2);
        assertThat(plan.resolves()).isEmpty();
        assertThat(plan.reopens()).isEmpty();
    }

    @Test
    void theSameFindingTwiceInOneRunOpensOnce() {
        Evaluation gaps = new Evaluation(Set.of(AlertType.DATA_GAP), List.of(finding(GAP_DAY1), finding(GAP_DAY1)),
                clearsAll());
        assertThat(Reconciler.plan(List.of(), Map.of(), List.of(gaps)).opens()).hasSize(1);
    }

    @Test
    void anAlertResolvesOnlyWhenItsCheckLookedAtItsKey() {
        Evaluation gaps = new Evaluation(Set.of(AlertType.DATA_GAP), List.of(),
                key -> key.equals(GAP_DAY2) ? Optional.of(new Clearance(0.95, "now 95 %")) : Optional.empty());
        Reconciler.Plan plan = Reconciler.plan(List.of(new Reconciler.ActiveAlert(1, GAP_DAY1),
                new Reconciler.ActiveAlert(2, GAP_DAY2), new Reconciler.ActiveAlert(3, OFFLINE_A)), Map.of(),
                List.of(gaps));
        // Day 1 is outside the check's window; meter_offline was not evaluated at all (its check failed).
        assertThat(plan.resolves()).containsOnlyKeys(2L);
        assertThat(plan.resolves().get(2L).value()).isEqualTo(0.95);
    }

    @Test
    void aReopeningTypeBringsBackItsResolvedAlertOthersOpenANewOne() {
        AlertKey gap = GAP_DAY1;
        Evaluation quota = new Evaluation(Set.of(AlertType.QUOTA_WARNING), List.of(finding(WARNING)), clearsAll());
        Evaluation gaps = new Evaluation(Set.of(AlertType.DATA_GAP), List.of(finding(gap)), clearsAll());
        assertThat(Reconciler.reopenCandidates(List.of(), List.of(quota, gaps))).containsExactly(WARNING);
        Reconciler.Plan plan = Reconciler.plan(List.of(), Map.of(WARNING, 41L, gap, 40L), List.of(quota, gaps));
        assertThat(plan.reopens()).containsOnlyKeys(41L);
        assertThat(plan.opens()).extracting(Finding::key).containsExactly(gap);
    }
}
