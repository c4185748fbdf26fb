package io.jieneng.analytics.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the checks found into state changes, without I/O: a finding whose key has an unresolved alert
 * changes nothing (deduplication); a new finding opens an alert, or reopens the resolved one of a type that
 * {@linkplain AlertType#reopens() reopens}; an unresolved alert whose check looked at its key and did not find
 * it resolves. Alerts of a type no check decided this run (a check that failed) are left alone.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** An unresolved alert: open or acknowledged. */
    public record ActiveAlert(long id, AlertKey key) {
    }

    /** The changes of one run. */
    public record Plan(List<Finding> opens, Map<Long, Finding> reopens, Map<Long, Clearance> resolves) {

        public boolean isEmpty() {
            return opens.isEmpty() && reopens.isEmpty() && resolves.isEmpty();
        }

        public int size() {
            return opens.size() + reopens.size() + resolves.size();
        }
    }

    /** The keys of findings that may reopen a resolved alert: reopening types without an unresolved alert. */
    public static Set<AlertKey> reopenCandidates(Collection<ActiveAlert> active, List<Evaluation> evaluations) {
        Set<AlertKey> activeKeys = new HashSet<>();
        active.forEach(a -> activeKeys.add(a.key()));
        Set<AlertKey> out = new HashSet<>();
        for (Evaluation e : evaluations) {
            for (Finding f : e.findings()) {
                if (f.key().type().reopens() && !activeKeys.contains(f.key())) {
                    out.add(f.key());
                }
            }
        }
        return out;
    }

    /**
     * @param active   every unresolved alert
     * @param resolved for keys of {@link #reopenCandidates}, the id of the latest resolved alert with that key
     */
    public static Plan plan(Collection<ActiveAlert> active, Map<AlertKey, Long> resolved,
                            List<Evaluation> evaluations) {
        Map<AlertKey, ActiveAlert> byKey = new HashMap<>();
        active.forEach(a -> byKey.put(a.key(), a));
        Map<AlertType, Evaluation> byType = new HashMap<>();
        Set<AlertKey> found = new HashSet<>();
        List<Finding> opens = new ArrayList<>();
        Map<Long, Finding> reopens = new LinkedHashMap<>();
        for (Evaluation e : evaluations) {
            e.types().forEach(t -> byType.put(t, e));
            for (Finding f : e.findings()) {
                if (!found.add(f.key()) || byKey.containsKey(f.key())) {
                    continue;
                }
                Long previous = f.key().type().reopens() ? resolved.get(f.key()) : null;
                if (previous != null) {
                    reopens.put(previous, f);
                } else {
                    opens.add(f);
                }
            }
        }
        Map<Long, Clearance> resolves = new LinkedHashMap<>();
        for (ActiveAlert a : active) {
            Evaluation e = byType.get(a.key().type());
            if (e == null || found.contains(a.key())) {
                continue;
            }
            Optional<Clearance> c = e.coverage().clearance(a.key());
            c.ifPresent(clearance -> resolves.put(a.id(), clearance));
        }
        return new Plan(List.copyOf(opens), reopens, resolves);
    }
}
