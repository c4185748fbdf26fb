package io.jieneng.analytics.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Regional summaries on embedded QuestDB. */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RegionSummaryQuestDbIT extends RegionSummaryScenario {
}
