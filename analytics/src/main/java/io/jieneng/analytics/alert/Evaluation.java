package io.jieneng.analytics.alert;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one check found: the conditions that hold now, and for any other key whether the check looked at it.
 * A key the check did not look at (a day outside its window, an institution without enough data) keeps its alert
 * as it is; a key it looked at and did not find is cleared.
 *
 * @param types    the alert types this check decides
 * @param findings the conditions that hold
 * @param coverage for a key of these types that is not among the findings: the clearance, or empty when the
 *                 check did not evaluate it
 */
public record Evaluation(Set<AlertType> types, List<Finding> findings, Coverage coverage) {

    /** Tells whether, and why, a key that is not among the findings is clear. */
    @FunctionalInterface
    public interface Coverage {
        Optional<Clearance> clearance(AlertKey key);
    }

    public Evaluation {
        types = Set.copyOf(types);
        findings = List.copyOf(findings);
    }
}
