package io.jieneng.analytics.report;

import io.jieneng.analytics.report.ReportView.Cell;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The csv: UTF-8 with a byte-order mark, because Excel (the tool most auditors open a csv with) reads a csv
 * without one in the system's ANSI code page and garbles Chinese. RFC 4180 quoting, CRLF line ends. Each section
 * is a block: its title on a line of its own, then each table (an optional title line, the header, the rows),
 * then its notes; a blank line separates the blocks. Numbers are exact and in plain notation, never rounded.
 *
 * <p>Text that a spreadsheet would take for a formula (it starts with {@code = + - @}, a tab or a carriage return:
 * an institution's or meter's name comes from the registry, and {@code =HYPERLINK(...)} or {@code =cmd|...} in it
 * would run when an auditor opens the file) gets a leading apostrophe, which makes it plain text
 * (docs/REPORTS.md). Only text is treated so: a number cell, negative ones included, stays a number.
 */
public final class CsvRenderer {

    static final String BOM = "\uFEFF";
    /** What makes Excel, LibreOffice and Google Sheets start a formula (or, for tab and CR, hide one). */
    static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvRenderer() {
    }

    public static byte[] render(ReportView view) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, List.of(neutralise(view.title())));
        line(out, List.of(neutralise(view.subtitle())));
        for (ReportView.Section s : view.sections()) {
            out.append("\r\n");
            line(out, List.of("## " + s.title()));
            for (ReportView.Table t : s.tables()) {
                if (t.title() != null) {
                    line(out, List.of("# " + t.title()));
                }
                line(out, t.header().stream().map(CsvRenderer::neutralise).toList());
                for (List<Cell> row : t.rows()) {
                    line(out, row.stream().map(CsvRenderer::field).toList());
                }
            }
            for (String note : s.notes()) {
                line(out, List.of("* " + note));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(Cell c) {
        return c.kind() == ReportView.Kind.TEXT ? neutralise(c.text()) : c.exact();
    }

    /** {@code text} with a leading apostrophe when a spreadsheet would read it as a formula; else unchanged. */
    static String neutralise(String text) {
        if (text == null || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
