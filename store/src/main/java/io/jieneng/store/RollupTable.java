package io.jieneng.store;

/**
 * The two rollup tables (QuestDB) or measurements (InfluxDB). Rows are always written and read through one of
 * these, so which table a row goes to is a name, never decided by which list object it came in.
 */
public enum RollupTable {
    /** One row per meter and local hour; QuestDB partitions it by month. */
    HOURLY("energy_hourly", "MONTH"),
    /** One row per meter and local day (the sum of its hours); QuestDB partitions it by year. */
    DAILY("energy_daily", "YEAR");

    private final String storedName;
    private final String questDbPartition;

    RollupTable(String storedName, String questDbPartition) {
        this.storedName = storedName;
        this.questDbPartition = questDbPartition;
    }

    /** The QuestDB table (after the prefix) and the InfluxDB measurement. */
    public String storedName() {
        return storedName;
    }

    /** QuestDB's PARTITION BY unit for this table: a few partitions per year of data. */
    public String questDbPartition() {
        return questDbPartition;
    }
}
