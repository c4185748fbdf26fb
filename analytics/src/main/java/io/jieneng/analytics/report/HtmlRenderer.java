package io.jieneng.analytics.report;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The printable html page: one self-contained document (inline CSS, inline SVG, no script, no external
 * resource), from the Qute template {@code templates/report/audit.html} and the message bundle.
 */
@ApplicationScoped
public class HtmlRenderer {

    @Inject
    @Location("report/audit.html")
    Template audit;

    public String render(AuditReport report, ReportView view, Double quotaKgce, ReportLang lang,
                         ReportMessages m) {
        List<HtmlSection> sections = new ArrayList<>();
        for (ReportView.Section s : view.sections()) {
            List<Chart> charts = switch (s.id()) {
                case "energy" -> List.of(Charts.monthlyEnergy(report.energy(), m));
                case "subItems" -> List.of(Charts.subItems(report.subItems(), lang == ReportLang.ZH, m));
                case "quota" -> List.of(Charts.quotaTrajectory(report.quota().trajectory(), report.year(),
                        quotaKgce, m));
                default -> List.of();
            };
            sections.add(new HtmlSection(s, charts));
        }
        return audit.data("view", view).data("sections", sections).data("lang", lang.tag())
                .setLocale(lang.locale()).render();
    }
}
