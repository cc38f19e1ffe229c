// Sections: swapping the order · one pair · the matrix · text · JSON.
#include "pbxsim/simulator/explore/feature_matrix.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

// ----------------------------------------------------------- swapping the order

std::optional<ExploreCase> with_order_swapped(const ExploreCase& c, const std::string& first, const std::string& second) {
  ExploreCase swapped = c;
  bool changed = false;
  for (std::size_t begin = 0; begin < c.steps.size();) {
    std::size_t end = begin;
    while (end < c.steps.size() && c.steps[end].at_us == c.steps[begin].at_us) ++end;
    // Positions held by either feature keep their places; the second
    // feature's steps take the first of them.
    std::vector<std::size_t> positions;
    std::vector<CaseStep> seconds;
    std::vector<CaseStep> firsts;
    for (std::size_t i = begin; i < end; ++i) {
      if (c.steps[i].feature == first) firsts.push_back(c.steps[i]);
      else if (c.steps[i].feature == second) seconds.push_back(c.steps[i]);
      else continue;
      positions.push_back(i);
    }
    if (!firsts.empty() && !seconds.empty()) {
      changed = true;
      std::vector<CaseStep> reordered = seconds;
      reordered.insert(reordered.end(), firsts.begin(), firsts.end());
      for (std::size_t k = 0; k < positions.size(); ++k) swapped.steps[positions[k]] = reordered[k];
    }
    begin = end;
  }
  if (!changed) return std::nullopt;
  return swapped;
}

// -------------------------------------------------------------------- one pair

namespace {

// The first call that ended differently, as "c2: answered by d1 via 1000 | busy via 1000".
std::optional<std::string> first_difference(const CaseResult& one, const CaseResult& other) {
  for (const auto& [label, summary] : one.calls) {
    auto found = other.calls.find(label);
    const std::string other_summary = found == other.calls.end() ? "(not placed)" : found->second;
    if (summary != other_summary) return label + ": " + summary + " | " + other_summary;
  }
  for (const auto& [label, summary] : other.calls) {
    if (!one.calls.count(label)) return label + ": (not placed) | " + summary;
  }
  return std::nullopt;
}

void record_failure(PairCell& cell, const CaseResult& result, std::uint64_t seed) {
  if (result.verdict == CaseVerdict::Passed) return;
  ++cell.failures[result.code];
  cell.worst = std::max(cell.worst, result.verdict);
  if (!cell.failure_seed) {
    cell.failure_seed = seed;
    cell.failure_message = result.code + ": " + result.message;
  }
}

PairCell run_pair(const PairOptions& options, const std::string& policy, const std::string& first,
                  const std::string& second) {
  PairCell cell;
  cell.first = first;
  cell.second = second;
  std::vector<std::string> features;
  for (const std::string& name : {first, second}) {
    if (name != explore_features().front().name) features.push_back(name);
  }
  CaseRunOptions run = options.run;
  run.policy = policy;
  run.check_determinism = false;  // plain `explore` covers determinism
  // One kept child for the cell; item 2*i is the case of the cell's i-th
  // seed as generated, 2*i+1 the same with the two features' stimuli swapped.
  SeedRunner runner(
      [&](std::uint64_t item) {
        const ExploreCase generated = generate_case(options.first_seed + item / 2, features, true);
        if (item % 2 == 0) return generated;
        return with_order_swapped(generated, first, second).value_or(generated);
      },
      run);
  for (std::uint64_t seed = options.first_seed; seed < options.first_seed + options.seeds_per_pair; ++seed) {
    const ExploreCase c = generate_case(seed, features, true);
    const std::uint64_t item = 2 * (seed - options.first_seed);
    const CaseResult result = runner.run(item);
    ++cell.cases;
    bool failed = result.verdict != CaseVerdict::Passed;
    record_failure(cell, result, seed);
    const std::optional<ExploreCase> swapped = with_order_swapped(c, first, second);
    if (!swapped) continue;
    ++cell.met;
    const CaseResult other = runner.run(item + 1);
    if (!failed) record_failure(cell, other, seed);
    failed = failed || other.verdict != CaseVerdict::Passed;
    if (failed) continue;
    if (const std::optional<std::string> difference = first_difference(result, other)) {
      ++cell.order_decides;
      if (!cell.order_seed) {
        cell.order_seed = seed;
        cell.order_example = *difference;
      }
    }
  }
  return cell;
}

}  // namespace

// ------------------------------------------------------------------ the matrix

CaseVerdict PairMatrix::worst() const {
  CaseVerdict worst = CaseVerdict::Passed;
  for (const PairCell& cell : cells) worst = std::max(worst, cell.worst);
  return worst;
}

const PairCell* PairMatrix::cell(const std::string& first, const std::string& second) const {
  for (const PairCell& candidate : cells) {
    if ((candidate.first == first && candidate.second == second) ||
        (candidate.first == second && candidate.second == first)) {
      return &candidate;
    }
  }
  return nullptr;
}

