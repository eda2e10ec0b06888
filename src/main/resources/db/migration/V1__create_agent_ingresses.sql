-- One row per agent ingress. A certificate management policy is the two cert_policy_* columns (both null when
-- management is off); its status is the cert_status_* columns, and the provisioning job is present while
-- cert_job_msg is set.
CREATE TABLE agent_ingresses (
    id                      VARCHAR(32)   NOT NULL PRIMARY KEY,
    account                 VARCHAR(128)  NOT NULL,
    domain                  VARCHAR(253)  NOT NULL,
    description             VARCHAR(255)  NOT NULL,
    metadata                VARCHAR(4096) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    cert_policy_authority   VARCHAR(32),
    cert_policy_key_type    VARCHAR(16),
    cert_status_renews_at   TIMESTAMP WITH TIME ZONE,
    cert_job_error_code     VARCHAR(32),
    cert_job_msg            VARCHAR(255),
    cert_job_started_at     TIMESTAMP WITH TIME ZONE,
    cert_job_retries_at     TIMESTAMP WITH TIME ZONE
);

-- A domain belongs to one ingress across all accounts; the database decides the race between two creates.
CREATE UNIQUE INDEX agent_ingresses_domain_key ON agent_ingresses (domain);

-- Serves every list: one account's rows, newest (highest id) first, without touching other accounts' rows.
CREATE INDEX agent_ingresses_account_id_idx ON agent_ingresses (account, id);
