// Sections: construction · effective values · changes · keys and connections ·
// calls.
#include "pbxsim/engine/pcm_service.h"

#include <algorithm>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

// ---------------------------------------------------------------- construction

PcmService::PcmService(FeatureContext& core, const PcmConfig& config) : core_(core), config_(config) {
  if (!config_.present) return;
  for (const PcmLine& line : config_.lines) {
    const ResolvedValue domain = config_.resolve(line, "sip_domain");
    subscribers_.push_back(Subscriber{pcm_key(domain.value, line.password), false});
    // The persistent profile's "maximum simultaneous registrations" limits the
    // line (CORE-2) unless the line sets its own.
    if (const std::optional<LineIndex> index = core_.find_line(line.number)) {
      LineSpec& spec = core_.line(*index).spec;
      if (spec.max_registrations == 0) spec.max_registrations = std::stoi(config_.resolve(line, "max_registrations").value);
    }
  }
  core_.schedule_timer(0, "pcm start", [this] { start(); });
}

// Every effective value and its source, in the trace for reports and the viewer.
void PcmService::start() {
  for (const PcmLine& line : config_.lines) {
    std::string details;
    for (std::string_view field : kPcmFields) {
      const ResolvedValue value = field == "gateway_model" ? gateway_model(line.number) : effective(line.number, field);
      details += (details.empty() ? "" : "; ") + std::string(field) + " = " + value.value + " (from " + value.source + ")";
    }
    core_.record(TraceKind::Pcm, {.about = TraceAbout::Line, .line = line.number, .note = details});
  }
}

// ------------------------------------------------------------- effective values

std::size_t PcmService::index_of(std::string_view number) const {
  const PcmLine* line = config_.find_line(number);
  return line != nullptr ? static_cast<std::size_t>(line - config_.lines.data()) : config_.lines.size();
}

ResolvedValue PcmService::effective(std::string_view number, std::string_view field) const {
  const PcmLine* line = config_.find_line(number);
  if (line == nullptr) return {};
  return config_.resolve(*line, field);
}

ResolvedValue PcmService::gateway_model(std::string_view number) const {
  ResolvedValue model = effective(number, "gateway_model");
  if (!model.found || model.value != config_.rules.derived_model) return model;
  // MS-5: derived from the User-Agent the line's device registered with.
  std::string user_agent;
  if (const std::optional<LineIndex> line = core_.find_line(number)) {
    std::uint64_t latest = 0;
    for (AppearanceIndex appearance : core_.line(*line).appearances) {
      const AppearanceState& state = core_.appearances()[appearance];
      if (state.registered && state.registered_order > latest) {
        latest = state.registered_order;
        user_agent = core_.device(state.device).user_agent;
      }
    }
  }
  const std::string setting = " (setting from " + model.source + ")";
  if (user_agent.empty()) {
    model.value = "none";
    model.source = "derived from SIP User Agent: no registration with a User-Agent" + setting;
    return model;
  }
  for (const PcmGatewayModel& candidate : config_.gateway_models) {
    if (!candidate.user_agent.empty() && user_agent.find(candidate.user_agent) != std::string::npos) {
      model.value = candidate.name;
      model.source = "derived from SIP User Agent '" + user_agent + "'" + setting;
      return model;
    }
  }
  model.value = "none";
  model.source = "derived from SIP User Agent: no model matches '" + user_agent + "'" + setting;
  return model;
}

bool PcmService::key_valid(std::string_view number) const {
  const std::size_t index = index_of(number);
  if (index >= subscribers_.size()) return false;
  // MS-7: the key was derived from the domain at the time; a new domain needs the password again.
  return subscribers_[index].key == pcm_key(effective(number, "sip_domain").value, config_.lines[index].password);
}

bool PcmService::connected(std::string_view number) const {
  const std::size_t index = index_of(number);
  return index < subscribers_.size() && subscribers_[index].connected;
}

// --------------------------------------------------------------------- changes

