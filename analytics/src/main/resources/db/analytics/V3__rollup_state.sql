-- The rollup job's progress (docs/ROLLUPS.md), one row per time-series store, so that switching the store (or the
-- QuestDB table prefix, or the InfluxDB database) starts its rollups afresh instead of trusting another store's.
-- The job takes the row with SELECT ... FOR UPDATE SKIP LOCKED, so one analytics instance runs at a time; queries
-- read it without a lock. Rows are created by the job on first use. Runs on H2 2.x and PostgreSQL 15.
CREATE TABLE rollup_state (
    -- 'questdb:<table prefix>' or 'influxdb:<database>'
    store_key    VARCHAR(255) PRIMARY KEY,
    -- every arrival marker with ts <= this (epoch ms) is rolled up
    watermark_ms BIGINT NOT NULL,
    -- false until the readings stored before rollups existed have been marked for the job; until then every
    -- query is computed from the raw readings
    initialized  BOOLEAN NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
