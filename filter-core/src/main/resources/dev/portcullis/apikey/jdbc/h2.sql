-- Portcullis API key table for H2 2.x.
-- Only hashes of keys are stored: "sha256:<base64url>" or "hmac-sha256:<base64url>" of the whole key.
-- scopes are space-separated, roles comma-separated. The application's database user needs
-- SELECT, and UPDATE (last_used_at) unless apiKey.lastUsedFlushInterval=0; the key tool and the
-- admin API also INSERT and UPDATE.
CREATE TABLE portcullis_api_keys (
  id           VARCHAR(16)   NOT NULL PRIMARY KEY,
  hash         VARCHAR(100)  NOT NULL,
  principal    VARCHAR(255)  NOT NULL,
  scopes       VARCHAR(2000) NOT NULL DEFAULT '',
  roles        VARCHAR(2000) NOT NULL DEFAULT '',
  expires_at   TIMESTAMP WITH TIME ZONE,
  revoked      BOOLEAN       NOT NULL DEFAULT FALSE,
  disabled     BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_used_at TIMESTAMP WITH TIME ZONE,
  -- metadata, optional (dev.portcullis.apikey.KeyMetadata); "metadata" holds name=value pairs
  -- joined by ';'. A table made without these columns keeps working; to store metadata add them:
  --   ALTER TABLE portcullis_api_keys ADD (name VARCHAR(256), tenant VARCHAR(256),
  --     environment VARCHAR(256), metadata VARCHAR(5200))
  name         VARCHAR(256),
  tenant       VARCHAR(256),
  environment  VARCHAR(256),
  metadata     VARCHAR(5200)
);
-- Imported keys (any format, no id inside) are looked up by hash: one indexed lookup.
CREATE UNIQUE INDEX portcullis_api_keys_hash ON portcullis_api_keys (hash);
