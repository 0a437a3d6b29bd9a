-- Portcullis credit balances (quotas) for H2 2.x; one row per metered subject.
-- subject: "key:<API key id>" or "principal:<principal name>" (quota.per). A subject without a row is
-- not metered (quota.unlisted=allow, the default) or refused (quota.unlisted=refuse).
-- Every refill_interval_ms milliseconds refill_amount credits are added, up to capacity (a balance
-- above capacity, e.g. a one-off top-up, is kept). refilled_at_ms is the epoch millisecond of the
-- last refill boundary. remaining goes negative only through charges made after a response.
-- The application's database user needs SELECT and UPDATE; the key tool also INSERT.
CREATE TABLE portcullis_quotas (
  subject            VARCHAR(300) NOT NULL PRIMARY KEY,
  remaining          BIGINT       NOT NULL,
  capacity           BIGINT       NOT NULL,
  refill_amount      BIGINT       NOT NULL DEFAULT 0,
  refill_interval_ms BIGINT       NOT NULL DEFAULT 0,
  refilled_at_ms     BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT portcullis_quotas_bounds CHECK (
    capacity BETWEEN 0 AND 1000000000000000
    AND refill_amount BETWEEN 0 AND 1000000000000000
    AND refill_interval_ms >= 0
    AND remaining BETWEEN -1000000000000000 AND 1000000000000000)
);
