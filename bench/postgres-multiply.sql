-- Multiplies a PostgreSQL trove store in place, for measurements at a million trajectories
-- (docs/performance.md, "PostgreSQL"): every trajectory imported so far gets :copies copies, each with
-- its own external id (`ID~k`), row id, message rows, flags and search entries (its texts are shared
-- with the original through `text_use`, so `has:` finds the copies too). Run on a store of its own:
--
--   psql "$URL" -v schema=bench -v copies=99 -f bench/postgres-multiply.sql
\set ON_ERROR_STOP on
\timing on
SET search_path = :"schema";
SELECT max(id) AS base FROM trajectory \gset
BEGIN;
CREATE TEMP TABLE copy_number AS SELECT k, k * :base AS shift FROM generate_series(1, :copies) k;
INSERT INTO trajectory (
    id, external_id, task, dialect, source_file, source_line, format, env_reward, metadata, original,
    original_sha256, message_count, step_count, preview, flags, source_model, import_id, imported_at, steps,
    env_reward_source, outcome, task_group, goal)
SELECT t.id + c.shift, t.external_id || '~' || c.k, t.task, t.dialect, t.source_file, t.source_line, t.format,
       t.env_reward, t.metadata, t.original, t.original_sha256, t.message_count, t.step_count, t.preview, t.flags,
       t.source_model, t.import_id, t.imported_at, t.steps, t.env_reward_source, t.outcome, t.task_group, t.goal
FROM copy_number c, trajectory t WHERE t.id <= :base ORDER BY c.k, t.id;
INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, loss, turn, tool_calls, tool_call_id)
SELECT r.trajectory_id + c.shift, r.idx, r.role, r.original_role, r.text_id, r.loss, r.turn, r.tool_calls,
       r.tool_call_id
FROM copy_number c, message_row r WHERE r.trajectory_id <= :base ORDER BY c.k, r.trajectory_id, r.idx;
INSERT INTO trajectory_flag (trajectory_id, flag)
SELECT f.trajectory_id + c.shift, f.flag FROM copy_number c, trajectory_flag f WHERE f.trajectory_id <= :base;
-- A copy's own texts are the original's: listed in text_use, where search finds shared texts.
INSERT INTO text_use (text_id, trajectory_id)
SELECT x.id, x.trajectory_id + c.shift FROM copy_number c, message_text x
WHERE x.trajectory_id IS NOT NULL AND x.trajectory_id <= :base;
INSERT INTO text_use (text_id, trajectory_id)
SELECT u.text_id, u.trajectory_id + c.shift FROM copy_number c, text_use u
WHERE u.trajectory_id <= :base AND NOT EXISTS (
    SELECT 1 FROM message_text x WHERE x.id = u.text_id AND x.trajectory_id IS NOT NULL);
SELECT setval(pg_get_serial_sequence('trajectory', 'id'), (SELECT max(id) FROM trajectory));
COMMIT;
ANALYZE;
SELECT count(*) AS trajectories FROM trajectory;
