package io.jieneng.analytics.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The year-long dataset through MQTT into the real InfluxDB, with the same answers as on QuestDB. */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "store", value = "influxdb"))
class YearDatasetInfluxDbIT extends YearDatasetScenario {

    @Override
    protected String store() {
        return "influxdb";
    }
}
