package io.jieneng.analytics.report;

import io.jieneng.analytics.report.ReportView.Cell;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRendererTest {

    @Test
    void startsWithABomQuotesWhatNeedsItAndWritesExactNumbers() {
        ReportView view = new ReportView("标题", "副标题", List.of(), List.of(new ReportView.Section("energy", "能耗",
                List.of(new ReportView.Table("表", List.of("项目", "数值"), List.of(
                        List.of(Cell.text("a, \"b\""), Cell.num(12345678.901, 2)),
                        List.of(Cell.text("比例"), Cell.pct(0.25, 1)),
                        List.of(Cell.text("无"), Cell.empty())))),
                List.of("注"))));
        byte[] csv = CsvRenderer.render(view);
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("\uFEFF标题\r\n副标题\r\n\r\n## 能耗\r\n# 表\r\n项目,数值\r\n\"a, \"\"b\"\"\",12345678.901\r\n"
                + "比例,0.25\r\n无,\r\n* 注\r\n");
    }
}
