// Sections: appearance states · describing a set of combinations · asking
// the policy at one line · following a call · printing · JSON.
#include "pbxsim/simulator/route_analysis.h"
#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/text.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

namespace pbxsim {
namespace {

// ------------------------------------------------------------ appearance states

struct AppearanceState {
  const char* name;
  bool registered;
  DndMode dnd;
  bool busy;  // as many calls as its busy trigger
};

constexpr AppearanceState kStates[] = {
    {"free", true, DndMode::Off, false},
    {"ringer-off", true, DndMode::RingerOff, false},
    {"dnd-reject", true, DndMode::Reject, false},
    {"busy", true, DndMode::Off, true},
    {"busy+ringer-off", true, DndMode::RingerOff, true},
    {"busy+dnd-reject", true, DndMode::Reject, true},
    {"unregistered", false, DndMode::Off, false},
};
// Beyond this many combinations at one line we try a sample (see below).
constexpr std::size_t kMaxCombinations = 200'000;

// One thing a line's outcome can depend on: an appearance's state, or the
// soft-phone/desk-phone mode of the line's user.
struct Dimension {
  std::string name;
  std::vector<int> values;  // state indices, or 0 soft-phone / 1 desk-phone
  bool is_mode = false;
};

std::string value_name(const Dimension& dimension, int value) {
  if (dimension.is_mode) return value == 0 ? "softphone mode" : "deskphone mode";
  return kStates[value].name;
}

// ------------------------------------------------ describing a set of combinations

using Combination = std::vector<int>;  // one value per dimension

std::string describe(const std::vector<Dimension>& dimensions, const std::vector<Combination>& combinations,
                     std::size_t total) {
  std::vector<std::set<int>> seen(dimensions.size());
  for (const Combination& combination : combinations) {
    for (std::size_t d = 0; d < dimensions.size(); ++d) seen[d].insert(combination[d]);
  }
  std::size_t product = 1;
  for (const auto& values : seen) product *= values.size();
  if (product == combinations.size()) {
    std::string text;
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      const Dimension& dimension = dimensions[d];
      if (seen[d].size() == dimension.values.size()) continue;  // any value: not a condition
      std::string values;
      if (seen[d].size() + 1 == dimension.values.size() && dimension.values.size() > 2) {
        for (int value : dimension.values) {
          if (!seen[d].count(value)) values = "not " + value_name(dimension, value);
        }
      } else {
        for (int value : seen[d]) values += (values.empty() ? "" : "|") + value_name(dimension, value);
      }
      text += (text.empty() ? "" : ", ") + dimension.name + " " + values;
    }
    return text.empty() ? "always" : text;
  }
  // Not a product: an example, the one with the plainest states.
  const Combination* example = &combinations.front();
  auto plainness = [](const Combination& combination) {
    int sum = 0;
    for (int value : combination) sum += value;
    return sum;
  };
  for (const Combination& combination : combinations) {
    if (plainness(combination) < plainness(*example)) example = &combination;
  }
  std::string text = "e.g.";
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    text += (d == 0 ? " " : ", ") + dimensions[d].name + " " + value_name(dimensions[d], (*example)[d]);
  }
  return text + " (" + std::to_string(combinations.size()) + " of " + std::to_string(total) + " combinations)";
}

// ----------------------------------------------------- asking the policy at one line

// What the combinations of one group lead to.
struct LineResult {
  bool rang = false;
  std::optional<Divert> divert;  // empty with an error
  std::string error;

  auto key() const { return std::make_tuple(rang, divert.has_value(), divert.value_or(Divert::Busy), error); }
  bool operator<(const LineResult& other) const { return key() < other.key(); }
};

// Which devices ring, and in which of their states (audibly or silently).
struct Ringing {
  std::vector<std::string> devices;  // in appearance order
  std::map<std::string, std::pair<std::set<int>, std::set<int>>> states;  // audible, silent

