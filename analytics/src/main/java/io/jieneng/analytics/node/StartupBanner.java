package io.jieneng.analytics.node;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.security.AdminCredentials;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells the operator where to look once everything is up. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    @Inject
    InProcessIngest ingest;

    @Inject
    TimeSeriesStore store;

    @Inject
    AdminCredentials admin;

    @Inject
    JienengConfig config;

    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    void show(@Observes @Priority(InProcessIngest.STARTUP_PRIORITY + 10) StartupEvent event) {
        String base = "http://localhost:" + httpPort;
        StringBuilder sb = new StringBuilder("\n\n  Jieneng is running\n");
        sb.append("  REST API      ").append(base).append("/api/v1  (try /api/v1/registry)\n");
        sb.append("  Swagger UI    ").append(base).append("/q/swagger-ui\n");
        sb.append("  Health        ").append(base).append("/q/health    metrics ").append(base).append("/q/metrics\n");
        ingest.port().ifPresent(p -> sb.append("  MQTT          tcp://localhost:").append(p)
                .append("  (topic meters/{meterId}/readings)\n"));
        ingest.tlsPort().ifPresent(p -> sb.append("  MQTT over TLS ssl://localhost:").append(p).append('\n'));
        ingest.bridge().ifPresent(b -> sb.append("  Bridge        ").append(b.config().url())
                .append("  (shared subscription ").append(b.config().sharedFilter()).append(")\n"));
        store.embedded().ifPresent(q -> sb.append("  QuestDB       http://127.0.0.1:").append(q.httpPort())
                .append("  (web console; PostgreSQL wire on ").append(q.pgPort()).append("; log in ")
                .append(q.logDir()).append(")\n"));
        if (store.embedded().isEmpty()) {
            sb.append("  Store         ").append(config.store().configName()).append('\n');
        }
        // A password the operator chose is never echoed into logs; a generated one only on the start that made it.
        sb.append("  Admin         user admin, password ").append(admin.bannerText()).append('\n');
        sb.append("  Data          ").append(config.dataDir().toAbsolutePath().normalize()).append('\n');
        LOG.info(sb);
    }
}
