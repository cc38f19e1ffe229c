// What the mechanisms (mobility, provisioning, directory, servers, clients)
// use of the Pbx, and the Pbx's few calls into them. Sections: setup ·
// timers · a device's appearances · dialing a call.
#include <algorithm>
#include <cassert>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

// ------------------------------------------------------------------------- setup

void Pbx::init_mechanisms(const Topology& topology) {
  dial_plan_ = topology.dialing;
  client_timing_ = topology.client_timing;
  mobility_.init(topology);
  provisioning_.init(topology);
  directory_.init(topology);
  servers_.init(topology);
  clients_.init(topology);
}

// ------------------------------------------------------------------------ timers

TimerHandle Pbx::schedule_timer(TimeUs at_us, const char* what, std::function<void()> fire) {
  assert(at_us >= now_us_ && "a timer cannot fire in the past: schedule it from now_us()");
  std::uint32_t slot;
  if (!free_timer_slots_.empty()) {
    slot = free_timer_slots_.back();
    free_timer_slots_.pop_back();
    timers_[slot] = std::move(fire);
    timer_names_[slot] = what;
  } else {
    slot = static_cast<std::uint32_t>(timers_.size());
    timers_.push_back(std::move(fire));
    timer_names_.push_back(what);
  }
  return TimerHandle{queue_.schedule(at_us, Event::of(Event::Kind::Timer, slot)), slot};
}

bool Pbx::cancel_timer(TimerHandle& handle) {
  if (!handle.pending()) return false;
  const bool cancelled = queue_.cancel(handle.event);
  if (cancelled) {
    timers_[handle.slot] = nullptr;
    free_timer_slots_.push_back(handle.slot);
  }
  handle = {};
  return cancelled;
}

void Pbx::fire_timer(std::uint32_t slot) {
  std::function<void()> fire = std::move(timers_[slot]);
  timers_[slot] = nullptr;
  free_timer_slots_.push_back(slot);
  assert(fire && "a fired timer slot holds its function until it fires");
  fire();
}

// ---------------------------------------------------------- a device's appearances

void Pbx::replace_device_appearances(DeviceIndex device_index, const std::vector<AppearanceSpec>& specs,
                                     TimeUs lifetime_us, std::string_view why) {
  DeviceState& device = devices_[device_index];
  // A phone without lines is taken to be up (it runs the login service).
  const bool was_up = device.appearances.empty() || device_registered(device_index);
  const std::string reason(why);
  for (AppearanceIndex appearance_index : device.appearances) {
    AppearanceState& appearance = appearances_[appearance_index];
    // Calls still ringing here stop; a connected call stays up on the old
    // appearance until it is hung up.
    stop_alerting_on(appearance_index, reason);
    if (appearance.registered) {
      unregister_appearance(appearance_index, TraceKind::Unregistered, {}, reason);
    }
    lines_[appearance.line].appearances.erase_value(appearance_index);
  }
  device.appearances.clear();
  for (const AppearanceSpec& spec : specs) {
    const LineIndex line = find_line(spec.line).value();
    // Reuse this device's earlier appearance of the line, if any, so a
    // connected call on it and its history stay with it.
    AppearanceIndex chosen = kNoIndex;
    for (AppearanceIndex i : appearances_.indices()) {
      if (appearances_[i].device == device_index && appearances_[i].line == line) {
        chosen = i;
        break;
      }
    }
    if (chosen == kNoIndex) chosen = appearances_.push_back(AppearanceState::of(device_index, line, spec));
    appearances_[chosen].max_calls = spec.max_calls;
    appearances_[chosen].busy_trigger = spec.busy_trigger;
    device.appearances.push_back(chosen);
    lines_[line].appearances.push_back(chosen);
  }
  if (!was_up) return;
  for (AppearanceIndex appearance_index : devices_[device_index].appearances) {
    register_appearance(appearance_index, lifetime_us);
  }
}

// ----------------------------------------------------------------- dialing a call

CallId Pbx::schedule_call_from_device(TimeUs at_us, DeviceIndex device, std::string dialed) {
  const CallId id = schedule_call(at_us, std::string(), std::move(dialed));
  calls_[id].from_device = device;
  return id;
}

CallId Pbx::schedule_client_call(TimeUs at_us, UserIndex user, std::string dialed) {
  const CallId id = schedule_call(at_us, std::string(), std::move(dialed));
  calls_[id].via_client = user;
  return id;
}

