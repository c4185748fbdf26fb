package io.jieneng.analytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQuestDbLogTest {

    @TempDir
    Path root;

    @Test
    void questDbLogsToAFileUnderTheDataDirectoryAndNothingToTheConsole() throws Exception {
        Files.createDirectories(root.resolve("conf"));

        Path conf = EmbeddedQuestDb.writeLogConfig(root);

        List<String> lines = Files.readAllLines(conf);
        assertThat(conf).isEqualTo(root.toAbsolutePath().resolve("conf/log.conf"));
        String logDir = root.toAbsolutePath().resolve("log").toString();
        assertThat(lines).contains("w.file.location=" + logDir + "/questdb.log.${date:yyyyMMdd}")
                .contains("w.file.level=INFO,ERROR,CRITICAL,ADVISORY")
                // Start-up chatter (INFO, ADVISORY) and retried lock errors (ERROR) stay off the console.
                .contains("writers=file")
                .noneMatch(line -> line.contains("LogConsoleWriter"));
    }

    @Test
    void aLogConfigLeftByAnOlderVersionIsReplaced() throws Exception {
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/log.conf"), "writers=stdout\nw.stdout.level=INFO,ERROR\n");

        EmbeddedQuestDb.writeLogConfig(root);

        assertThat(Files.readString(root.resolve("conf/log.conf")))
                .doesNotContain("writers=stdout")
                .contains("writers=file\n");
    }
}
