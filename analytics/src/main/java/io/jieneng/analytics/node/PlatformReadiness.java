package io.jieneng.analytics.node;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.SQLException;

/** Ready only when both databases answer: the time-series store and the registry. */
@Readiness
@ApplicationScoped
public class PlatformReadiness implements HealthCheck {

    @Inject
    TimeSeriesStore store;

    @Inject
    RegistryService registry;

    @Inject
    JienengConfig config;

    @Override
    public HealthCheckResponse call() {
        boolean storeUp = store.reader() != null && store.reader().isReachable();
        boolean registryUp = registryReachable();
        return HealthCheckResponse.named("jieneng")
                .status(storeUp && registryUp)
                .withData("store", config.store().configName() + (storeUp ? " reachable" : " unreachable"))
                .withData("registry", registryUp ? "reachable" : "unreachable")
                .build();
    }

    private boolean registryReachable() {
        try (Connection c = registry.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