  void add(const std::string& device, int state, bool silent) {
    if (!states.count(device)) devices.push_back(device);
    auto& entry = states[device];
    (silent ? entry.second : entry.first).insert(state);
  }
  void merge(const Ringing& other) {
    for (const std::string& device : other.devices) {
      for (int state : other.states.at(device).first) add(device, state, false);
      for (int state : other.states.at(device).second) add(device, state, true);
    }
  }
  // "rings desk, soft (each when free, silently when ringer-off)"
  std::string describe_ringing() const {
    auto when = [](const std::pair<std::set<int>, std::set<int>>& entry) {
      auto names = [](const std::set<int>& set) {
        std::string text;
        for (int state : set) text += (text.empty() ? "" : "|") + std::string(kStates[state].name);
        return text;
      };
      std::string text;
      if (!entry.first.empty()) text = "when " + names(entry.first);
      if (!entry.second.empty()) text += (text.empty() ? "" : ", ") + std::string("silently when ") + names(entry.second);
      return text;
    };
    bool uniform = true;
    for (const std::string& device : devices) uniform = uniform && states.at(device) == states.at(devices.front());
    if (uniform) {
      return "rings " + join(devices, ", ") + " (" + (devices.size() > 1 ? "each " : "") + when(states.at(devices.front())) + ")";
    }
    std::string text;
    for (const std::string& device : devices) text += (text.empty() ? "" : "; ") + device + " " + when(states.at(device));
    return "rings " + text;
  }
};

struct LineGroup {
  std::vector<Combination> combinations;
  Ringing ringing;
};

// The kind of divert a policy chose. A destination the policy names itself
// (to(), voicemail(line)) is not followed by the analysis yet: it is
// reported as this combination's error, with the policy's file:line.
Divert followed(const DivertDecision& decision) {
  if (decision.destination) {
    throw std::runtime_error(decision.destination->rule + ": the policy sends the call to " +
                             (decision.destination->kind == Destination::Kind::Voicemail
                                  ? "the voicemail of " + decision.destination->number
                                  : decision.destination->number) +
                             " (pbxsim route does not follow a destination a policy names)");
  }
  return decision.divert;
}

class RouteFollower {
 public:
  RouteFollower(const Topology& topology, Policy& policy, const RouteQuery& query, RouteReport& report)
      : topology_(topology), policy_(policy), query_(query), report_(report) {}

  void follow_dialed() {
    // As the engine does: the dial rules first (pbxsim dial shows each step).
    report_.routed = dialed_number(topology_.dialing, query_.to);
    const std::string& dialed = report_.routed;
    for (std::size_t i = 0; i < topology_.lines.size(); ++i) {
      if (topology_.lines[i].number == dialed) {
        at_line(i, 0, {}, {});
        drain();
        return;
      }
    }
    if (is_external(dialed)) {
      reach_external(dialed, 0, {});
      return;
    }
    finish({{dialed, "no line or external number", "always", "unreachable"}}, "unreachable", 0);
  }

 private:
  struct Appearance {
    const DeviceSpec* device;
    const AppearanceSpec* spec;
  };

  bool is_external(const std::string& number) const {
    if (!number.empty() && number[0] == '+') return true;
    return std::any_of(topology_.externals.begin(), topology_.externals.end(),
                       [&](const ExternalSpec& spec) { return spec.number == number; });
  }

  // Whose mode applies, as the engine decides it (Pbx's constructor).
  const UserSpec* line_user(const LineSpec& line, const std::vector<Appearance>& appearances) const {
    auto user_by_id = [&](const std::string& id) -> const UserSpec* {
      for (const UserSpec& user : topology_.users) {
        if (user_key(user.id) == user_key(id)) return &user;
      }
      return nullptr;
    };
    if (!line.user.empty()) return user_by_id(line.user);
    for (bool soft_phones_only : {true, false}) {
      for (const Appearance& appearance : appearances) {
        if (appearance.device->owner.empty()) continue;
        if (!soft_phones_only || appearance.device->kind == DeviceKind::SoftPhone) {
          return user_by_id(appearance.device->owner);
        }
      }
    }
    return nullptr;
  }

  bool registered_at(const DeviceSpec& device, TimeUs at_us) const {
    return device.registration.at_start && (device.registration.lifetime_us == 0 || at_us < device.registration.lifetime_us);
  }

