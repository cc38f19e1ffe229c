#!/usr/bin/env bash
# The bash completion pbxsim generates completes what its command line
# accepts: command names, a command's options, a file after an option that
# takes a value; the viewer's, made from its --help, its options and the
# values of --view.   tests/install/bash_completion.sh PBXSIM PBXSIM_VIEWER
set -euo pipefail
pbxsim=$1
viewer=$2
source <("$pbxsim" completion bash)
source <("$viewer" --completion bash)
complete_words() {  # the words as typed, the last one being completed
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
  case $1 in pbxsim) _pbxsim ;; pbxsim-viewer) _pbxsim_viewer ;; esac
  echo "${COMPREPLY[*]}"
}
expect() {  # expect "WHAT" WORDS... -- must include each of the given words
  local got=$1; shift
  for word in "$@"; do
    [[ " $got " == *" $word "* ]] || { echo "bash_completion: expected '$word' in: $got" >&2; exit 1; }
  done
}
expect "$(complete_words pbxsim r)" run route report
expect "$(complete_words pbxsim run --f)" --filter
expect "$(complete_words pbxsim run scenarios --s)" --seed --shard
expect "$(complete_words pbxsim run --junit /et)" /etc
got=$(complete_words pbxsim check --f)
[[ " $got " != *" --junit "* ]] || { echo "bash_completion: check offers run's --junit" >&2; exit 1; }
expect "$(complete_words pbxsim-viewer results.db --s)" --scenario --screenshot --size
expect "$(complete_words pbxsim-viewer --v)" --view --version
expect "$(complete_words pbxsim-viewer --view l)" ladder
expect "$(complete_words pbxsim-viewer --screenshot /et)" /etc
expect "$(complete_words pbxsim-viewer /et)" /etc
got=$(complete_words pbxsim-viewer --view "")
[[ $got == "timeline ladder state graph diff" ]] || { echo "bash_completion: --view offers: $got" >&2; exit 1; }
# Every option of the viewer's help is offered (the help is the one list).
for option in $("$viewer" --help | grep -oE '^  (-h, )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
  expect "$(complete_words pbxsim-viewer --)" "$option"
done
viewer_zsh=$("$viewer" --completion zsh)
[[ $viewer_zsh == "#compdef pbxsim-viewer"* ]] || { echo "bash_completion: viewer zsh script lacks #compdef" >&2; exit 1; }
if command -v zsh > /dev/null; then zsh -n <(echo "$viewer_zsh"); fi
zsh_script=$("$pbxsim" completion zsh)
[[ $zsh_script == "#compdef pbxsim"* ]] || { echo "bash_completion: zsh script lacks #compdef" >&2; exit 1; }
if command -v zsh > /dev/null; then zsh -n <(echo "$zsh_script"); fi
echo "bash_completion: ok"
