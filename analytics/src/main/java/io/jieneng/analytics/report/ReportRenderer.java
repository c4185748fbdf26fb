package io.jieneng.analytics.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Renders one computed {@link AuditReport} in the requested format; every format draws on that one model. */
@ApplicationScoped
public class ReportRenderer {

    @Inject
    ReportTexts texts;

    @Inject
    HtmlRenderer html;

    /** The response body: the report itself for json (Jackson writes it), bytes or text otherwise. */
    public Object render(AuditReport report, ReportFormat format, ReportLang lang) {
        if (format == ReportFormat.JSON) {
            return report;
        }
        ReportMessages m = texts.messages(lang);
        ReportView view = ReportViews.of(report, m);
        return switch (format) {
            case CSV -> CsvRenderer.render(view);
            case XLSX -> XlsxRenderer.render(view);
            case HTML -> html.render(report, view, quotaKgce(report), lang, m);
            case JSON -> throw new IllegalStateException("json is returned above");
        };
    }

    private static Double quotaKgce(AuditReport report) {
        return report.intensities().lines().stream().filter(l -> l.indicator().equals("totalKgce")).findFirst()
                .map(IntensitySection.IntensityLine::quota).orElse(null);
    }
}