std::vector<PairMatrix> run_pairs(const PairOptions& options, const ExploreProgress& progress) {
  std::vector<std::string> features;
  for (const Feature& feature : explore_features()) {
    const bool wanted = options.features.empty() || &feature == &explore_features().front() ||
                        std::find(options.features.begin(), options.features.end(), feature.name) != options.features.end();
    if (wanted) features.emplace_back(feature.name);
  }
  std::vector<PairMatrix> matrices;
  for (const std::string& policy : options.policies) {
    PairMatrix matrix{policy, options.first_seed, options.seeds_per_pair, features, {}};
    for (std::size_t i = 0; i < features.size(); ++i) {
      for (std::size_t j = i + 1; j < features.size(); ++j) {
        matrix.cells.push_back(run_pair(options, policy, features[i], features[j]));
      }
    }
    if (progress) progress("pairs under " + policy + ": " + std::to_string(matrix.cells.size()) + " pairs done");
    matrices.push_back(std::move(matrix));
  }
  return matrices;
}

// ------------------------------------------------------------------------ text

namespace {

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string pair_command(const PairMatrix& matrix, const PairCell& cell, std::uint64_t seed) {
  std::string features;
  for (const std::string& name : {cell.first, cell.second}) {
    if (name != explore_features().front().name) features += (features.empty() ? "" : ",") + name;
  }
  return "pbxsim explore --policy " + matrix.policy + " --features " + features + " --ties --seed " +
         std::to_string(seed) + " --seeds 1";
}

}  // namespace

void print_pairs(std::ostream& out, const std::vector<PairMatrix>& matrices) {
  for (const PairMatrix& matrix : matrices) {
    const std::size_t n = matrix.features.size();
    out << "pairs under " << matrix.policy << ": " << matrix.seeds_per_pair << " seeds per pair (from seed "
        << matrix.first_seed << "), stimuli on whole seconds so features meet\n";
    out << "cell: D/M = the order of the two features decided a call's outcome in D of the M cases where their\n"
           "stimuli met at one instant; '-' they never met; '!' an invariant was violated or a case crashed\n\n";
    out << std::string(24, ' ');
    for (std::size_t j = 1; j < n; ++j) out << pad_left(std::to_string(j + 1), 7);
    out << "\n";
    for (std::size_t i = 0; i + 1 < n; ++i) {
      out << pad_left(std::to_string(i + 1), 2) << " " << pad_right(matrix.features[i], 21);
      for (std::size_t j = 1; j < n; ++j) {
        std::string text;
        if (j > i) {
          const PairCell& cell = *matrix.cell(matrix.features[i], matrix.features[j]);
          text = cell.met == 0 ? "-" : std::to_string(cell.order_decides) + "/" + std::to_string(cell.met);
          if (!cell.failures.empty()) text += "!";
        }
        out << pad_left(text, 7);
      }
      out << "\n";
    }
    out << pad_left(std::to_string(n), 2) << " " << matrix.features[n - 1] << "\n";

    bool any_order = false;
    for (const PairCell& cell : matrix.cells) {
      if (cell.order_decides == 0) continue;
      if (!any_order) out << "\nwhere the order decides (first call that ended differently: one order | the other):\n";
      any_order = true;
      out << "  " << cell.first << " x " << cell.second << ": " << cell.order_decides << " of " << cell.met
          << "; e.g. seed " << *cell.order_seed << ": " << cell.order_example << "\n"
          << "    " << pair_command(matrix, cell, *cell.order_seed) << "\n";
    }
    bool any_failure = false;
    for (const PairCell& cell : matrix.cells) {
      if (cell.failures.empty()) continue;
      if (!any_failure) out << "\ninvariant violations and crashes (explore the seed to shrink it):\n";
      any_failure = true;
      int total = 0;
      for (const auto& [code, count] : cell.failures) total += count;
      out << "  " << cell.first << " x " << cell.second << ": " << total << " case(s); e.g. seed "
          << *cell.failure_seed << ": " << cell.failure_message << "\n"
          << "    " << pair_command(matrix, cell, *cell.failure_seed) << "\n";
    }
    if (!any_failure) out << "\nno invariant violated and no crash in any pair\n";
    out << "\n";
  }
}

// ------------------------------------------------------------------------ JSON

std::string pairs_json(const std::vector<PairMatrix>& matrices) {
  nlohmann::json document = nlohmann::json::array();
  for (const PairMatrix& matrix : matrices) {
    nlohmann::json cells = nlohmann::json::array();
    for (const PairCell& cell : matrix.cells) {
      nlohmann::json entry{{"first", cell.first},   {"second", cell.second},          {"cases", cell.cases},
                           {"failures", cell.failures}, {"met", cell.met},            {"order_decides", cell.order_decides}};
      if (cell.failure_seed) {
        entry["failure_seed"] = *cell.failure_seed;
        entry["failure"] = cell.failure_message;
      }
      if (cell.order_seed) {
        entry["order_seed"] = *cell.order_seed;
        entry["order_example"] = cell.order_example;
      }
      cells.push_back(entry);
    }
    document.push_back({{"policy", matrix.policy},
                        {"first_seed", matrix.first_seed},
                        {"seeds_per_pair", matrix.seeds_per_pair},
                        {"features", matrix.features},
                        {"cells", cells}});
  }
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