  std::vector<Combination> combinations_of(const std::vector<Dimension>& dimensions, const std::string& line) {
    std::size_t total = 1;
    for (const Dimension& dimension : dimensions) {
      total = std::min(total * dimension.values.size(), kMaxCombinations + 1);
    }
    std::vector<Combination> all;
    if (total <= kMaxCombinations) {
      Combination current(dimensions.size(), 0);
      for (std::size_t d = 0; d < dimensions.size(); ++d) current[d] = dimensions[d].values.front();
      std::vector<std::size_t> position(dimensions.size(), 0);
      while (true) {
        all.push_back(current);
        std::size_t d = 0;
        for (; d < dimensions.size(); ++d) {
          if (++position[d] < dimensions[d].values.size()) {
            current[d] = dimensions[d].values[position[d]];
            break;
          }
          position[d] = 0;
          current[d] = dimensions[d].values.front();
        }
        if (d == dimensions.size()) break;
      }
      return all;
    }
    // Too many: every appearance in the same state, and one appearance
    // differing from all-first-value, for each mode.
    report_.notes.push_back("line " + line + ": too many appearances to try every combination; tried a sample");
    std::set<Combination> sample;
    const std::size_t modes = dimensions.back().is_mode ? dimensions.back().values.size() : 1;
    for (std::size_t m = 0; m < modes; ++m) {
      for (int state = 0; state < static_cast<int>(std::size(kStates)); ++state) {
        Combination uniform;
        for (const Dimension& dimension : dimensions) {
          if (dimension.is_mode) uniform.push_back(dimension.values[m]);
          else uniform.push_back(std::count(dimension.values.begin(), dimension.values.end(), state) ? state : dimension.values.front());
        }
        sample.insert(uniform);
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
          if (dimensions[d].is_mode) continue;
          Combination single;
          for (const Dimension& dimension : dimensions) single.push_back(dimension.is_mode ? dimension.values[m] : dimension.values.front());
          if (std::count(dimensions[d].values.begin(), dimensions[d].values.end(), state)) single[d] = state;
          sample.insert(single);
        }
      }
    }
    return {sample.begin(), sample.end()};
  }

  // Asks the policy about every combination and groups them by where they lead.
  std::map<LineResult, LineGroup> line_groups(std::size_t line_index, int forwards, std::vector<Dimension>& dimensions,
                                              std::size_t& total) {
    const LineSpec& line = topology_.lines[line_index];
    std::vector<Appearance> appearances;
    for (const DeviceSpec& device : topology_.devices) {
      for (const AppearanceSpec& spec : device.appearances) {
        if (spec.line == line.number) appearances.push_back({&device, &spec});
      }
    }
    const UserSpec* user = line_user(line, appearances);
    dimensions.clear();
    for (const Appearance& appearance : appearances) {
      Dimension dimension{appearance.device->name, {}, false};
      for (int state = 0; state < static_cast<int>(std::size(kStates)); ++state) {
        if (query_.at_us && kStates[state].registered != registered_at(*appearance.device, *query_.at_us)) continue;
        dimension.values.push_back(state);
      }
      dimensions.push_back(std::move(dimension));
    }
    if (user != nullptr) dimensions.push_back(Dimension{user->id, {0, 1}, true});
    const std::vector<Combination> combinations = combinations_of(dimensions, line.number);
    total = combinations.size();

    std::map<std::tuple<std::size_t, int, int>, AppearanceDecision> decisions;
    std::map<LineResult, LineGroup> groups;
    for (const Combination& combination : combinations) {
      const int mode_value = user != nullptr ? combination.back() : 0;
      const UserMode line_mode = mode_value == 0 ? UserMode::SoftPhone : UserMode::DeskPhone;
      LineFacts tally{query_.from, line.number, user != nullptr ? std::string_view(user->id) : std::string_view(),
                      line_mode, static_cast<int>(appearances.size()), 0, 0, 0, 0, 0, 0,
                      line.forward_busy.is_set(), line.forward_no_answer.is_set(), forwards,
                      /*skipped_inactive=*/0, /*voicemail_enabled=*/true};
      LineResult result;
      std::vector<std::string> audible;
      std::vector<std::string> silent;
      Ringing ringing;
      try {
        for (std::size_t i = 0; i < appearances.size(); ++i) {
          const Appearance& appearance = appearances[i];
          const AppearanceState& state = kStates[combination[i]];
          const UserSpec* owner = nullptr;
          for (const UserSpec& candidate : topology_.users) {
            if (!appearance.device->owner.empty() && user_key(candidate.id) == user_key(appearance.device->owner)) {
              owner = &candidate;
            }
          }
          const UserMode owner_mode = owner == nullptr ? UserMode::SoftPhone
                                      : owner == user  ? line_mode
                                                       : owner->mode;
          const auto key = std::make_tuple(i, combination[i], static_cast<int>(owner_mode));
          auto decided = decisions.find(key);
          if (decided == decisions.end()) {
            const AppearanceFacts facts{query_.from,
                                        line.number,
                                        appearance.device->name,
                                        appearance.device->kind,
                                        owner != nullptr ? &owner->id : nullptr,
                                        &owner_mode,
                                        state.registered,
                                        state.dnd,
                                        state.busy ? appearance.spec->busy_trigger : 0,
                                        appearance.spec->max_calls,
                                        appearance.spec->busy_trigger,
                                        forwards,
                                        /*active=*/true,
                                        /*gsm=*/false};
            decided = decisions.emplace(key, policy_.decide_appearance(facts)).first;
          }
          const AppearanceDecision& decision = decided->second;
          // The same tally as Pbx::offer_to_line.
          if (decision.verdict != AppearanceVerdict::Skip) {
            const bool quiet = decision.verdict == AppearanceVerdict::AlertSilently;
            (quiet ? silent : audible).push_back(appearance.device->name);
            ringing.add(appearance.device->name, combination[i], quiet);
          }
          else if (decision.reason == "unregistered") ++tally.skipped_unregistered;
          else if (decision.reason == "dnd-reject") ++tally.skipped_dnd_reject;
          else if (decision.reason == "busy") ++tally.skipped_busy;
          else ++tally.skipped_other;
        }
        if (audible.empty() && silent.empty()) {
          result.divert = followed(policy_.when_none_alerted(tally));
        } else {
          result.rang = true;
          LineFacts at_timeout{query_.from, line.number, tally.user, line_mode, tally.appearances,
                               static_cast<int>(audible.size() + silent.size()), static_cast<int>(silent.size()),
                               0, 0, 0, 0, tally.has_forward_busy, tally.has_forward_no_answer, forwards,
                               /*skipped_inactive=*/0, /*voicemail_enabled=*/true};
          result.divert = followed(policy_.when_no_answer(at_timeout));
        }
      } catch (const std::exception& error) {
        result.divert.reset();
        result.error = error.what();
      }
      LineGroup& group = groups[result];
      group.combinations.push_back(combination);
      group.ringing.merge(ringing);
    }
    return groups;
  }

  // ----------------------------------------------------------- following a call

  // Following is iterative: at_line() only queues a visit, and drain() runs
  // the queue. What one visit produces (finished paths, further visits) is
  // collected, then queued in reverse, so paths come out in the order the
  // depth-first recursion this replaces gave them. The input decides the
  // depth (a forward chain through 100 000 lines), so neither the C++ stack
  // nor the steps copied per path may grow with it unbounded.
  struct Pending {
    bool visit = false;  // else a finished path
    std::size_t line_index = 0;
    int forwards = 0;
    std::vector<std::size_t> visited;
    std::vector<RouteStep> steps;
    std::string outcome;
  };
  static constexpr std::size_t kMaxStepsCopied = 4'000'000;

  void at_line(std::size_t line_index, int forwards, std::vector<std::size_t> visited, std::vector<RouteStep> steps) {
    Pending visit{true, line_index, forwards, std::move(visited), std::move(steps), {}};
    if (collecting_ != nullptr) collecting_->push_back(std::move(visit));
    else pending_.push_back(std::move(visit));
  }

  void drain() {
    while (!pending_.empty()) {
      Pending next = std::move(pending_.back());
      pending_.pop_back();
      if (!next.visit) {
        emit(std::move(next.steps), std::move(next.outcome), next.forwards);
        continue;
      }
      steps_copied_ += next.steps.size() + next.visited.size();
      if (steps_copied_ > kMaxStepsCopied) {
        report_.truncated = true;
        report_.notes.push_back("stopped after copying " + std::to_string(kMaxStepsCopied) +
                                " steps: the forwarding chains are too long to list every path "
                                "(pbxsim check reports long chains and loops)");
        pending_.clear();
        return;
      }
      std::vector<Pending> produced;
      collecting_ = &produced;
      expand_line(next.line_index, next.forwards, std::move(next.visited), std::move(next.steps));
      collecting_ = nullptr;
      for (auto it = produced.rbegin(); it != produced.rend(); ++it) pending_.push_back(std::move(*it));
    }
  }

  void expand_line(std::size_t line_index, int forwards, std::vector<std::size_t> visited,
                   std::vector<RouteStep> steps) {
    if (full()) return;
    const LineSpec& line = topology_.lines[line_index];
    visited.push_back(line_index);
    if (line.forward_all.is_set()) {
      steps.push_back({line.number, "forwards every call", "always", "cfa"});
      forward(line, "cfa", line.forward_all, forwards, visited, steps);
      return;
    }
    std::vector<Dimension> dimensions;
    std::size_t total = 0;
    const std::map<LineResult, LineGroup> groups = line_groups(line_index, forwards, dimensions, total);

    // Answered: one path for every combination in which something rings.
    std::vector<Combination> ringing_combinations;
    Ringing ringing;
    for (const auto& [result, group] : groups) {
      if (!result.rang) continue;
      ringing_combinations.insert(ringing_combinations.end(), group.combinations.begin(), group.combinations.end());
      ringing.merge(group.ringing);
    }
    if (!ringing_combinations.empty()) {
      std::sort(ringing_combinations.begin(), ringing_combinations.end());
      std::vector<RouteStep> answered = steps;
      answered.push_back({line.number, ringing.describe_ringing(), describe(dimensions, ringing_combinations, total),
                          "answered"});
      finish(std::move(answered), "answered", forwards);
    }
    for (const auto& [result, group] : groups) {
      const std::string how = result.rang ? group.ringing.describe_ringing() : "nothing rings";
      const std::string condition = describe(dimensions, group.combinations, total);
      if (!result.divert) {
        std::vector<RouteStep> failed = steps;
        failed.push_back({line.number, how, condition, "policy error: " + result.error});
        finish(std::move(failed), "error", forwards);
        continue;
      }
      const std::string divert(divert_name(*result.divert));
      std::vector<RouteStep> next = steps;
      next.push_back({line.number, how, condition,
                      result.rang ? "no answer after " + format_duration(line.no_answer_timeout_us) + ": " + divert
                                  : divert});
      divert_to(line, *result.divert, forwards, visited, std::move(next));
    }
  }

  void divert_to(const LineSpec& line, Divert divert, int forwards, const std::vector<std::size_t>& visited,
                 std::vector<RouteStep> steps) {
    auto missing = [&](const char* kind) {
      steps.back().then += " (policy error: line " + line.number + " has no " + kind + " target)";
      finish(std::move(steps), "error", forwards);
    };
    switch (divert) {
      case Divert::ForwardNoAnswer:
        if (!line.forward_no_answer.is_set()) return missing("cfna");
        forward(line, "cfna", line.forward_no_answer, forwards, visited, std::move(steps));
        return;
      case Divert::ForwardBusy:
        if (!line.forward_busy.is_set()) return missing("cfb");
        forward(line, "cfb", line.forward_busy, forwards, visited, std::move(steps));
        return;
      case Divert::Voicemail:
        steps.push_back({"voicemail", "takes a message", "always", "voicemail"});
        finish(std::move(steps), "voicemail", forwards);
        return;
      case Divert::Busy: return finish(std::move(steps), "busy", forwards);
      case Divert::Rejected: return finish(std::move(steps), "rejected", forwards);
      case Divert::NoAnswer: return finish(std::move(steps), "no-answer", forwards);
      case Divert::Unreachable: return finish(std::move(steps), "unreachable", forwards);
    }
  }

  void forward(const LineSpec& from, const std::string& kind, const Target& target, int forwards,
               const std::vector<std::size_t>& visited, std::vector<RouteStep> steps) {
    ++forwards;
    if (forwards > topology_.hop_limit) {
      steps.push_back({target.describe(), "not offered", "always",
                       "forward " + std::to_string(forwards) + " from " + from.number + " (" + kind +
                           ") is over the hop limit of " + std::to_string(topology_.hop_limit)});
      finish(std::move(steps), "forward-limit", forwards);
      return;
    }
    switch (target.kind) {
      case Target::Kind::None: return;
      case Target::Kind::Voicemail:
        steps.push_back({"voicemail", "takes a message", "always", "voicemail"});
        finish(std::move(steps), "voicemail", forwards);
        return;
      case Target::Kind::External:
        reach_external(target.number, forwards, std::move(steps));
        return;
      case Target::Kind::Line:
        for (std::size_t i = 0; i < topology_.lines.size(); ++i) {
          if (topology_.lines[i].number != target.number) continue;
          if (std::find(visited.begin(), visited.end(), i) != visited.end()) {
            steps.push_back({target.number, "not offered again", "always", "loop back to a line already visited"});
            finish(std::move(steps), "forward-limit", forwards);
            return;
          }
          at_line(i, forwards, visited, std::move(steps));
          return;
        }
        steps.push_back({target.number, "not a line of this topology", "always", "invalid topology"});
        finish(std::move(steps), "error", forwards);
        return;
    }
  }

  void reach_external(const std::string& number, int forwards, std::vector<RouteStep> steps) {
    ExternalSpec::Behaviour behaviour = ExternalSpec::Behaviour::Answer;
    for (const ExternalSpec& spec : topology_.externals) {
      if (spec.number == number) behaviour = spec.behaviour;
    }
    const char* outcome = behaviour == ExternalSpec::Behaviour::Answer       ? "answered"
                          : behaviour == ExternalSpec::Behaviour::Busy       ? "busy"
                          : behaviour == ExternalSpec::Behaviour::NoAnswer   ? "no-answer"
                                                                             : "unreachable";
    steps.push_back({number, "external number", "always", outcome});
    finish(std::move(steps), outcome, forwards);
  }

  bool full() const { return report_.paths.size() >= query_.max_paths; }

  void finish(std::vector<RouteStep> steps, std::string outcome, int forwards) {
    if (collecting_ != nullptr) {
      collecting_->push_back(Pending{false, 0, forwards, {}, std::move(steps), std::move(outcome)});
      return;
    }
    emit(std::move(steps), std::move(outcome), forwards);
  }

  void emit(std::vector<RouteStep> steps, std::string outcome, int forwards) {
    if (full()) {
      report_.truncated = true;
      return;
    }
    report_.paths.push_back(RoutePath{std::move(steps), std::move(outcome), forwards});
  }

  const Topology& topology_;
  Policy& policy_;
  const RouteQuery& query_;
  RouteReport& report_;
  std::vector<Pending> pending_;
  std::vector<Pending>* collecting_ = nullptr;  // set while one visit runs
  std::size_t steps_copied_ = 0;
};

}  // namespace

