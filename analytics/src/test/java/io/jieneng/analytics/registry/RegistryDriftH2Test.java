package io.jieneng.analytics.registry;

import java.util.UUID;

/** The drift scenario on one in-memory H2 database that both instances' pools open. */
class RegistryDriftH2Test extends RegistryDriftScenario {

    @Override
    String freshDatabase() {
        return "jdbc:h2:mem:drift-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
