// Metaswitch PCM, checked from the topology's PCM configuration and the
// trace's typed `pcm` / `pcm-refused` records (`reason` connected,
// connect-refused, password, gateway-model; `line`; `target` the model):
//   INV-PCM-CONNECT (MS-2, MS-7): a PCM connects exactly when its effective
//     Subscribed is yes and its key matches the SIP domain.
//   INV-PCM-GATEWAY (MS-2, MS-5, MS-6): a call that reaches a subscribed PCM
//     line uses one media gateway model, the effective one of the first such
//     line it reached (a model from the configured list as it is; only a
//     value outside the list is derived from the User-Agent), from then on;
//     other calls use none.
// Effective values are resolved here from MS-2's words, not by the engine's
// resolver: the line's own value, else its persistent profile's; for a
// Business Group Line then the Business Group's, else the Business Group's
// profile's; else the system default. The generated runs do not change the
// configuration, so the keys stay valid; a run that does (an
// administrator's PCM edit in the trace) is not checked from that edit on.
#include <map>
#include <optional>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

namespace {

const std::string* explicit_value(const InheritanceLevel& level, std::string_view field) {
  for (const auto& [name, value] : level.values) {
    if (name == field) return &value;
  }
  return nullptr;
}

const InheritanceLevel* profile_named(const PcmConfig& pcm, const std::string& name) {
  for (std::size_t i = 0; i < pcm.profile_names.size(); ++i) {
    if (!name.empty() && pcm.profile_names[i] == name) return &pcm.profiles[i];
  }
  return nullptr;
}

// MS-2: "use default" walks line -> profile -> (Business Group -> its profile) -> system default.
std::string effective_value(const PcmConfig& pcm, const PcmLine& line, std::string_view field) {
  std::vector<const InheritanceLevel*> levels{&line.own, profile_named(pcm, line.profile)};
  if (line.type == "business_group") {
    for (const PcmBusinessGroup& group : pcm.business_groups) {
      if (group.name != line.business_group) continue;
      levels.push_back(&group.own);
      levels.push_back(profile_named(pcm, group.profile));
    }
  }
  levels.push_back(&pcm.system);
  for (const InheritanceLevel* level : levels) {
    if (level == nullptr) continue;
    if (const std::string* value = explicit_value(*level, field)) return *value;
  }
  return {};
}

bool listed(const PcmConfig& pcm, const std::string& model) {
  for (const PcmGatewayModel& entry : pcm.gateway_models) {
    if (entry.name == model) return true;
  }
  return false;
}

bool edited_by_admin(const TraceEvent& event) {
  return (event.kind == TraceKind::Pcm || event.kind == TraceKind::PcmRefused) && event.about == TraceAbout::Admin;
}

// `{ ["1000"] = <value>, ... }` over the PCM lines.
template <typename Value>
std::string lua_map(const std::map<std::string, Value>& values) {
  std::string text = "{";
  for (const auto& [line, value] : values) {
    if constexpr (std::is_same_v<Value, bool>) text += " [" + quote(line) + "] = " + (value ? "true" : "false") + ",";
    else text += " [" + quote(line) + "] = " + quote(value) + ",";
  }
  return text + " }";
}

}  // namespace

// ------------------------------------------------------------------ connecting

void check_pcm_connect(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  const PcmConfig& pcm = run.topology.pcm;
  if (!pcm.present) return;
  std::map<std::string, bool> subscribed;  // PCM line -> effective Subscribed is yes
  for (const PcmLine& line : pcm.lines) subscribed[line.number] = effective_value(pcm, line, "subscribed") == "yes";
  for (const TraceEvent& event : run.trace) {
    if (edited_by_admin(event)) return;
    const bool connected = event.kind == TraceKind::Pcm && event.reason == "connected";
    if (!connected && !(event.kind == TraceKind::PcmRefused && event.reason == "connect-refused")) continue;
    const auto line = subscribed.find(event.line);
    const bool may_connect = line != subscribed.end() && line->second;
    if (connected == may_connect) continue;
    InvariantViolation violation{
        "INV-PCM-CONNECT",
        "line " + event.line + "'s PCM " + (connected ? "connected" : "was refused") + " at " + at_text(event.time_us) +
            (line == subscribed.end() ? ", though it has no PCM"
                                      : std::string(", though its effective Subscribed (MS-2) is ") + (line->second ? "yes" : "no")),
        event.time_us};
    violation.line = event.line;
    violation.expected = lua_map(subscribed);
    violations.push_back(violation);
    return;
  }
}

