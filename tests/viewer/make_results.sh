#!/usr/bin/env bash
# Makes the results databases the viewer's screenshot tests read, in OUT:
#   cisco.db      pbxsim run scenarios/cisco --trace (all pass)
#   dee.db        pbxsim run scenarios/dee --trace (profiles, logins, groups)
#   fails.db      tests/viewer/fails_on_purpose.lua --trace (one failed check)
#   two.db        fails.db plus a second run under --policy base that adds CUC-5's scenarios
#   not-results.db  a text file; newer.db  cisco.db with schema_version 99
#   v2.db         tests/simulator/fixtures/results_v2.sql as it is (read, never upgraded: the viewer only reads)
#   v1.db         tests/simulator/fixtures/results_v2.sql (written by a schema-2 pbxsim: fails_on_purpose.lua
#                 and CUC-5, the second run with --trace) made a version 1 file (its version-2 columns dropped)
set -euo pipefail
pbxsim=$1
out=$2
mkdir -p "$out"
rm -f "$out"/cisco.db* "$out"/dee.db* "$out"/v1.db* "$out"/v2.db* "$out"/fails.db* "$out"/two.db* "$out"/newer.db* "$out"/not-results.db
"$pbxsim" run scenarios/cisco --db "$out/cisco.db" --trace > "$out/cisco.log"
"$pbxsim" run scenarios/dee --db "$out/dee.db" --trace > "$out/dee.log"
status=0
"$pbxsim" run tests/viewer/fails_on_purpose.lua --db "$out/fails.db" --trace > "$out/fails.log" || status=$?
if [ "$status" -ne 1 ]; then
  echo "make_results: fails_on_purpose.lua should fail one check (exit 1), got exit $status" >&2
  exit 1
fi
# two.db: the failing run, then a second run with CUC-5 besides under the
# neutral policy, which spreads no DND: the call's route differs (diff view).
sqlite3 "$out/fails.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
cp "$out/fails.db" "$out/two.db"
"$pbxsim" run tests/viewer/fails_on_purpose.lua scenarios/cisco/cuc5_shared_line_dnd_reject.lua --policy base \
  --db "$out/two.db" --trace > "$out/two.log" || true
echo "this is not a database" > "$out/not-results.db"
sqlite3 "$out/cisco.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
cp "$out/cisco.db" "$out/newer.db"
sqlite3 "$out/newer.db" "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
sqlite3 "$out/v2.db" < tests/simulator/fixtures/results_v2.sql
sqlite3 "$out/v1.db" < tests/simulator/fixtures/results_v2.sql
sqlite3 "$out/v1.db" "ALTER TABLE scenarios DROP COLUMN topology; ALTER TABLE scenarios DROP COLUMN peak_queue_depth;
  ALTER TABLE checks DROP COLUMN time_us; ALTER TABLE events DROP COLUMN queue_depth;
  UPDATE meta SET value = '1' WHERE key = 'schema_version'"
echo "make_results: databases in $out"
