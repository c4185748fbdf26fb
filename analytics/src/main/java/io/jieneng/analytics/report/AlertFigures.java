package io.jieneng.analytics.report;

import io.jieneng.analytics.alert.Alert;
import io.jieneng.analytics.alert.AlertStatus;
import io.jieneng.analytics.alert.AlertType;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The year's alerts of an institution by type (pure). */
public final class AlertFigures {

    private AlertFigures() {
    }

    /** The alerts of {@code all} opened in local {@code year} of {@code zone}, counted per type. */
    public static AlertSection section(List<Alert> all, int year, ZoneId zone) {
        List<Alert> ofYear = all.stream()
                .filter(a -> OffsetDateTime.parse(a.openedAt()).atZoneSameInstant(zone).getYear() == year)
                .sorted(Comparator.comparing((Alert a) -> OffsetDateTime.parse(a.openedAt()).toInstant())
                        .thenComparingLong(Alert::id))
                .toList();
        List<AlertSection.TypeCount> byType = new ArrayList<>();
        for (AlertType type : AlertType.values()) {
            List<Alert> of = ofYear.stream().filter(a -> a.type() == type).toList();
            byType.add(new AlertSection.TypeCount(type.jsonName(), type.severity().jsonName(), of.size(),
                    (int) of.stream().filter(a -> a.status() != AlertStatus.RESOLVED).count()));
        }
        return new AlertSection(ofYear.size(), byType, ofYear.stream().map(a -> new AlertSection.AlertLine(a.id(),
                a.type().jsonName(), a.meterId(), a.status().jsonName(), a.openedAt(), a.resolvedAt(),
                a.value(), a.threshold(), a.unit(), a.period(), a.message())).toList());
    }
}
