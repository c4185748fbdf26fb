package io.jieneng.ingest.it;

import java.util.Map;

/** One reading as read back from a store: the fields it holds, by JSON name. */
record StoredReading(String meter, long tsMillis, Map<String, Double> values) {
}
