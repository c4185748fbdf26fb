package io.jieneng.docker;

import com.sun.net.httpserver.HttpServer;
import io.jieneng.docker.Dockerfile.Instruction;
import io.jieneng.ingest.config.Settings;
import io.jieneng.ingest.ops.OpsConfig;
import io.jieneng.ingest.ops.OpsServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images run what the {@code jieneng} launcher runs, from what the Maven build produces: the entrypoint's jar or
 * class path is mapped back through the Dockerfile's COPY from the build stage to this checkout's build output
 * (built by the reactor before this module), and the jar or main class it names must be there.
 */
class DockerfilesTest {

    private static final Path ANALYTICS = Repo.DOCKER.resolve("Dockerfile.analytics");
    private static final Path INGEST = Repo.DOCKER.resolve("Dockerfile.ingest");
    private static final String BUILD_DIR = "/build/";
    private static final String LAUNCHER = Repo.read(Repo.ROOT.resolve("jieneng"));

    @Test
    void bothImagesAreMultiStageMavenBuildsRunAsANonRootUserWithAHealthCheck() {
        for (Path p : List.of(ANALYTICS, INGEST)) {
            Dockerfile d = Dockerfile.parse(p);
            assertThat(d.stages()).as("stages of %s", p).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.stages().get(0).get(0).arguments()).as("build stage of %s", p).contains("maven")
                    .endsWith("AS build");
            assertThat(d.stages().get(0)).as("the build stage runs Maven")
                    .anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments()).startsWith("RUN").contains("mvn ")
                            .contains("package"));
            assertThat(d.finalStage().get(0).arguments()).as("runtime of %s", p).contains("jre");
            String user = d.last("USER");
            assertThat(user).as("USER of %s", p).isNotNull().isNotIn("root", "0");
            assertThat(d.finalStage()).as("the user exists in the image").anySatisfy(i ->
                    assertThat(i.arguments()).contains("useradd").contains(" " + user));
            String health = d.last("HEALTHCHECK");
            assertThat(health).as("HEALTHCHECK of %s", p).isNotNull().contains("CMD");
            assertThat(d.copiesFromBuild().values()).as("only build output is copied from the build stage")
                    .allSatisfy(src -> assertThat(src).startsWith(BUILD_DIR));
        }
    }

    @Test
    void theAnalyticsImageRunsQuarkusRunJarFromTheBuildOutputAsTheLauncherDoes() throws IOException {
        Dockerfile d = Dockerfile.parse(ANALYTICS);
        String command = shellCommand(d);
        assertThat(LAUNCHER).contains("ANALYTICS_JAR=\"$ROOT/analytics/target/quarkus-app/quarkus-run.jar\"")
                .contains("java ${JIENENG_JAVA_OPTS:-} -jar \"$ANALYTICS_JAR\"");
        assertThat(command).startsWith("exec java ${JIENENG_JAVA_OPTS:-} -jar ");
        Matcher jar = Pattern.compile("-jar (\\S+)").matcher(command);
        assertThat(jar.find()).isTrue();
        Path built = buildOutput(d, jar.group(1));
        assertThat(built).as("the entrypoint's jar in the build output")
                .isEqualTo(Repo.ROOT.resolve("analytics/target/quarkus-app/quarkus-run.jar")).isRegularFile();
        try (JarFile j = new JarFile(built.toFile())) {
            Manifest m = j.getManifest();
            assertThat(m.getMainAttributes().getValue("Main-Class")).as("Main-Class of quarkus-run.jar").isNotBlank();
            for (String entry : m.getMainAttributes().getValue("Class-Path").split(" ")) {
                if (!entry.isBlank()) {
                    assertThat(built.getParent().resolve(entry)).as("Class-Path entry of quarkus-run.jar").exists();
                }
            }
        }
    }

    @Test
    void theIngestImageRunsIngestMainWithTheLaunchersClassPathAndLogFormat() throws Exception {
        Dockerfile d = Dockerfile.parse(INGEST);
        String command = shellCommand(d);
        Matcher launcher = Pattern.compile("(?s)cmd_ingest\\(\\) \\{.*?-cp \"\\$INGEST_CP\" (\\S+)").matcher(LAUNCHER);
        assertThat(launcher.find()).as("the launcher's ingest command").isTrue();
        String mainClass = launcher.group(1);
        assertThat(command).endsWith(" " + mainClass);
        Matcher format = Pattern.compile("JUL_FORMAT='([^']+)'").matcher(LAUNCHER);
        assertThat(format.find()).isTrue();
        assertThat(command).contains("'" + format.group(1) + "'");

        Matcher cp = Pattern.compile("-cp '([^']+)'").matcher(command);
        assertThat(cp.find()).isTrue();
        List<Path> jars = new ArrayList<>();
        for (String entry : cp.group(1).split(":")) {
            if (entry.endsWith("/*")) {
                Path dir = buildOutput(d, entry.substring(0, entry.length() - 1));
                assertThat(dir).as("class-path directory %s in the build output", entry).isDirectory();
                try (var files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
                }
            } else {
                Path jar = buildOutput(d, entry);
                assertThat(jar).as("class-path jar %s in the build output", entry).isRegularFile();
                jars.add(jar);
            }
        }
        String entry = mainClass.replace('.', '/') + ".class";
        boolean found = false;
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                found |= j.getEntry(entry) != null;
            }
        }
        assertThat(found).as("%s is on the image's class path", mainClass).isTrue();
        assertThat(jars).as("the registry library the ingest needs is on it too")
                .anySatisfy(j -> assertThat(j.getFileName().toString()).startsWith("jieneng-registry-"));
        assertThat(jars).as("the simulators and the load generator's command lines are not")
                .noneSatisfy(j -> assertThat(j.getFileName().toString()).startsWith("jieneng-simulators-"))
                .noneSatisfy(j -> assertThat(j.getFileName().toString()).startsWith("picocli-"));
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    }

    /**
     * The health-check script, run for real: it passes on 200 from the configured port's path and fails on 503 and
     * on a closed port, against the standalone ingest's own operations endpoint.
     */
    @Test
    void theHealthCheckScriptFollowsTheReadinessOfTheRealOperationsEndpoint() throws Exception {
        Path script = Repo.DOCKER.resolve("healthcheck.sh");
        assertThat(Files.isExecutable(script)).isTrue();
        AtomicBoolean ready = new AtomicBoolean(true);
        OpsServer ops = new OpsServer(OpsConfig.from(Settings.ingest(Map.of("JIENENG_INGEST_METRICS_HOST", "127.0.0.1",
                "JIENENG_INGEST_METRICS_PORT", "0")).ingest().metrics()), () -> "", Map.of("store", ready::get));
        ops.start();
        try {
            String port = Integer.toString(ops.port());
            assertThat(healthcheck(script, port, "/health/ready")).as("ready").isZero();
            ready.set(false);
            assertThat(healthcheck(script, port, "/health/ready")).as("store down").isNotZero();
            assertThat(healthcheck(script, port, "/nothing-here")).as("unknown path").isNotZero();
        } finally {
            ops.close();
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(healthcheck(script, Integer.toString(closed), "/health/ready")).as("nothing listening").isNotZero();
        // And the analytics path, answered 200 by a stand-in server: the script is not specific to one endpoint.
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/q/health/ready", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        try {
            assertThat(healthcheck(script, Integer.toString(http.getAddress().getPort()), "/q/health/ready")).isZero();
        } finally {
            http.stop(0);
        }
    }

    @Test
    void theHealthChecksProbeTheReadinessPathsOnTheConfiguredPorts() {
        assertThat(Dockerfile.execForm(Dockerfile.parse(ANALYTICS).last("HEALTHCHECK").replaceFirst("^.*?CMD ", "")))
                .containsExactly("/opt/jieneng/healthcheck.sh", "JIENENG_HTTP_PORT", "8080", "/q/health/ready");
        assertThat(Dockerfile.execForm(Dockerfile.parse(INGEST).last("HEALTHCHECK").replaceFirst("^.*?CMD ", "")))
                .containsExactly("/opt/jieneng/healthcheck.sh", "JIENENG_INGEST_METRICS_PORT", "9464", "/health/ready");
        for (Path p : List.of(ANALYTICS, INGEST)) {
            assertThat(Dockerfile.parse(p).finalStage()).extracting(Instruction::arguments)
                    .contains("docker/healthcheck.sh /opt/jieneng/healthcheck.sh");
        }
    }

    private static int healthcheck(Path script, String port, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "HEALTH_TEST_PORT", "1", path)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HEALTH_TEST_PORT", port);
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the health check ends").isTrue();
        return p.exitValue();
    }

    /** The {@code sh -c} script of an exec-form ENTRYPOINT. */
    static String shellCommand(Dockerfile d) {
        List<String> entrypoint = Dockerfile.execForm(d.last("ENTRYPOINT"));
        assertThat(entrypoint.subList(0, 2)).as("ENTRYPOINT of %s", d.path()).containsExactly("/bin/sh", "-c");
        return entrypoint.get(2);
    }

    /** Where an image path comes from in this checkout's build output, through the COPY --from=build lines. */
    private static Path buildOutput(Dockerfile d, String imagePath) {
        for (var copy : d.copiesFromBuild().entrySet()) {
            String target = copy.getKey();
            String source = copy.getValue().substring(BUILD_DIR.length());
            if (imagePath.equals(target)) {
                return Repo.ROOT.resolve(source);
            }
            if (target.endsWith("/") && imagePath.startsWith(target)) {
                return Repo.ROOT.resolve(source).resolve(imagePath.substring(target.length()));
            }
        }
        throw new AssertionError(imagePath + " is not copied from the build stage in " + d.path());
    }
}
