-- Grain state. grain_type holds the state name Orleans passes as GrainTypeString; the key part of
-- the grain id is (grain_id_n0, grain_id_n1, grain_id_extension). The unique key guarantees one row
-- per state: without it two racing first writes could both insert, and every later read of that
-- grain would fail.
CREATE TABLE orleans_grain_state
(
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_key
        UNIQUE NULLS NOT DISTINCT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Every statement answers exactly one row: the new version, or NULL when the caller's version
-- (ETag) is stale, or is NULL while a row already exists. Orleans turns that NULL into an
-- InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text);
$sql$),

('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, CAST(@GrainIdExtensionString AS text), @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS "NewGrainStateVersion";
$sql$),

-- Clearing keeps the row (payload NULL) and bumps its version, so the cleared state still has an
-- ETag that guards the next write.
('ClearStorageKey', $sql$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion";
$sql$),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set. Orleans checks the answer
-- differs from the caller's version, so it answers the deleted version + 1.
('DeleteStorageKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version)
SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion";
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
