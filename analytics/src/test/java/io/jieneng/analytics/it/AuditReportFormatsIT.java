package io.jieneng.analytics.it;

import io.jieneng.analytics.alert.AlertService;
import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.analytics.report.ReportNumbers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jieneng.analytics.report.CsvReading.parseCsv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The csv, the xlsx (read back with Apache POI) and the html (rendered by headless Chromium from the running app)
 * show the same totals as the json report of the same year, in Chinese by default and in English with lang=en.
 */
@QuarkusTest
@WithTestResource(value = ReportPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AuditReportFormatsIT extends PlatformTest {

    @Inject
    InProcessIngest ingest;

    @Inject
    AlertService alerts;

    @Override
    protected String registryResource() {
        return "/report-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        AuditReportIT.publishAuditWeek(ingest.port().orElseThrow());
        AuditReportIT.evaluateAlertsIn2025(alerts);
    }

    @Test
    void theCsvCarriesTheExactTotalsInUtf8WithAByteOrderMark() {
        JsonPath json = json("zh");
        ExtractableResponse<Response> r = AuditReportIT.report("csv", "zh").statusCode(200).extract();
        assertThat(r.contentType()).isEqualTo("text/csv; charset=UTF-8");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"audit-au-office-2025-zh.csv\"");
        byte[] body = r.asByteArray();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parseCsv(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0).get(0)).isEqualTo("审计测试机关 2025 年度能源审计报告");
        assertThat(csvValue(rows, "综合能耗（kgce）")).isEqualTo(number(json, "energy.totalKgce"));
        assertThat(csvValue(rows, "综合能耗（tce）")).isEqualTo(number(json, "energy.totalTce"));
        assertThat(csvValue(rows, "碳排放总量（kgCO₂）")).isEqualTo(number(json, "carbon.totalKg"));
        assertThat(csvValue(rows, "未计量部分", 1, 3)).isEqualTo(number(json, "subItems.unmeteredKwh"));
        assertThat(rows).anySatisfy(row -> assertThat(row).containsExactly("## 电力分项计量"));

        List<List<String>> en = parseCsv(new String(AuditReportIT.report("csv", "en").statusCode(200).extract()
                .asByteArray(), StandardCharsets.UTF_8).substring(1));
        assertThat(csvValue(en, "Comprehensive energy (kgce)")).isEqualTo(number(json, "energy.totalKgce"));
        assertThat(csvValue(en, "Total CO₂ (kg)")).isEqualTo(number(json, "carbon.totalKg"));
    }

    @Test
    void theXlsxHasOneSheetPerSectionWithNumericCells() throws Exception {
        JsonPath json = json("zh");
        ExtractableResponse<Response> r = AuditReportIT.report("xlsx", "zh").statusCode(200).extract();
        assertThat(r.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"audit-au-office-2025-zh.xlsx\"");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("单位概况与数据完整性", "分类能耗与综合能耗", "能耗强度与定额对比", "电力分项计量",
                    "光伏发电", "数据中心 PUE", "碳排放", "定额执行情况", "新能源公务用车", "本年告警",
                    "发现与建议");
            Sheet energy = wb.getSheet("分类能耗与综合能耗");
            assertThat(xlsxValue(energy, "综合能耗（kgce）")).isEqualTo(number(json, "energy.totalKgce"));
            assertThat(xlsxValue(energy, "综合能耗（tce）")).isEqualTo(number(json, "energy.totalTce"));
            assertThat(xlsxValue(wb.getSheet("碳排放"), "碳排放总量（kgCO₂）")).isEqualTo(number(json, "carbon.totalKg"));
            assertThat(xlsxValue(wb.getSheet("数据中心 PUE"), "au-dc"))
                    .isEqualTo(number(json, "dataCentres.centres[0].itKwh"));
            assertThat(wb.getSheet("发现与建议").getLastRowNum()).isGreaterThanOrEqualTo(5);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(
                AuditReportIT.report("xlsx", "en").statusCode(200).extract().asByteArray()))) {
            Sheet energy = wb.getSheet("Energy by type and comprehensiv");
            assertThat(energy).as("sheet names are cut at Excel's 31 characters").isNotNull();
            assertThat(xlsxValue(energy, "Comprehensive energy (kgce)")).isEqualTo(number(json, "energy.totalKgce"));
        }
    }

    @Test
    void theHtmlShowsTheSameTotalsInARealBrowserInChinese() throws Exception {
        JsonPath json = json("zh");
        ExtractableResponse<Response> r = AuditReportIT.report("html", "zh").statusCode(200).extract();
        assertThat(r.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(r.header("Content-Disposition")).startsWith("inline; filename=\"audit-au-office-2025-zh.html\"");
        String served = r.asString();
        assertThat(served).as("self-contained: no script, stylesheet link, image or font is fetched")
                .doesNotContain("<script", "<link", "src=", "url(", "@import", "<img");

        String dom = HeadlessChromium.dumpDom(url("zh"));
        assertThat(dom).contains("<html lang=\"zh\">", "审计测试机关 2025 年度能源审计报告", "关键指标", "综合能耗",
                "碳排放总量", "电力分项计量", "本年告警", "计量表离线", "逐月综合能耗（按能源品种，kgce）",
                "综合能耗累计与定额进度（kgce）");
        assertThat(kpi(dom, 0)).isEqualTo(ReportNumbers.display(number(json, "energy.totalKgce"), 2));
        assertThat(kpi(dom, 1)).isEqualTo(ReportNumbers.display(number(json, "energy.totalTce"), 3));
        assertThat(kpi(dom, 2)).isEqualTo(ReportNumbers.display(number(json, "carbon.totalKg"), 2));
        assertThat(kpi(dom, 0)).isEqualTo("502.08");
        assertThat(kpi(dom, 2)).isEqualTo("1,997.91");
        assertThat(cellAfter(dom, "碳排放总量（kgCO₂）")).isEqualTo("1,997.91");
        assertThat(cellAfter(dom, "未计量部分", 1)).as("no meters").isEqualTo("—");
        assertThat(cellAfter(dom, "未计量部分", 2)).isEqualTo("168.00");
        assertThat(Pattern.compile("<svg ").matcher(dom).results().count()).isEqualTo(3);
        assertThat(dom).contains("数据中心 au-dc 全年 PUE 为 1.667", "人均综合能耗实际值 10.0416 已超过定额 9.0000");
    }

    @Test
    void theHtmlIsInEnglishWithLangEn() throws Exception {
        JsonPath json = json("en");
        String dom = HeadlessChromium.dumpDom(url("en"));
        assertThat(dom).contains("<html lang=\"en\">", "审计测试机关: energy audit report 2025", "Key figures",
                "Comprehensive energy", "Total CO₂ emissions", "Electricity sub-items",
                "Cumulative comprehensive energy against the quota (kgce)", "Data centre au-dc ran at a PUE of 1.667")
                .doesNotContain("关键指标", "电力分项计量");
        assertThat(kpi(dom, 0)).isEqualTo(ReportNumbers.display(number(json, "energy.totalKgce"), 2));
        assertThat(kpi(dom, 1)).isEqualTo(ReportNumbers.display(number(json, "energy.totalTce"), 3));
        assertThat(kpi(dom, 2)).isEqualTo(ReportNumbers.display(number(json, "carbon.totalKg"), 2));
        assertThat(cellAfter(dom, "Total CO₂ (kg)")).isEqualTo("1,997.91");
    }

    /** The json report, its numbers read exactly (RestAssured's default reads them as floats). */
    private static JsonPath json(String lang) {
        return AuditReportIT.report("json", lang).statusCode(200).extract().jsonPath(Api.EXACT);
    }

    private static double number(JsonPath json, String path) {
        return ((BigDecimal) json.get(path)).doubleValue();
    }

    /** The report's html url on the running app, with the institution user's credentials for the browser. */
    private static String url(String lang) {
        return "http://au-user:au-pass@127.0.0.1:" + RestAssured.port
                + "/api/v1/reports/audit/au-office?year=2025&format=html&lang=" + lang;
    }

    private static String kpi(String dom, int index) {
        Matcher m = Pattern.compile("data-kpi=\"" + index
                + "\"><div class=\"label\">[^<]*</div><div class=\"value\">([^<]*)<")
                .matcher(dom);
        assertThat(m.find()).as("key figure " + index + " in the rendered page").isTrue();
        return m.group(1);
    }

    private static String cellAfter(String dom, String label) {
        return cellAfter(dom, label, 1);
    }

    /** The text of the {@code n}th table cell after the cell whose text is {@code label}. */
    private static String cellAfter(String dom, String label, int n) {
        Matcher m = Pattern.compile("<td>" + Pattern.quote(label) + "</td>(?:<td[^>]*>[^<]*</td>){" + (n - 1)
                + "}<td[^>]*>([^<]*)</td>").matcher(dom);
        assertThat(m.find()).as("a row labelled " + label).isTrue();
        return m.group(1);
    }

    /** The number in the cell after the first cell of the row whose first cell is {@code label}. */
    private static double csvValue(List<List<String>> rows, String label) {
        return csvValue(rows, label, 0, 1);
    }

    private static double csvValue(List<List<String>> rows, String label, int labelColumn, int valueColumn) {
        for (List<String> row : rows) {
            if (row.size() > valueColumn && row.get(labelColumn).equals(label)) {
                return Double.parseDouble(row.get(valueColumn));
            }
        }
        throw new AssertionError("no csv row labelled " + label);
    }

    private static double xlsxValue(Sheet sheet, String label) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(label)) {
                assertThat(row.getCell(1).getCellType()).as(label + " is a numeric cell").isEqualTo(CellType.NUMERIC);
                return row.getCell(1).getNumericCellValue();
            }
        }
        throw new AssertionError("no row labelled " + label + " in sheet " + sheet.getSheetName());
    }
}
