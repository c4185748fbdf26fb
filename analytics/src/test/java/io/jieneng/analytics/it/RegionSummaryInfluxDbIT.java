package io.jieneng.analytics.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Regional summaries on the real InfluxDB, with the same figures as on QuestDB. */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "store", value = "influxdb"))
class RegionSummaryInfluxDbIT extends RegionSummaryScenario {
}
