#!/usr/bin/env bash
# Makes a large results database for measuring the viewer: runs a suite once
# with --trace, then copies its scenarios (with their covers, checks, calls
# and events, results schema 3) inside the same run until it holds at least COUNT scenarios.
# Copies are named "FILE copy N", so the browser tells them apart.
#   scripts/make_big_results.sh PBXSIM OUT.db [COUNT=10000] [PATH=scenarios]
set -euo pipefail
pbxsim=$1
out=$2
count=${3:-10000}
suite=${4:-scenarios}
rm -f "$out" "$out-wal" "$out-shm"
"$pbxsim" run "$suite" --db "$out" --trace > /dev/null || true  # a failing scenario is still stored
run=$(sqlite3 "$out" "SELECT max(id) FROM runs")
have=$(sqlite3 "$out" "SELECT count(*) FROM scenarios WHERE run_id = $run")
copies=$(( (count + have - 1) / have - 1 ))
offset=$(sqlite3 "$out" "SELECT max(id) + 1 FROM scenarios")
sqlite3 "$out" <<SQL
BEGIN;
CREATE TEMP TABLE copies AS
  WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $copies) SELECT n FROM k;
INSERT INTO scenarios (id, run_id, file_ordinal, scenario_index, file, line, name, description, declared_policy,
                       policy, status, duration_us, trace_hash, trace_events, error_kind, error_file, error_line,
                       error_message, printed, reproduce, topology, peak_queue_depth)
  SELECT s.id + n * $offset, run_id, file_ordinal, scenario_index, file || ' copy ' || n, line, name, description,
         declared_policy, policy, status, duration_us, trace_hash, trace_events, error_kind, error_file, error_line,
         error_message, printed, reproduce, topology, peak_queue_depth
  FROM scenarios s, copies WHERE s.run_id = $run AND s.id < $offset;
INSERT INTO covers SELECT scenario_id + n * $offset, ordinal, behaviour FROM covers, copies WHERE scenario_id < $offset;
INSERT INTO checks (scenario_id, ordinal, passed, file, line, subject, relation, expected, actual, message, time_us)
  SELECT scenario_id + n * $offset, ordinal, passed, file, line, subject, relation, expected, actual, message, time_us
  FROM checks, copies WHERE scenario_id < $offset;
INSERT INTO calls (id, caller, dialed, state, outcome, detail, path, forwards, alerted, silent, skipped,
                   answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us)
  SELECT id + ((n * $offset) << 32), caller, dialed, state, outcome, detail, path, forwards, alerted, silent,
         skipped, answered_by, events, offered_at_us, answered_at_us, ended_at_us, released_at_us
  FROM calls, copies WHERE scenario_id < $offset ORDER BY n, id;
INSERT INTO events (id, time_us, kind_code, subject, details, call_id, queue_depth)
  SELECT id + ((n * $offset) << 32), time_us, kind_code, subject, details, call_id, queue_depth
  FROM events, copies WHERE scenario_id < $offset ORDER BY n, id;
COMMIT;
SQL
echo "make_big_results: $out holds $(sqlite3 "$out" "SELECT count(*) FROM scenarios WHERE run_id = $run") scenarios in run $run"
