#!/usr/bin/env bash
# The libFuzzer targets (fuzz/, docs/fuzzing.md): build, seed corpus, replay, fuzz.
#
#   bash scripts/fuzz.sh build            configure and build the `fuzz` preset (clang)
#   bash scripts/fuzz.sh corpus           write the seed corpus (build/fuzz/corpus/TARGET)
#   bash scripts/fuzz.sh replay TARGET    run TARGET once over its seeds and fuzz/regressions/TARGET
#   bash scripts/fuzz.sh run SECONDS [TARGET...]
#                                         fuzz each target (default: all) for SECONDS, one after
#                                         another; new inputs go to build/fuzz/corpus-found/TARGET,
#                                         findings to build/fuzz/findings/TARGET
#   bash scripts/fuzz.sh ci [SECONDS]     build, corpus, replay all, then `run` (default 40 s each):
#                                         what .ci/run does
#
# Each target runs under the promise the project makes for any input: no
# crash or sanitizer report, no input taking more than 60 s of wall time, no
# more than 2 GiB resident (ASan's shadow and quarantine included).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=build/fuzz
targets=(fuzz_scenario fuzz_policy fuzz_time_dial fuzz_results_db)
# -timeout is wall time: 60 s leaves room for a loaded machine and the
# sanitizers (a timeout is then checked against the promise, 10 s of CPU,
# on the release build).
limits=(-timeout=60 -rss_limit_mb=2048 -max_len=65536)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

die() { echo "fuzz.sh: $*" >&2; exit 2; }

# One seed file per input, named for where it came from.
seed() {  # seed DIR NAME < bytes
  local name=${2//\//_}
  cat > "$1/$name"
}

# Durations, times of day, dates, weekdays and dial strings as the shipped
# scenarios and the bad-input suite write them: every quoted string made of
# the characters these parsers read. Each seed is a selector byte (dialing:
# normalise, keep '+', caller ID, `pbxsim dial`) and the text.
time_dial_seeds() {
  local dir=$1 n=0 text selector
  grep -rhoE "\"[-+0-9A-Za-z:. ()µ]{1,24}\"" scenarios tests/bad_input --include='*.lua' \
    | tr -d '"' | sort -u | awk 'NR <= 600' | while IFS= read -r text; do  # awk, not head: see lua_dictionary
      n=$((n + 1))
      selector=$(( n % 64 ))
      { printf "\\$(printf '%03o' "$selector")"; printf '%s' "$text"; } > "$dir/string_$n"
    done
  # Dial rules: the number, then rules "begins_with|length|remove|prefix".
  printf '\x3f1800-GOTMILK\n|7||9\n1|11|1|\n' > "$dir/dial_rules_cuc9"
  printf '\x7f+14085551234\n+1408|12|5|\n' > "$dir/dial_rules_cuc10"
}

# The results database: a whole file that `pbxsim run --db` wrote, and SQL
# that changes one column of one table of such a file in each of the ways a
# damaged or hand-edited file differs (NULL, wrong type, out of range, not
# UTF-8, empty), for every column of every table the schema has now.
results_db_seeds() {
  local dir=$1 db table column
  db=$(mktemp -d)/seed.db
  ASAN_OPTIONS=detect_leaks=0 "$build/simulator/pbxsim" run scenarios/core scenarios/cisco/cuc17_contact_names.lua \
    --db "$db" > /dev/null || true
  ASAN_OPTIONS=detect_leaks=0 "$build/simulator/pbxsim" run scenarios/core/core3_forward_all.lua --db "$db" --trace \
    > /dev/null || true
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
  cp "$db" "$dir/whole_file.db"
  for table in $(sqlite3 "$db" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"); do
    for column in $(sqlite3 "$db" "SELECT name FROM pragma_table_info('$table')"); do
      printf "UPDATE %s SET %s = NULL;" "$table" "$column" > "$dir/${table}.${column}.null.sql"
      printf "UPDATE %s SET %s = -9223372036854775808;" "$table" "$column" > "$dir/${table}.${column}.min.sql"
      printf "UPDATE %s SET %s = 4294967297;" "$table" "$column" > "$dir/${table}.${column}.wide.sql"
      printf "UPDATE %s SET %s = X'4dfc6c6c6572ff00';" "$table" "$column" > "$dir/${table}.${column}.bytes.sql"
      printf "UPDATE %s SET %s = '';" "$table" "$column" > "$dir/${table}.${column}.empty.sql"
    done
    printf "DELETE FROM %s;" "$table" > "$dir/${table}.deleted.sql"
    printf "DROP TABLE %s;" "$table" > "$dir/${table}.dropped.sql"
  done
  # The dictionary: SQL's words and this schema's names.
  { printf '"%s"\n' SELECT INSERT UPDATE DELETE DROP CREATE TABLE VIEW INDEX INTO VALUES SET WHERE NULL \
      "X'" "')" "PRAGMA " user_version application_id "CAST(" " AS " TEXT BLOB INTEGER REAL randomblob zeroblob
    sqlite3 "$db" "SELECT name FROM sqlite_schema UNION SELECT p.name FROM sqlite_schema s, pragma_table_info(s.name) p" \
      | sed 's/.*/"&"/'; } > "$build/sql.dict"
  sqlite3 "$db" "PRAGMA user_version = 99; PRAGMA application_id = 0;" > /dev/null
  cp "$db" "$dir/newer_version.db"
  rm -rf "$(dirname "$db")"
}

# A dictionary of the words scenarios and policies use (fields, hooks,
# methods, values), made from the shipped files so that it follows the API.
lua_dictionary() {
  grep -rhoE "[A-Za-z_][A-Za-z_0-9]{2,}" scenarios scripting/policies --include='*.lua' \
    | sort | uniq -c | sort -rn | awk '$1 >= 3 && kept++ < 400 {print "\"" $2 "\""}'
  # (awk stops printing at 400 itself: `head` would close the pipe early, and
  # under pipefail the SIGPIPE of the stage before it fails the script.)
}

make_corpus() {
  [ -x "$build/simulator/pbxsim" ] || die "build first: bash scripts/fuzz.sh build"
  rm -rf "$build/corpus"
  mkdir -p "$build/corpus"/{fuzz_scenario,fuzz_policy,fuzz_time_dial,fuzz_results_db}
  local file
  # Scenarios: the shipped ones, the bad-input suite, the hostile inputs
  # (pending/ holds inputs that still break a promise: not seeds until fixed;
  # the 100 000-line forward chains are `check` and `route` inputs, and the
  # target also runs them, which recurses once per hop until the engine
  # forwards iteratively: tests/hostile/pending/forward_chain_run.lua).
  while IFS= read -r file; do
    seed "$build/corpus/fuzz_scenario" "$file" < "$file"
  done < <(find scenarios tests/bad_input tests/hostile -name '*.lua' -not -path '*/policies/*' \
             -not -path 'tests/hostile/pending/*' -not -name 'forward_chain_*' -not -path 'scenarios/bench/*' | sort)
  # Policies: the shipped ones, the scenarios' own, the bad and hostile ones.
  while IFS= read -r file; do
    seed "$build/corpus/fuzz_policy" "$file" < "$file"
  done < <(find scripting/policies scenarios tests/bad_input tests/hostile -path '*polic*' -name '*.lua' | sort)
  time_dial_seeds "$build/corpus/fuzz_time_dial"
  results_db_seeds "$build/corpus/fuzz_results_db"
  lua_dictionary > "$build/lua.dict"
  local target
  for target in "${targets[@]}"; do
    echo "fuzz.sh: $target: $(find "$build/corpus/$target" -type f | wc -l) seeds"
  done
}

# The kept crash inputs of a target (fuzz/regressions/TARGET), if it has any.
regressions() {
  if [ -d "fuzz/regressions/$1" ]; then echo "fuzz/regressions/$1"; fi
}

dictionary_for() {
  case $1 in
    fuzz_scenario|fuzz_policy) echo "-dict=$build/lua.dict" ;;
    fuzz_results_db) echo "-dict=$build/sql.dict" ;;
  esac
}

