#!/usr/bin/env bash
# Installs a pbxsim .deb on a fresh Debian 12 and uses it: a minimal Debian 12
# (bookworm) made by debootstrap in a scratch directory, from the mirror this
# machine's apt uses; then, chrooted in it, `apt-get install ./pbxsim.deb`
# (so the package's Depends must bring every library it needs), the installed
# pbxsim run on the installed example scenarios, both programs' --version,
# the man pages and the bash completion loaded; then, with xvfb installed, a
# failing scenario's run opened in the installed viewer headless: its
# screenshot is copied out (SHOT, default fresh-debian-failed-check.png) and,
# given PNG_CHECK (tests/viewer/png_check.cpp, built by the release preset),
# checked to show the failing call's events with the cursor at the failed
# check. Needs root (debootstrap, chroot, mounting /proc). About 3 minutes,
# most of it downloading.
#   scripts/check-fresh-install.sh PBXSIM.deb [PNG_CHECK] [SHOT]
set -euo pipefail
deb=$(realpath "$1")
png_check=${2:-}
shot=${3:-fresh-debian-failed-check.png}
source_dir=$(realpath "$(dirname "$0")/..")
fail() { echo "check-fresh-install: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"
command -v debootstrap > /dev/null || fail "needs debootstrap (scripts/install-deps.sh installs it)"

# The mirror apt uses here (deb822 sources or a sources.list line).
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' |
           grep -v security | head -n 1 || true)
fi
[ -n "$mirror" ] || fail "no Debian mirror in this machine's apt sources"

root=$(mktemp -d /tmp/pbxsim-fresh-debian.XXXXXX)
chmod 0755 "$root"  # the root of a system: apt's _apt user reads below it
cleanup() {
  umount "$root/proc" 2> /dev/null || true
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
start=$SECONDS
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 ||
  { tail -n 20 "$root.log"; rm -f "$root.log"; fail "debootstrap failed"; }
rm -f "$root.log"
echo "check-fresh-install: a minimal Debian $(cat "$root/etc/debian_version") in $((SECONDS - start)) s"

cp "$deb" "$root/tmp/pbxsim.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true
mount -t proc proc "$root/proc"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
in_root apt-get update -q > /dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/pbxsim.deb \
  > "$root/tmp/apt.log" 2>&1 || { tail -n 30 "$root/tmp/apt.log"; fail "apt-get install ./pbxsim.deb failed"; }
in_root dpkg -s pbxsim | grep -q '^Status: install ok installed' || fail "pbxsim is not installed"
echo "check-fresh-install: installed with $(grep -c '^Setting up' "$root/tmp/apt.log") packages"

in_root pbxsim --version | grep -E '^pbxsim [0-9.]+ \(git ' || fail "pbxsim --version"
in_root pbxsim-viewer --version | grep -E '^pbxsim-viewer [0-9.]+ \(git ' || fail "pbxsim-viewer --version"
# The installed examples, from an empty directory: nothing of a source tree to lean on.
in_root sh -c 'mkdir -p /tmp/empty && cd /tmp/empty && pbxsim run /usr/share/pbxsim/scenarios > run.txt; code=$?;
               tail -n 1 run.txt; exit $code' || fail "pbxsim run on the installed examples failed"
for page in pbxsim pbxsim-viewer; do
  [ -s "$root/usr/share/man/man1/$page.1.gz" ] || fail "no man page $page.1.gz"
  [ -s "$root/usr/share/bash-completion/completions/$page" ] || fail "no bash completion for $page"
done
in_root bash -c 'source /usr/share/bash-completion/completions/pbxsim-viewer && complete -p pbxsim-viewer' > /dev/null ||
  fail "the viewer's bash completion does not load"

# The viewer on a failing scenario, headless (xvfb-run), as a user without a display would.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth \
  > "$root/tmp/apt-xvfb.log" 2>&1 || { tail -n 30 "$root/tmp/apt-xvfb.log"; fail "installing xvfb failed"; }
cp "$source_dir/tests/viewer/fails_on_purpose.lua" "$root/tmp/fails_on_purpose.lua"
in_root sh -c 'cd /tmp && pbxsim run fails_on_purpose.lua --db fails.db > /dev/null; test $? -eq 1' ||
  fail "the failing scenario did not fail (exit 1)"
in_root xvfb-run -a pbxsim-viewer /tmp/fails.db --screenshot /tmp/failed-check.png 2> /dev/null ||
  fail "the installed viewer could not take a screenshot"
cp "$root/tmp/failed-check.png" "$shot"
echo "check-fresh-install: the installed viewer's screenshot of the failing scenario: $shot"
if [ -n "$png_check" ]; then
  "$png_check" "$shot" --size 1280x800 --min-lanes 4 --failed-check yes --cursor-at-failed-check yes \
    --event-kinds 3 --legend yes || fail "the screenshot does not show the failing call's events at the failed check"
fi
echo "check-fresh-install: $(basename "$deb") installs and runs on a fresh Debian 12 ($((SECONDS - start)) s in all)"
