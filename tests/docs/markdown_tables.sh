#!/usr/bin/env bash
# Every Markdown table in the README and docs renders as a table: it starts
# with a header row and a |---| separator (a row standing alone, outside any
# table, shows as text), and each row has as many cells as its header (a bare
# | inside a cell, even inside `code`, starts a new cell on GitHub: write \|).
#   tests/docs/markdown_tables.sh SOURCE_DIR
set -euo pipefail
cd "$1"
files=$(ls README.md docs/*.md scripting/policies/README.md)
awk '
  function cells(line,   stripped) {
    stripped = line
    gsub(/\\\|/, "", stripped)          # an escaped pipe is text
    return gsub(/\|/, "|", stripped) - 1
  }
  FNR == 1 { in_table = 0; fence = 0 }
  /^```/ { fence = !fence; in_table = 0; next }
  fence { next }
  /^ *\|/ {
    if (!in_table) {
      header = cells($0); header_line = FNR; in_table = 1; expect_separator = 1; next
    }
    if (expect_separator) {
      if ($0 !~ /^ *\|[-:| ]+\|[ ]*$/) { printf "%s:%d: a table row with no header and separator above it\n", FILENAME, header_line; bad = 1 }
      expect_separator = 0; next
    }
    if (cells($0) != header) {
      printf "%s:%d: %d cells, the header (line %d) has %d (a | in a cell must be written \\|)\n", FILENAME, FNR, cells($0), header_line, header
      bad = 1
    }
    next
  }
  { in_table = 0 }
  END { exit bad }
' $files
echo "markdown_tables: every table in $(echo $files | wc -w) files is well formed"