# -runs=0 with directories runs each input once (the corpus's own "replay").
replay() {
  local target=$1
  [ -x "$build/fuzz/$target" ] || die "no $build/fuzz/$target: bash scripts/fuzz.sh build"
  [ -d "$build/corpus/$target" ] || make_corpus
  "$build/fuzz/$target" "${limits[@]}" -runs=0 "$build/corpus/$target" $(regressions "$target")
}

run_targets() {
  local seconds=$1; shift
  local chosen=("$@")
  [ ${#chosen[@]} -gt 0 ] || chosen=("${targets[@]}")
  local target status=0 dict
  for target in "${chosen[@]}"; do
    [ -d "$build/corpus/$target" ] || make_corpus
    mkdir -p "$build/corpus-found/$target" "$build/findings/$target"
    dict=$(dictionary_for "$target")
    echo "fuzz.sh: $target for ${seconds}s"
    # New inputs are kept in corpus-found (the first directory); the seeds
    # are read only. A finding stops the target and fails the run.
    "$build/fuzz/$target" "${limits[@]}" ${dict:+"$dict"} -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$build/findings/$target/" \
      "$build/corpus-found/$target" "$build/corpus/$target" $(regressions "$target") \
      > "$build/findings/$target.log" 2>&1 || status=1
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)|^#[0-9]+ +DONE|ERROR|SUMMARY" \
      "$build/findings/$target.log" | head -n 12 || true
    # slow-unit-* are inputs over 10 s (libFuzzer's note, not a finding).
    if [ -n "$(ls "$build/findings/$target" | grep -v '^slow-unit-')" ]; then
      echo "fuzz.sh: $target FOUND: $(ls "$build/findings/$target" | grep -v '^slow-unit-')"
      tail -n 60 "$build/findings/$target.log"
      status=1
    fi
  done
  return $status
}

command=${1:-}
case $command in
  build)
    cmake --preset fuzz
    cmake --build --preset fuzz
    ;;
  corpus) make_corpus ;;
  replay) [ $# -eq 2 ] || die "usage: fuzz.sh replay TARGET"; replay "$2" ;;
  run) [ $# -ge 2 ] || die "usage: fuzz.sh run SECONDS [TARGET...]"; shift; run_targets "$@" ;;
  ci)
    seconds=${2:-40}
    cmake --preset fuzz
    cmake --build --preset fuzz
    make_corpus
    ctest --preset fuzz
    run_targets "$seconds"
    ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