RouteReport analyse_routes(const Topology& topology, Policy& policy, const RouteQuery& query) {
  RouteReport report;
  report.policy = std::string(policy.name());
  report.hop_limit = topology.hop_limit;
  RouteFollower(topology, policy, query, report).follow_dialed();
  return report;
}

// --------------------------------------------------------------------- printing

void print_routes(std::ostream& out, const RouteQuery& query, const RouteReport& report) {
  out << "route " << query.from << " -> " << query.to << " under " << report.policy << " (hop limit "
      << report.hop_limit << ")";
  if (query.at_us) out << " at " << format_duration(*query.at_us);
  if (report.routed != query.to) out << ", dialed as " << report.routed << " after the dial rules";
  out << ": " << report.paths.size() << (report.truncated ? "+" : "") << " path(s)\n";
  out << "conditions name each appearance's state when the call reaches its line (free, ringer-off, dnd-reject,\n"
         "busy = at its busy trigger, busy+ringer-off, busy+dnd-reject, unregistered) and the line user's mode\n";
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    const RoutePath& path = report.paths[i];
    out << "\n" << (i + 1) << ". " << path.outcome << " after " << path.forwards << " forward(s)\n";
    for (const RouteStep& step : path.steps) {
      out << "   " << step.place << ": " << step.how;
      if (step.condition != "always") out << "  [when " << step.condition << "]";
      out << "  -> " << step.then << "\n";
    }
  }
  std::map<std::string, int> outcomes;
  for (const RoutePath& path : report.paths) ++outcomes[path.outcome];
  out << "\noutcomes:";
  for (const auto& [outcome, count] : outcomes) out << " " << outcome << " (" << count << ")";
  out << "\n";
  for (const std::string& note : report.notes) out << "note: " << note << "\n";
  if (report.truncated) {
    out << "\nmore paths than --max-paths " << query.max_paths << "; raise it to see them all\n";
  }
}

// ------------------------------------------------------------------------ JSON

std::string routes_json(const RouteQuery& query, const RouteReport& report) {
  nlohmann::json paths = nlohmann::json::array();
  for (const RoutePath& path : report.paths) {
    nlohmann::json steps = nlohmann::json::array();
    for (const RouteStep& step : path.steps) {
      steps.push_back({{"place", step.place}, {"how", step.how}, {"condition", step.condition}, {"then", step.then}});
    }
    paths.push_back({{"outcome", path.outcome}, {"forwards", path.forwards}, {"steps", steps}});
  }
  nlohmann::json document{{"from", query.from},     {"to", query.to},          {"policy", report.policy},
                          {"hop_limit", report.hop_limit}, {"paths", paths}, {"truncated", report.truncated},
                          {"notes", report.notes}, {"routed", report.routed}};
  if (query.at_us) document["at_us"] = *query.at_us;
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
