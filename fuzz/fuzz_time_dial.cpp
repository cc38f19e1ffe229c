// Fuzz target: the time parsers (durations, times of day, dates, weekdays,
// calendar starts) and dialing (normalisation, dial rules, `pbxsim dial`).
//
// Input: one selector byte, then lines of text. Every line goes through
// every time parser; a duration that parses must render and parse back to
// the same value (the reports print durations with format_duration). The
// first line is a number and the others dial rules
// "begins_with|length|remove|prefix"; the selector's bits choose
// normalisation, keeping '+', caller ID rather than dialed, and whether the
// number also goes through `pbxsim dial` on a shipped scenario's topology.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_files.h"
#include "pbxsim/engine/calendar.h"
#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/time.h"
#include "pbxsim/simulator/dial_command.h"

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Small numbers from text, without std::stoi's exceptions: the rule fields
// the scenario reader would have range-checked.
int small_number(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') break;
    value = value * 10 + (c - '0');
    if (value > 64) return 64;
  }
  return value;
}

void parse_times(std::string_view line) {
  std::string error;
  if (const auto duration = pbxsim::parse_duration(line, &error)) {
    const std::string rendered = pbxsim::format_duration(*duration);
    std::string again_error;
    const auto again = pbxsim::parse_duration(rendered, &again_error);
    if (!again || *again != *duration) {
      std::fprintf(stderr, "duration '%.*s' = %lld us renders as '%s', which parses %s\n",
                   static_cast<int>(line.size()), line.data(), static_cast<long long>(*duration), rendered.c_str(),
                   again ? std::to_string(*again).c_str() : again_error.c_str());
      std::abort();
    }
  }
  (void)pbxsim::parse_time_of_day(line, &error);
  (void)pbxsim::parse_weekday(line);
  (void)pbxsim::parse_date(line, &error);
  (void)pbxsim::parse_calendar_start(line, &error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const auto lines = split(pbxsim::fuzz::as_text(data + 1, size - 1), '\n');
  for (const auto line : lines) parse_times(line);

  pbxsim::DialPlan plan;
  plan.normalize = (selector & 1) != 0;
  plan.keep_plus = (selector & 2) != 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = split(lines[i], '|');
    pbxsim::DialRule rule;
    rule.name = "rule " + std::to_string(i);
    rule.begins_with = std::string(fields[0]);
    if (fields.size() > 1) rule.length = small_number(fields[1]);
    if (fields.size() > 2) rule.remove = small_number(fields[2]);
    if (fields.size() > 3) rule.prefix = std::string(fields[3]);
    (void)pbxsim::describe_rule(rule);
    plan.application.push_back(rule);
    plan.directory_lookup.push_back(rule);
  }
  const std::string_view number = lines[0];
  const bool caller_id = (selector & 4) != 0;
  const auto analysis = caller_id ? pbxsim::analyze_caller_id(plan, number) : pbxsim::analyze_dialed(plan, number);
  const auto result = caller_id ? pbxsim::caller_id_number(plan, number) : pbxsim::dialed_number(plan, number);
  if (analysis.result != result) {
    std::fprintf(stderr, "the analysis of '%.*s' ends at '%s', routing uses '%s'\n", static_cast<int>(number.size()),
                 number.data(), analysis.result.c_str(), result.c_str());
    std::abort();
  }

  // `pbxsim dial` loads a scenario (Lua) each time: one input in eight.
  if ((selector & 0x38) == 0x38) {
    pbxsim::DialFlags flags;
    flags.topology = pbxsim::fuzz::source_path((selector & 0x40) != 0 ? "scenarios/cisco/cuc10_directory_lookup.lua"
                                                                      : "scenarios/cisco/cuc9_dialing.lua");
    flags.number = std::string(number);
    flags.caller_id = caller_id;
    std::ostringstream out, err;
    (void)pbxsim::dial_command(flags, out, err);
  }
  return 0;
}