void PcmService::edit(const PcmEdit& edit) {
  PcmConfig changed = config_;
  InheritanceLevel* level = nullptr;
  PcmLine* line = nullptr;
  std::string what;
  switch (edit.level) {
    case PcmEdit::Level::Profile:
      what = "profile " + edit.name;
      for (std::size_t i = 0; i < changed.profile_names.size(); ++i) {
        if (changed.profile_names[i] == edit.name) level = &changed.profiles[i];
      }
      break;
    case PcmEdit::Level::BusinessGroup:
      what = "business group " + edit.name;
      for (PcmBusinessGroup& group : changed.business_groups) {
        if (group.name == edit.name) level = &group.own;
      }
      break;
    case PcmEdit::Level::Line:
      what = "line " + edit.name;
      for (PcmLine& each : changed.lines) {
        if (each.number == edit.name) line = &each;
      }
      if (line == nullptr) {
        // A line gets PCM for the first time.
        changed.lines.push_back(PcmLine{edit.name, "individual", {}, {}, {}, {"line " + edit.name, "pcm.lines." + edit.name, {}}});
        line = &changed.lines.back();
      }
      level = &line->own;
      break;
  }
  if (level == nullptr) {
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Admin, .note = what + ": no such " + (edit.level == PcmEdit::Level::Profile ? "profile" : "business group")});
    return;
  }
  std::string summary;
  for (const auto& [field, value] : edit.values) {
    summary += (summary.empty() ? "" : ", ") + field + " = " + value;
    if (line != nullptr && field == "type") line->type = value;
    else if (line != nullptr && field == "profile") line->profile = is_use_default(value) ? "" : value;
    else if (line != nullptr && field == "business_group") line->business_group = value;
    else set_inherited(*level, field, value);
  }
  std::vector<TopologyError> problems;
  validate_pcm(changed, problems);
  if (!problems.empty()) {
    // Refused like the NE refuses to save it; the configuration is unchanged.
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Admin, .note = what + ": " + summary + ": " + problems.front().message});
    return;
  }
  const PcmConfig before = config_;
  config_ = std::move(changed);
  while (subscribers_.size() < config_.lines.size()) {
    const PcmLine& added = config_.lines[subscribers_.size()];
    subscribers_.push_back(Subscriber{pcm_key(config_.resolve(added, "sip_domain").value, added.password), false});
  }
  core_.record(TraceKind::Pcm, {.about = TraceAbout::Admin, .note = what + ": " + summary});
  for (const PcmLine& each : config_.lines) {
    const PcmLine* old = before.find_line(each.number);
    if (old == nullptr) continue;
    const std::string old_domain = before.resolve(*old, "sip_domain").value;
    const ResolvedValue domain = config_.resolve(each, "sip_domain");
    if (domain.value != old_domain && !key_valid(each.number)) {
      core_.record(TraceKind::Pcm, {.about = TraceAbout::Line, .line = each.number, .note = "authentication key invalid: SIP domain is now " + domain.value + " (from " + domain.source +
                      "); re-enter the password"});
    }
  }
}

// ----------------------------------------------------------- keys and connections

void PcmService::enter_password(std::string_view number, const std::string& password) {
  const std::size_t index = index_of(number);
  if (index >= subscribers_.size()) {
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Line, .line = std::string(number), .reason = "password-refused", .note = "password: line " + std::string(number) + " has no PCM"});
    return;
  }
  config_.lines[index].password = password;
  const ResolvedValue domain = effective(number, "sip_domain");
  subscribers_[index].key = pcm_key(domain.value, password);
  core_.record(TraceKind::Pcm, {.about = TraceAbout::Line, .line = std::string(number), .reason = "password", .target = domain.value,
                                .note = "password entered: key derived for " + domain.value});
}

void PcmService::connect(std::string_view number) {
  const std::size_t index = index_of(number);
  const std::string subject(number);
  if (index >= subscribers_.size()) {
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Line, .line = subject, .reason = "connect-refused", .note = "connect: line " + subject + " has no PCM"});
    return;
  }
  const ResolvedValue subscribed = effective(number, "subscribed");
  if (subscribed.value != "yes") {
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Line, .line = subject, .reason = "connect-refused", .note = "connect: not subscribed to PCM (from " + subscribed.source + ")"});
    return;
  }
  if (!key_valid(number)) {
    core_.record(TraceKind::PcmRefused, {.about = TraceAbout::Line, .line = subject, .reason = "connect-refused", .note = "connect: authentication key does not match SIP domain " + effective(number, "sip_domain").value +
                    ": re-enter the password"});
    return;
  }
  subscribers_[index].connected = true;
  core_.record(TraceKind::Pcm, {.about = TraceAbout::Line, .line = subject, .reason = "connected",
                                .target = effective(number, "sip_domain").value,
                                .note = "PCM connected to " + effective(number, "sip_domain").value});
}

void PcmService::set_user_agent(DeviceIndex device, const std::string& user_agent) {
  core_.device(device).user_agent = user_agent;
}

// ------------------------------------------------------------------------ calls

void PcmService::call_offered(CallRecord& call, LineIndex line) {
  if (!config_.present || !call.extras.get().media_gateway.empty()) return;
  const std::string& number = core_.line(line).spec.number;
  if (!is_subscriber(number) || effective(number, "subscribed").value != "yes") return;
  const ResolvedValue model = gateway_model(number);
  call.extras.edit().media_gateway = model.value;
  core_.record(TraceKind::Pcm, {.about = TraceAbout::Call, .call = call.id, .line = number, .reason = "gateway-model",
                                .target = model.value, .note = "line " + number + " uses media gateway model " + model.value + " (" + model.source + ")"});
}

}  // namespace pbxsim
