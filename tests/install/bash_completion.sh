#!/usr/bin/env bash
# The bash completion pbxsim generates completes what its command line
# accepts: command names, a command's options, a file after an option that
# takes a value.   tests/install/bash_completion.sh PBXSIM
set -euo pipefail
pbxsim=$1
source <("$pbxsim" completion bash)
complete_words() {  # the words as typed, the last one being completed
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
  _pbxsim
  echo "${COMPREPLY[*]}"
}
expect() {  # expect "WHAT" WORDS... -- must include each of the given words
  local got=$1; shift
  for word in "$@"; do
    [[ " $got " == *" $word "* ]] || { echo "bash_completion: expected '$word' in: $got" >&2; exit 1; }
  done
}
expect "$(complete_words pbxsim r)" run route report
expect "$(complete_words pbxsim ex)" explain explore
expect "$(complete_words pbxsim explain --s)" --scenario --seed
expect "$(complete_words pbxsim run --f)" --filter
expect "$(complete_words pbxsim run scenarios --s)" --seed --shard
expect "$(complete_words pbxsim run --junit /et)" /etc
got=$(complete_words pbxsim check --f)
[[ " $got " != *" --junit "* ]] || { echo "bash_completion: check offers run's --junit" >&2; exit 1; }
zsh_script=$("$pbxsim" completion zsh)
[[ $zsh_script == "#compdef pbxsim"* ]] || { echo "bash_completion: zsh script lacks #compdef" >&2; exit 1; }
if command -v zsh > /dev/null; then zsh -n <(echo "$zsh_script"); fi
echo "bash_completion: ok"
