-- What Grafana's registry datasource may read: the registry tables the dashboards query, and nothing else (the
-- credentials live in device_credentials and user_credentials, which stay out of reach). Run it in the registry's
-- schema after analytics has migrated the database (docker/compose*.yaml do, in the grafana-grants service);
-- it is idempotent. The role is created here without a password; the deployment sets one (docs/DEPLOY.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'grafana_reader') THEN
        CREATE ROLE grafana_reader LOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO grafana_reader', current_schema());
END
$$;

GRANT SELECT ON regions, institutions, meters, data_centers, quotas TO grafana_reader;
