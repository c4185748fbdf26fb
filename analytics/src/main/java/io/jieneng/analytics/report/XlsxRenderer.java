package io.jieneng.analytics.report;

import io.jieneng.analytics.report.ReportView.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The xlsx (Apache POI): one sheet per section, tables one under the other. Figures are numeric cells holding the
 * exact value, formatted with the decimals the html shows; ratios are numeric cells with a percentage format, so
 * a spreadsheet can compute with every figure.
 */
public final class XlsxRenderer {

    /** Excel's limit on sheet-name length. */
    private static final int SHEET_NAME_MAX = 31;

    private XlsxRenderer() {
    }

    public static byte[] render(ReportView view) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            Set<String> names = new HashSet<>();
            for (ReportView.Section s : view.sections()) {
                Sheet sheet = wb.createSheet(uniqueName(s.title(), names));
                int r = 0;
                r = text(sheet, r, s.title(), styles.title);
                int widest = 0;
                for (ReportView.Table t : s.tables()) {
                    r++;
                    if (t.title() != null) {
                        r = text(sheet, r, t.title(), styles.bold);
                    }
                    Row header = sheet.createRow(r++);
                    for (int c = 0; c < t.header().size(); c++) {
                        var cell = header.createCell(c);
                        cell.setCellValue(t.header().get(c));
                        cell.setCellStyle(styles.header);
                    }
                    widest = Math.max(widest, t.header().size());
                    for (List<Cell> row : t.rows()) {
                        Row xr = sheet.createRow(r++);
                        for (int c = 0; c < row.size(); c++) {
                            write(xr.createCell(c), row.get(c), styles);
                        }
                    }
                }
                r++;
                for (String note : s.notes()) {
                    r = text(sheet, r, note, null);
                }
                for (int c = 0; c < Math.max(widest, 2); c++) {
                    // Fixed widths: autoSizeColumn measures with AWT fonts, which a headless server may lack.
                    sheet.setColumnWidth(c, (c == 0 ? 34 : 20) * 256);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the xlsx report", e);
        }
    }

    private static void write(org.apache.poi.ss.usermodel.Cell cell, Cell c, Styles styles) {
        switch (c.kind()) {
            case TEXT -> cell.setCellValue(c.text());
            case NUMBER -> {
                cell.setCellValue(c.value());
                cell.setCellStyle(styles.number(c.decimals()));
            }
            case PERCENT -> {
                cell.setCellValue(c.value());
                cell.setCellStyle(styles.percent(c.decimals()));
            }
            case EMPTY -> cell.setBlank();
        }
    }

    private static int text(Sheet sheet, int r, String text, CellStyle style) {
        var cell = sheet.createRow(r).createCell(0);
        cell.setCellValue(text);
        if (style != null) {
            cell.setCellStyle(style);
        }
        return r + 1;
    }

    /** A valid, unique sheet name: Excel forbids []:*?/\ and names over 31 characters. */
    static String uniqueName(String title, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(title, '_');
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase()); i++) {
            String suffix = " " + i;
            name = base.substring(0, Math.min(base.length(), SHEET_NAME_MAX - suffix.length())) + suffix;
        }
        return name;
    }

    /** Cell styles are shared per workbook: Excel caps a file at about 64,000 of them. */
    private static final class Styles {
        final XSSFWorkbook wb;
        final CellStyle title;
        final CellStyle bold;
        final CellStyle header;
        final Map<Integer, CellStyle> numbers = new HashMap<>();
        final Map<Integer, CellStyle> percents = new HashMap<>();

        Styles(XSSFWorkbook wb) {
            this.wb = wb;
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            Font b = wb.createFont();
            b.setBold(true);
            bold = wb.createCellStyle();
            bold.setFont(b);
            header = wb.createCellStyle();
            header.setFont(b);
            header.setWrapText(true);
        }

        CellStyle number(int decimals) {
            return numbers.computeIfAbsent(decimals, d -> format(d == 0 ? "#,##0" : "#,##0." + "0".repeat(d)));
        }

        CellStyle percent(int decimals) {
            return percents.computeIfAbsent(decimals, d -> format(d == 0 ? "0%" : "0." + "0".repeat(d) + "%"));
        }

        private CellStyle format(String pattern) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(pattern));
            return s;
        }
    }
}
