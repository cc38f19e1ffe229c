# Writes OUTPUT, a man page (section 1) for PROGRAM made from its own help:
# `PROGRAM HELP_FLAG` and `PROGRAM --version`. The help's first line reads
# "NAME: what it is" and becomes the NAME section; the rest is shown as it
# prints (no-fill), so the page never differs from --help. No date, so the
# page is the same in every build.
execute_process(COMMAND "${PROGRAM}" ${HELP_FLAG} OUTPUT_VARIABLE help RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${PROGRAM} ${HELP_FLAG} failed (${failed})")
endif()
execute_process(COMMAND "${PROGRAM}" --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE " \\(.*" "" version "${version}")  # the revision stays out: it changes every commit

# (string(FIND)/SUBSTRING, not REGEX REPLACE with ^: CMake applies ^ again
# at each later match.)
string(FIND "${help}" "\n" newline)
string(SUBSTRING "${help}" 0 ${newline} first_line)
math(EXPR after "${newline} + 1")
string(SUBSTRING "${help}" ${after} -1 body)
string(REGEX REPLACE "^([^:]*): (.*)$" "\\1" name "${first_line}")
string(REGEX REPLACE "^([^:]*): (.*)$" "\\2" summary "${first_line}")

# roff: a backslash is \e; a line starting with . or ' would be a request.
string(REPLACE "\\" "\\e" body "${body}")
string(REPLACE "\n." "\n\\&." body "${body}")
string(REPLACE "\n'" "\n\\&'" body "${body}")
if(body MATCHES "^[.']")
  string(PREPEND body "\\&")
endif()
string(REPLACE "-" "\\-" summary "${summary}")
string(TOUPPER "${name}" title)

file(WRITE "${OUTPUT}.tmp"
  ".\\\" Generated from `${name} ${HELP_FLAG}` by cmake/man_page.cmake; do not edit.\n"
  ".TH ${title} 1 \"\" \"${version}\" \"User Commands\"\n"
  ".SH NAME\n${name} \\- ${summary}\n"
  ".SH DESCRIPTION\n.nf\n${body}.fi\n"
  ".SH SEE ALSO\n${SEE_ALSO}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
