// Golden files. Sections: rendering a block · parsing · comparing · updating.
#include "pbxsim/simulator/golden.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim {
namespace {

constexpr std::string_view kScenarioPrefix = "scenario \"";


// The name in `scenario "na\"me"`, or nullopt when the line is not one.
std::optional<std::string> unquote_scenario(std::string_view line) {
  if (!line.starts_with(kScenarioPrefix)) return std::nullopt;
  std::string name;
  for (std::size_t i = kScenarioPrefix.size(); i < line.size(); ++i) {
    if (line[i] == '"') return name;
    if (line[i] == '\\' && i + 1 < line.size()) {
      ++i;
      name += line[i] == 'n' ? '\n' : line[i];
      continue;
    }
    name += line[i];
  }
  return std::nullopt;
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool same_key(const GoldenBlock& a, const GoldenBlock& b) {
  return a.scenario == b.scenario && a.policy == b.policy && a.seed == b.seed;
}

// Lines removed from `recorded` ("- ") and added in `observed` ("+ "), each
// change preceded by the heading of the call it is in when that heading is
// itself unchanged. Blocks are small: a plain LCS table is fine.
std::vector<std::string> line_diff(const std::vector<std::string>& recorded, const std::vector<std::string>& observed) {
  const std::size_t n = recorded.size();
  const std::size_t m = observed.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = recorded[i] == observed[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> out;
  std::string heading;
  bool heading_shown = false;
  auto same = [&](const std::string& line) {
    if (line.starts_with("  call-")) {
      heading = line;
      heading_shown = false;
    }
  };
  auto change = [&](char sign, const std::string& line) {
    if (line.starts_with("  call-")) {
      heading = line;
      heading_shown = true;
    } else if (!heading.empty() && !heading_shown) {
      out.push_back("  " + heading);
      heading_shown = true;
    }
    out.push_back(std::string(1, sign) + " " + line);
  };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && recorded[i] == observed[j]) {
      same(recorded[i]);
      ++i;
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      change('-', recorded[i++]);
    } else {
      change('+', observed[j++]);
    }
  }
  return out;
}

}  // namespace

std::string golden_path(const std::string& scenario_file) { return scenario_file + ".golden"; }

// ------------------------------------------------------------ rendering a block

GoldenBlock golden_block(const ScenarioRunResult& result, std::uint64_t seed) {
  GoldenBlock block{result.decl.name, result.policy, seed, 0, {}};
  for (const CallRecord& call : result.calls) {
    block.facts.push_back("  " + call_heading(call));
    for (const std::string& fact : call_facts(call)) block.facts.push_back("    " + fact);
  }
  if (result.calls.empty()) block.facts.push_back("  no calls");
  return block;
}

std::string render_golden(const std::string& scenario_file, const std::vector<GoldenBlock>& blocks) {
  std::string text = "# Golden outcomes of " + std::filesystem::path(scenario_file).filename().string() +
                     ", recorded by `pbxsim run --update-golden`.\n"
                     "# `pbxsim run` compares every call of a scenario with the block of the same scenario,\n"
                     "# policy and seed, and fails the scenario showing the difference. Re-record, do not edit.\n";
  for (const GoldenBlock& block : blocks) {
    text += "\nscenario " + escaped_quoted(block.scenario) + "\n";
    text += "  policy " + block.policy + "\n";
    text += "  seed " + std::to_string(block.seed) + "\n";
    for (const std::string& fact : block.facts) text += fact + "\n";
  }
  return text;
}

// ---------------------------------------------------------------------- parsing

std::vector<GoldenBlock> parse_golden(const std::string& text) {
  std::vector<GoldenBlock> blocks;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  GoldenBlock* open = nullptr;
  while (std::getline(in, line)) {
    ++number;
    if (auto name = unquote_scenario(line)) {
      blocks.push_back(GoldenBlock{*name, "", 1, number, {}});
      open = &blocks.back();
      continue;
    }
    if (open == nullptr || !line.starts_with("  ")) {
      open = nullptr;  // a blank line or a comment ends a block
      continue;
    }
    if (open->facts.empty() && line.starts_with("  policy ")) {
      open->policy = line.substr(9);
    } else if (open->facts.empty() && line.starts_with("  seed ")) {
      const std::string digits = line.substr(7);
      std::from_chars(digits.data(), digits.data() + digits.size(), open->seed);
    } else {
      open->facts.push_back(line);
    }
  }
  return blocks;
}

