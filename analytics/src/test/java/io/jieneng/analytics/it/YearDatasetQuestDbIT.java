package io.jieneng.analytics.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The year-long dataset through MQTT into embedded QuestDB. */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class YearDatasetQuestDbIT extends YearDatasetScenario {

    @Override
    protected String store() {
        return "questdb";
    }
}
