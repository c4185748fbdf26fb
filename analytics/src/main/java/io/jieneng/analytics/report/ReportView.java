package io.jieneng.analytics.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link AuditReport} laid out as labelled tables in one language: what the csv, the xlsx and the html
 * render. Labels come from the message bundle; figures stay numbers until a renderer writes them.
 *
 * @param keyFigures the headline figures shown first in the html
 */
public record ReportView(String title, String subtitle, List<KeyFigure> keyFigures, List<Section> sections) {

    /** A headline figure: label, the value as displayed, and its unit. */
    public record KeyFigure(String label, Cell value, String unit) {
    }

    /** One section of docs/DOMAIN.md §6: a sheet in the xlsx, a block in the csv, a chapter in the html. */
    public record Section(String id, String title, List<Table> tables, List<String> notes) {
    }

    /** A table with an optional title (null for none). */
    public record Table(String title, List<String> header, List<List<Cell>> rows) {

        /** A two-column table of item and value. */
        static Table keyValue(String title, String itemHeader, String valueHeader, List<List<Cell>> rows) {
            return new Table(title, List.of(itemHeader, valueHeader), rows);
        }
    }

    /** What a cell holds. {@code PERCENT} cells hold a ratio (0.25) and display it as a percentage (25.0%). */
    public enum Kind { TEXT, NUMBER, PERCENT, EMPTY }

    /**
     * One cell: text, or a number with the decimals it is displayed with.
     *
     * @param value the exact figure of the report, for NUMBER and PERCENT
     */
    public record Cell(Kind kind, String text, Double value, int decimals) {

        public static Cell text(String text) {
            return text == null ? empty() : new Cell(Kind.TEXT, text, null, 0);
        }

        public static Cell num(Double value, int decimals) {
            return value == null || !Double.isFinite(value) ? empty() : new Cell(Kind.NUMBER, null, value, decimals);
        }

        public static Cell pct(Double ratio, int decimals) {
            return ratio == null || !Double.isFinite(ratio) ? empty() : new Cell(Kind.PERCENT, null, ratio, decimals);
        }

        public static Cell empty() {
            return new Cell(Kind.EMPTY, null, null, 0);
        }

        /** As a person reads it: rounded, thousands grouped, "—" for nothing. */
        public String display() {
            return switch (kind) {
                case TEXT -> text;
                case NUMBER -> ReportNumbers.display(value, decimals);
                case PERCENT -> ReportNumbers.displayPercent(value, decimals);
                case EMPTY -> "—";
            };
        }

        /** As the csv writes it: the exact figure in plain notation, empty for nothing. */
        public String exact() {
            return switch (kind) {
                case TEXT -> text;
                case NUMBER, PERCENT -> ReportNumbers.plain(value);
                case EMPTY -> "";
            };
        }

        public boolean isNumeric() {
            return kind == Kind.NUMBER || kind == Kind.PERCENT;
        }
    }

    /** A row of cells. */
    static List<Cell> row(Cell... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }
}
