package io.jieneng.analytics.report;

import java.util.List;

/** A section of a {@link ReportView} with the charts the html draws above its tables. */
public record HtmlSection(ReportView.Section section, List<Chart> charts) {
}