// CUC-9/CUC-10: the dialed string goes through the dial rules before it is
// routed, the caller ID through the directory lookup rules. EM-9: a call
// dialed on a device obeys the device's current calling restriction.
bool Pbx::prepare_call(CallRecord& call) {
  auto refuse = [&](const std::string& why) {
    this->refuse(call, call.dialed, why);
    return false;
  };
  if (call.via_client != kNoIndex) {
    std::string why;
    if (!clients_.can_dial(call.via_client, &why)) {
      call.caller = users_[call.via_client].id;
      return refuse(why);
    }
    call.from_device = clients_.dialing_device(call.via_client);
  }
  if (call.from_device != kNoIndex && call.caller.empty()) {
    const DeviceState& device = devices_[call.from_device];
    call.caller = device.appearances.empty() ? device.name : lines_[appearances_[device.appearances.front()].line].spec.number;
  }
  // Only the results: the steps are rebuilt when someone asks (sim:call's dial_steps).
  call.routed = dialed_number(dial_plan_, call.dialed);
  call.dial_rules_applied = true;
  if (call.routed != call.dialed) {
    record(TraceKind::Dialed, {.about = TraceAbout::Call, .call = call.id, .previous = call.dialed, .target = call.routed});
  }
  // The directory's name for the caller is found now (a policy hook formats
  // it). An empty directory has none, and the looked-up number is a pure
  // function of the fixed dial plan: sim:call works it out when asked.
  if (directory_.has_entries()) {
    CallExtras& extras = call.extras.edit();
    extras.caller_lookup = caller_id_number(dial_plan_, call.caller);
    extras.caller_name = directory_.name_for_number(extras.caller_lookup).value_or("");
  }
  if (call.from_device == kNoIndex) return true;
  const std::string& device_name = devices_[call.from_device].name;
  if (provisioning_.deleted(call.from_device)) return refuse(device_name + " has been deleted");
  if (mobility_.restriction(call.from_device) == CallingRestriction::InternalOnly && !find_line(call.routed)) {
    return refuse("calling restriction of " + device_name + ": internal numbers only, " + call.routed +
                  " is not one");
  }
  return true;
}

void Pbx::refuse(CallRecord& call, std::string_view number, const std::string& why) {
  record(TraceKind::CallOffered, {.about = TraceAbout::Call, .call = call.id, .target = number, .caller = call.caller});
  settle(call, CallOutcome::Rejected, why);
}

RouteAnalysis Pbx::analyze_route(std::string_view dialed, DeviceIndex from_device) const {
  RouteAnalysis analysis{analyze_dialed(dial_plan_, dialed), {}, {}};
  const std::string& number = analysis.dialing.result;
  const std::optional<LineIndex> line = find_line(number);
  if (from_device != kNoIndex) {
    const std::string& device_name = devices_[from_device].name;
    if (provisioning_.deleted(from_device)) {
      analysis.route = "refused";
      analysis.detail = device_name + " has been deleted";
      return analysis;
    }
    if (!line && mobility_.restriction(from_device) == CallingRestriction::InternalOnly) {
      analysis.route = "refused";
      analysis.detail = "calling restriction of " + device_name + ": internal numbers only";
      return analysis;
    }
  }
  if (line) {
    const LineState& state = lines_[*line];
    analysis.route = "line " + number;
    if (state.spec.forward_all.is_set()) {
      analysis.detail = "forwarded to " + state.spec.forward_all.describe() + " (cfa)";
      return analysis;
    }
    std::string registered;
    std::string other;
    for (AppearanceIndex appearance : state.appearances) {
      std::string& list = appearances_[appearance].registered ? registered : other;
      list += (list.empty() ? "" : ", ") + devices_[appearances_[appearance].device].name;
    }
    analysis.detail = "appearances: " + (registered.empty() ? std::string("none registered") : registered);
    if (!other.empty()) analysis.detail += "; not registered: " + other;
    return analysis;
  }
  for (const PbxFeature* feature : features_) {
    if (std::optional<std::pair<std::string, std::string>> described = feature->describe_number(number)) {
      analysis.route = std::move(described->first);
      analysis.detail = std::move(described->second);
      return analysis;
    }
  }
  for (const ExternalSpec& external : externals_) {
    if (external.number != number) continue;
    analysis.route = "external " + number;
    analysis.detail = "declared in externals";
    return analysis;
  }
  if (!number.empty() && number[0] == '+') {
    analysis.route = "external " + number;
    analysis.detail = "an external number (answers)";
    return analysis;
  }
  analysis.route = "unreachable";
  analysis.detail = "no line or external number '" + number + "'";
  return analysis;
}

}  // namespace pbxsim
