// `pbxsim explain FILE --scenario NAME [--call N]`: a call's path with the
// policy rule behind each step. FILE is a scenario file (run here with
// decisions recorded) or a results database (a run stored with --decisions).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace pbxsim {

struct ExplainFlags {
  std::string file;
  std::string scenario;               // the scenario's name, exactly
  std::optional<std::uint64_t> call;  // unset: every call of the scenario
  std::optional<std::int64_t> run;    // a database's run; unset: the latest
  std::uint64_t seed = 1;
  std::string policy;
  bool json = false;  // the calls and their steps as one JSON document
};

CLI::App* add_explain_command(CLI::App& app, ExplainFlags& flags);
int explain_command(const ExplainFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace pbxsim
