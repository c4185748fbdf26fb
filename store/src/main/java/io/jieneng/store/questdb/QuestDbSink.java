package io.jieneng.store.questdb;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.ReadingSink;
import io.questdb.client.Sender;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes readings to QuestDB over ILP/HTTP: one HTTP request per batch, which QuestDB commits as a whole, then a
 * second request with the batch's arrival markers (docs/ROLLUPS.md). The tables are created through
 * {@code /exec} before the first write (the first write retries until QuestDB is up), so ILP never auto-creates
 * them without the intended layout.
 */
final class QuestDbSink implements ReadingSink {

    private final QuestDb questdb;
    private final QuestDbUpserts upserts;
    private final IlpWriter ilp;
    private final Clock clock;

    QuestDbSink(QuestDb questdb, QuestDbUpserts upserts, Clock clock) {
        this.questdb = questdb;
        this.upserts = upserts;
        this.ilp = questdb.newWriter();
        this.clock = clock;
    }

    @Override
    public void write(List<Reading> batch) {
        questdb.ensureTables();
        String table = questdb.tables.readings;
        try {
            upserts.write(batch, merged -> ilp.send(s -> rows(s, table, merged)));
        } catch (RuntimeException e) {
            throw IlpRefusals.classify(e);
        }
        // A separate commit, after the readings are durable: a marker never points at readings not yet stored.
        // Its failure is never a refusal of the readings, whatever QuestDB says, so it is left transient.
        long markerMillis = clock.millis();
        ilp.send(s -> IlpWriter.markers(s, questdb.tables.arrivals, Arrival.of(batch), markerMillis));
    }

    private static void rows(Sender s, String table, List<Reading> batch) {
        for (Reading r : batch) {
            s.table(table).symbol(ReadingSchema.METER, r.meterId());
            for (ReadingField f : ReadingField.values()) {
                Double v = r.get(f);
                if (v != null) {
                    s.doubleColumn(ReadingSchema.column(f), v);
                }
            }
            s.at(r.tsMillis(), ChronoUnit.MILLIS);
        }
    }

    @Override
    public boolean isReachable() {
        return questdb.isReachable();
    }

    @Override
    public void close() {
        ilp.close();
    }
}
