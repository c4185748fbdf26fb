package io.jieneng.analytics.report;

import io.jieneng.analytics.report.ReportView.Cell;
import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** No text reaches a spreadsheet as a formula, nothing is lost, and numbers stay numbers (docs/REPORTS.md). */
class CsvInjectionPropertyTest {

    private static final String DANGEROUS = "=+-@\t\r";
    // Formula starts, quoting and line-break characters, a few ordinary letters and digits, and Chinese.
    private static final String ALPHABET = "=+-@\t\r\n\",;'|!()A1zé 能耗表";

    @Test
    void everyTextCellIsReadBackAsTextWithItsContentAndEveryNumberAsTheSameNumber() {
        Property.check(500, r -> {
            List<String> header = Gen.listOf(r, 1, 4, CsvInjectionPropertyTest::text);
            List<List<Cell>> rows = Gen.listOf(r, 1, 6, rr -> Gen.listOf(rr, header.size(), header.size(),
                    CsvInjectionPropertyTest::cell));
            String title = text(r);
            ReportView view = new ReportView(title, text(r), List.of(), List.of(new ReportView.Section("s", "节",
                    List.of(new ReportView.Table(null, header, rows)), List.of())));

            List<List<String>> read = CsvReading.parseCsv(new String(CsvRenderer.render(view), StandardCharsets.UTF_8)
                    .substring(CsvRenderer.BOM.length()));

            assertThat(read.get(0)).containsExactly(expectedText(title));
            assertThat(read.get(4)).containsExactlyElementsOf(header.stream()
                    .map(CsvInjectionPropertyTest::expectedText).toList());
            for (int i = 0; i < rows.size(); i++) {
                List<String> got = read.get(5 + i);
                for (int c = 0; c < header.size(); c++) {
                    Cell cell = rows.get(i).get(c);
                    String field = got.get(c);
                    if (cell.kind() == ReportView.Kind.TEXT) {
                        assertThat(field).isEqualTo(expectedText(cell.text()));
                        assertThat(field.isEmpty() || DANGEROUS.indexOf(field.charAt(0)) < 0).as(field).isTrue();
                    } else {
                        // A negative number keeps its minus sign and is read back as exactly that number.
                        assertThat(field).isEqualTo(ReportNumbers.plain(cell.value()));
                        assertThat(Double.parseDouble(field)).isEqualTo(cell.value());
                    }
                }
            }
        });
    }

    @Test
    void theSixFormulaStartsAreNeutralisedAndOnlyThem() {
        for (char c : DANGEROUS.toCharArray()) {
            assertThat(CsvRenderer.neutralise(c + "HYPERLINK(\"http://x\")")).startsWith("'" + c);
        }
        assertThat(CsvRenderer.neutralise("能耗 = 1")).isEqualTo("能耗 = 1");
        assertThat(CsvRenderer.neutralise("'quoted")).isEqualTo("'quoted");
        assertThat(CsvRenderer.neutralise("")).isEmpty();
    }

    private static String expectedText(String s) {
        return !s.isEmpty() && DANGEROUS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = Gen.intIn(r, 1, 12);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static Cell cell(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Cell.text(text(r));
            case 1 -> Cell.num(Gen.doubleIn(r, -1e9, 1e9, Gen.intIn(r, 0, 4)), 2);
            default -> Cell.num((double) -Gen.intIn(r, 1, 1_000_000), 0);
        };
    }
}