std::vector<std::string> lua_pcm_connect(const InvariantViolation& violation) {
  return {"local subscribed = " + violation.expected,
          "for _, event in ipairs(sim:trace()) do",
          "  if (event.kind == \"pcm\" or event.kind == \"pcm-refused\") and event.subject == \"admin\" then break end",
          "  if event.reason == \"connected\" or event.reason == \"connect-refused\" then",
          "    expect(event.reason == \"connected\", \"PCM of \" .. event.line .. \" connects (MS-2: Subscribed)\")"
          ".is(subscribed[event.line] == true)",
          "  end",
          "end"};
}

// ------------------------------------------------------- media gateway models

void check_pcm_gateway(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  const PcmConfig& pcm = run.topology.pcm;
  if (!pcm.present) return;
  std::map<std::string, std::string> models;  // subscribed PCM line -> its effective model
  for (const PcmLine& line : pcm.lines) {
    if (effective_value(pcm, line, "subscribed") == "yes") models[line.number] = effective_value(pcm, line, "gateway_model");
  }
  std::map<CallId, std::string> reached;                // call -> the first subscribed PCM line it reached
  std::map<CallId, std::vector<const TraceEvent*>> used;  // call -> its gateway-model records
  for (const TraceEvent& event : run.trace) {
    if (edited_by_admin(event)) return;
    if (event.kind == TraceKind::CallOffered && models.count(event.line) && !reached.count(event.call)) {
      reached[event.call] = event.line;
    }
    if (event.kind == TraceKind::Pcm && event.reason == "gateway-model") used[event.call].push_back(&event);
  }
  for (const CallRecord& call : run.calls) {
    const auto line = reached.find(call.id);
    const std::vector<const TraceEvent*>& records = used[call.id];
    std::string wrong;
    if (line == reached.end() && !records.empty()) {
      wrong = "uses media gateway model " + records.front()->target + " without reaching a subscribed PCM line";
    } else if (line != reached.end() && records.size() != 1) {
      wrong = "reached PCM line " + line->second + " and took " + std::to_string(records.size()) +
              " media gateway model(s), not one";
    } else if (line != reached.end()) {
      const std::string& model = models[line->second];
      // MS-5: a model from the list is used as it is; any other value (the
      // policy's "derived from SIP User Agent") is matched against the
      // device's User-Agent, the device's business: only the count is held.
      if (listed(pcm, model) && records.front()->target != model) {
        wrong = "reached PCM line " + line->second + " and uses media gateway model " + records.front()->target +
                ", not its effective " + model + " (MS-2)";
      }
    }
    if (wrong.empty()) continue;
    InvariantViolation violation{"INV-PCM-GATEWAY", call_name(call.id) + " " + wrong,
                                 records.empty() ? 0 : records.front()->time_us, call_name(call.id)};
    violation.call_id = call.id;
    std::map<std::string, std::string> expected = models;
    for (auto& [number, model] : expected) {
      if (!listed(pcm, model)) model.clear();  // any one model
    }
    violation.expected = lua_map(expected);
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_pcm_gateway(const InvariantViolation& violation) {
  const std::string call = std::to_string(violation.call_id);
  return {"local models, want, seen = " + violation.expected + ", nil, {}",
          "for _, event in ipairs(sim:trace { call = " + call + " }) do",
          "  if (event.kind == \"pcm\" or event.kind == \"pcm-refused\") and event.subject == \"admin\" then return end",
          "  if event.kind == \"offered\" and want == nil and models[event.line] then want = models[event.line] end",
          "  if event.kind == \"pcm\" and event.reason == \"gateway-model\" then seen[#seen + 1] = event.target end",
          "end",
          "if want == \"\" and #seen == 1 then want = seen[1] end",
          "expect(seen, " + quote("media gateway models of " + violation.call + " (MS-5, MS-6)") +
              ").is(want and { want } or {})"};
}

}  // namespace pbxsim::invariant_checks
