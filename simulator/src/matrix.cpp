// Sections: cells · building · text · Markdown · JSON.
#include "pbxsim/simulator/matrix.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "call_json.h"
#include "pbxsim/simulator/call_summary.h"

namespace pbxsim {
namespace {

// ------------------------------------------------------------------------- cells

std::string status_cell(const ScenarioReport& report) {
  if (report.status == ScenarioReport::Status::Error) return "error";
  int failed = 0;
  for (const CheckResult& check : report.result.checks) failed += check.passed ? 0 : 1;
  return failed == 0 ? "passed" : "FAILED " + std::to_string(failed) + " check(s)";
}

// The outcome, who answered, and the path when the call went further than
// the number dialed.
std::string call_cell(const CallRecord& call) {
  std::string text(call_outcome_name(call.outcome));
  if (call.outcome == CallOutcome::None) text = "none yet (" + std::string(call_state_name(call.state)) + ")";
  if (!call.answered_by.empty()) text += " by " + call.answered_by;
  if (call.path.size() > 5) {
    // A long chain: its ends say enough for a table cell.
    const std::vector<std::string> path = call.path.to_vector();
    text += " (" + path[0] + " > " + path[1] + " > ... > " + path[path.size() - 2] + " > " + path.back() + ", " +
            std::to_string(path.size()) + " stops)";
  } else if (call.path.size() > 1) {
    text += " (" + format_path(call) + ")";
  }
  return text;
}

bool shown_cells_differ(const MatrixRow& row) {
  std::set<std::string> texts;
  for (const MatrixCell& cell : row.cells) texts.insert(cell.present ? cell.text : "");
  return texts.size() > 1;
}

// A row is marked only when what it shows differs: a reader must be able to
// see why.
void mark_differences(MatrixRow& row) {
  if (shown_cells_differ(row)) {
    row.differs = true;
    return;
  }
  // The same outcome and path, but who was alerted (silently or not) or
  // skipped why may differ: show those, and mark the row if they do. Times
  // alone (an answer or outcome at another moment) are not shown or marked.
  std::set<std::vector<std::string>> facts;
  for (const MatrixCell& cell : row.cells) facts.insert(cell.facts);
  if (facts.size() <= 1) return;
  std::vector<std::string> plain_texts;
  for (const MatrixCell& cell : row.cells) plain_texts.push_back(cell.text);
  for (MatrixCell& cell : row.cells) {
    if (cell.call == nullptr) continue;
    cell.text += "; alerted " + format_alerted(*cell.call);
    if (!cell.call->skipped.empty()) cell.text += "; skipped " + format_skipped(*cell.call);
  }
  row.differs = shown_cells_differ(row);
  if (row.differs) return;
  for (std::size_t i = 0; i < row.cells.size(); ++i) row.cells[i].text = plain_texts[i];
}

std::string pad(const std::string& text, std::size_t width) {
  // Widths count bytes; cells are ASCII apart from names a scenario chose.
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '*' || c == '_' || c == '`') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

int Matrix::rows() const {
  int total = 0;
  for (const MatrixScenario& scenario : scenarios) total += static_cast<int>(scenario.rows.size());
  return total;
}

int Matrix::differing_rows() const {
  int total = 0;
  for (const MatrixScenario& scenario : scenarios) {
    for (const MatrixRow& row : scenario.rows) total += row.differs ? 1 : 0;
  }
  return total;
}

// ---------------------------------------------------------------------- building

Matrix build_matrix(const SuiteOptions& options, const std::vector<std::string>& policies) {
  Matrix matrix;
  matrix.seed = options.seed;
  matrix.policies = policies;
  for (const std::string& policy : policies) {
    SuiteOptions run = options;
    run.policy = policy;
    run.compare_golden = false;  // golden blocks belong to one policy; the matrix compares policies
    matrix.runs.push_back(run_suite(run, nullptr, nullptr));
  }
  if (matrix.runs.empty()) return matrix;
  // Input errors do not depend on the policy: the first run's are everyone's.
  matrix.input_errors = matrix.runs.front().input_errors;

  // Scenarios by file and name, in the order of the first run that has them.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::vector<const ScenarioReport*>> by_key;
  for (std::size_t p = 0; p < matrix.runs.size(); ++p) {
    for (const ScenarioReport& report : matrix.runs[p].scenarios) {
      const std::pair<std::string, std::string> key{report.file, report.result.decl.name};
      auto& reports = by_key[key];
      if (reports.empty()) {
        order.push_back(key);
        reports.resize(policies.size(), nullptr);
      }
      reports[p] = &report;
    }
  }
  for (const auto& key : order) {
    const std::vector<const ScenarioReport*>& reports = by_key[key];
    MatrixScenario scenario{key.first, 0, key.second, {}};
    MatrixRow status{"checks", 0, {}, false};
    std::set<CallId> call_ids;
    for (const ScenarioReport* report : reports) {
      MatrixCell cell;
      if (report != nullptr) {
        scenario.line = report->result.decl.line;
        cell = MatrixCell{true, status_cell(*report), {}, nullptr};
        for (const CallRecord& call : report->result.calls) call_ids.insert(call.id);
      }
      status.cells.push_back(cell);
    }
    mark_differences(status);
    scenario.rows.push_back(std::move(status));
    for (CallId id : call_ids) {
      MatrixRow row{"", id, {}, false};
      for (const ScenarioReport* report : reports) {
        MatrixCell cell;
        if (report != nullptr) {
          for (const CallRecord& call : report->result.calls) {
            if (call.id != id) continue;
            cell = MatrixCell{true, call_cell(call), call_facts(call), &call};
            if (row.label.empty()) row.label = "call-" + std::to_string(id) + " " + call.caller + " -> " + call.dialed;
          }
        }
        if (!cell.present) cell.text = "-";
        row.cells.push_back(std::move(cell));
      }
      mark_differences(row);
      scenario.rows.push_back(std::move(row));
    }
    matrix.scenarios.push_back(std::move(scenario));
  }
  return matrix;
}

// -------------------------------------------------------------------------- text

std::string matrix_text(const Matrix& matrix) {
  std::size_t label_width = 0;
  std::vector<std::size_t> widths;
  for (const std::string& policy : matrix.policies) widths.push_back(policy.size());
  for (const MatrixScenario& scenario : matrix.scenarios) {
    for (const MatrixRow& row : scenario.rows) {
      label_width = std::max(label_width, row.label.size());
      for (std::size_t p = 0; p < row.cells.size(); ++p) widths[p] = std::max(widths[p], row.cells[p].text.size());
    }
  }
  std::string out = "pbxsim matrix  seed " + std::to_string(matrix.seed) + "  policies " + join(matrix.policies, ", ") +
                    "\n\n";
  std::string header = "  " + pad("", label_width);
  for (std::size_t p = 0; p < matrix.policies.size(); ++p) header += "  " + pad(matrix.policies[p], widths[p]);
  while (!header.empty() && header.back() == ' ') header.pop_back();
  out += header + "\n";
  for (const MatrixScenario& scenario : matrix.scenarios) {
    out += "\n" + scenario.file + ":" + std::to_string(scenario.line) + "  " + scenario.name + "\n";
    for (const MatrixRow& row : scenario.rows) {
      std::string line = std::string(row.differs ? "* " : "  ") + pad(row.label, label_width);
      for (std::size_t p = 0; p < row.cells.size(); ++p) line += "  " + pad(row.cells[p].text, widths[p]);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  out += "\n" + std::to_string(matrix.differing_rows()) + " of " + std::to_string(matrix.rows()) +
         " rows differ between the policies (marked *)\n";
  return out;
}

// ---------------------------------------------------------------------- Markdown

std::string matrix_markdown(const Matrix& matrix) {
  std::string out = "| | scenario | row |";
  std::string rule = "|---|---|---|";
  for (const std::string& policy : matrix.policies) {
    out += " " + markdown_escape(policy) + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const MatrixScenario& scenario : matrix.scenarios) {
    const std::string where = markdown_escape(scenario.file + ":" + std::to_string(scenario.line) + " " + scenario.name);
    for (std::size_t r = 0; r < scenario.rows.size(); ++r) {
      const MatrixRow& row = scenario.rows[r];
      out += std::string("| ") + (row.differs ? "≠" : "") + " | " + (r == 0 ? where : "") + " | " +
             markdown_escape(row.label) + " |";
      for (const MatrixCell& cell : row.cells) {
        const std::string text = markdown_escape(cell.text);
        out += " " + (row.differs ? "**" + text + "**" : text) + " |";
      }
      out += "\n";
    }
  }
  out += "\n" + std::to_string(matrix.differing_rows()) + " of " + std::to_string(matrix.rows()) +
         " rows differ between the policies (marked ≠, in bold). Seed " + std::to_string(matrix.seed) + ".\n";
  return out;
}

// -------------------------------------------------------------------------- JSON

std::string matrix_json(const Matrix& matrix) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const MatrixScenario& scenario : matrix.scenarios) {
    nlohmann::json status = nlohmann::json::object();
    nlohmann::json calls = nlohmann::json::array();
    for (const MatrixRow& row : scenario.rows) {
      if (row.call == 0) {
        for (std::size_t p = 0; p < row.cells.size(); ++p) {
          status[matrix.policies[p]] = row.cells[p].present ? nlohmann::json(row.cells[p].text) : nlohmann::json();
        }
        continue;
      }
      nlohmann::json cells = nlohmann::json::object();
      for (std::size_t p = 0; p < row.cells.size(); ++p) {
        const MatrixCell& cell = row.cells[p];
        if (cell.call == nullptr) {
          cells[matrix.policies[p]] = nullptr;
          continue;
        }
        const CallRecord& call = *cell.call;
        nlohmann::json fields = call_json(call);  // the call's fields as run --json prints them
        fields["text"] = cell.text;
        cells[matrix.policies[p]] = std::move(fields);
      }
      calls.push_back({{"call", row.call}, {"label", row.label}, {"differs", row.differs}, {"cells", cells}});
    }
    bool differs = false;
    for (const MatrixRow& row : scenario.rows) differs = differs || row.differs;
    scenarios.push_back({{"file", scenario.file},
                         {"line", scenario.line},
                         {"name", scenario.name},
                         {"differs", differs},
                         {"status", status},
                         {"calls", calls}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const ScriptError& error : matrix.input_errors) errors.push_back(error.text());
  const nlohmann::json document{{"seed", matrix.seed},
                                {"policies", matrix.policies},
                                {"scenarios", scenarios},
                                {"input_errors", errors},
                                {"rows", matrix.rows()},
                                {"differing_rows", matrix.differing_rows()}};
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
