#!/usr/bin/env bash
# One screenshot test: renders a view with pbxsim-viewer under xvfb-run,
# then checks the PNG's pixels with viewer_png_check.
#   screenshot.sh VIEWER CHECK EXPECTED_EXIT STDERR_PATTERN OUT.png -- VIEWER_ARGS... -- CHECK_ARGS...
# STDERR_PATTERN ("-": none) is a grep -E pattern the viewer's stderr must match.
set -uo pipefail
viewer=$1 check=$2 expected_exit=$3 pattern=$4 png=$5
shift 5
[ "$1" = "--" ] && shift
viewer_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do viewer_args+=("$1"); shift; done
[ $# -gt 0 ] && shift
rm -f "$png"
# The viewer's own exit status goes through a file: xvfb-run's may report a
# problem of its own (cleaning up its temporary directory) instead.
rm -f "$png.status"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '"$@"; echo $? > "$0"' "$png.status" \
  "$viewer" "${viewer_args[@]}" --screenshot "$png" 2> "$png.stderr"
status=$(cat "$png.status" 2>/dev/null || echo "none (the viewer did not run)")
cat "$png.stderr"
if [ "$status" != "$expected_exit" ]; then
  echo "screenshot: pbxsim-viewer exited $status, expected $expected_exit"
  exit 1
fi
if [ "$pattern" != "-" ] && ! grep -q -E -- "$pattern" "$png.stderr"; then
  echo "screenshot: stderr does not say: $pattern"
  exit 1
fi
"$check" "$png" "$@"