// -------------------------------------------------------------------- comparing

void add_golden_check(const std::string& scenario_file, std::uint64_t seed, ScenarioRunResult& result) {
  const std::string path = golden_path(scenario_file);
  const std::optional<std::string> text = read_text(path);
  if (!text) return;
  const GoldenBlock observed = golden_block(result, seed);
  const std::vector<GoldenBlock> blocks = parse_golden(*text);
  const auto recorded = std::find_if(blocks.begin(), blocks.end(),
                                     [&](const GoldenBlock& block) { return same_key(block, observed); });
  if (recorded == blocks.end()) return;

  // Recorded outcomes are the scenario's checks: drop "a scenario that
  // checks nothing cannot fail".
  std::erase_if(result.checks, [&](const CheckResult& check) {
    return !check.passed && check.subject == "the scenario" && check.relation == "checks";
  });
  const std::string expected = "as recorded in " + path;
  CheckResult check{true, path, recorded->line, "calls", "is", expected, expected};
  if (recorded->facts != observed.facts) {
    check.passed = false;
    check.actual = "a difference (- recorded, + now):";
    for (const std::string& line : line_diff(recorded->facts, observed.facts)) check.actual += "\n        " + line;
  }
  result.checks.push_back(std::move(check));
}

// --------------------------------------------------------------------- updating

std::vector<GoldenUpdate> update_golden_files(const SuiteReport& suite) {
  // Scenario files in suite order, with this run's reports.
  std::vector<std::string> files;
  std::map<std::string, std::vector<const ScenarioReport*>> by_file;
  for (const ScenarioReport& report : suite.scenarios) {
    if (!by_file.contains(report.file)) files.push_back(report.file);
    by_file[report.file].push_back(&report);
  }
  std::vector<GoldenUpdate> updates;
  for (const std::string& file : files) {
    GoldenUpdate update{golden_path(file), 0, {}, std::nullopt};
    std::vector<GoldenBlock> fresh;
    for (const ScenarioReport* report : by_file[file]) {
      if (report->result.error) {
        update.skipped.push_back(report->result.decl.name);
        continue;
      }
      fresh.push_back(golden_block(report->result, suite.seed));
    }
    std::vector<GoldenBlock> kept;
    if (const auto text = read_text(update.path)) kept = parse_golden(*text);

    // The file's scenarios in declaration order decide the order of blocks.
    // If the file no longer lists, keep every block, this run's first.
    std::vector<std::string> declared;
    auto listed = list_scenarios(file, SandboxLimits{});
    if (auto* decls = std::get_if<std::vector<ScenarioDecl>>(&listed)) {
      for (const ScenarioDecl& decl : *decls) declared.push_back(decl.name);
    } else {
      for (const auto* list : {&fresh, &kept}) {
        for (const GoldenBlock& block : *list) {
          if (std::find(declared.begin(), declared.end(), block.scenario) == declared.end()) {
            declared.push_back(block.scenario);
          }
        }
      }
    }
    std::vector<GoldenBlock> blocks;
    for (const std::string& name : declared) {
      std::vector<GoldenBlock> of_scenario;
      for (const GoldenBlock& block : fresh) {
        if (block.scenario == name) of_scenario.push_back(block);
      }
      for (const GoldenBlock& block : kept) {
        const bool replaced = std::any_of(fresh.begin(), fresh.end(),
                                          [&](const GoldenBlock& other) { return same_key(block, other); });
        if (block.scenario == name && !replaced) of_scenario.push_back(block);
      }
      std::stable_sort(of_scenario.begin(), of_scenario.end(), [](const GoldenBlock& a, const GoldenBlock& b) {
        return std::tie(a.policy, a.seed) < std::tie(b.policy, b.seed);
      });
      blocks.insert(blocks.end(), of_scenario.begin(), of_scenario.end());
    }
    update.recorded = static_cast<int>(fresh.size());

    const std::string temporary = update.path + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << render_golden(file, blocks);
      if (!out.flush()) update.error = "cannot write " + temporary;
    }
    if (!update.error && std::rename(temporary.c_str(), update.path.c_str()) != 0) {
      update.error = "cannot rename " + temporary + " to " + update.path;
    }
    if (update.error) std::remove(temporary.c_str());
    updates.push_back(std::move(update));
  }
  return updates;
}

}  // namespace pbxsim
