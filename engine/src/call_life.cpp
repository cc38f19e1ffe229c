// The call's life: every change of a call's state goes through the
// transitions in this file (call_record.h draws the machine). Each asserts
// the state it comes from; features reach them through FeatureContext.
//
// Sections: names · the transition table · alerting · connecting ·
// settling the outcome · parking · releasing · hangups.
#include <algorithm>
#include <cassert>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

// ----------------------------------------------------------------------- names

std::string_view call_state_name(CallState state) {
  switch (state) {
    case CallState::Scheduled: return "scheduled";
    case CallState::Alerting: return "alerting";
    case CallState::Connected: return "connected";
    case CallState::Parked: return "parked";
    case CallState::Ended: return "ended";
  }
  return "ended";
}

std::string_view call_outcome_name(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::None: return "none";
    case CallOutcome::Answered: return "answered";
    case CallOutcome::Busy: return "busy";
    case CallOutcome::Rejected: return "rejected";
    case CallOutcome::Voicemail: return "voicemail";
    case CallOutcome::NoAnswer: return "no-answer";
    case CallOutcome::ForwardLimit: return "forward-limit";
    case CallOutcome::Unreachable: return "unreachable";
    case CallOutcome::Abandoned: return "abandoned";
  }
  return "none";
}

// --------------------------------------------------------- the transition table

bool call_transition_allowed(CallState from, CallState to) {
  switch (to) {
    case CallState::Scheduled: return false;  // only where a call starts
    case CallState::Alerting:  // offered; again after a divert, a hunt step or a park reversion
      return from == CallState::Scheduled || from == CallState::Alerting || from == CallState::Parked;
    case CallState::Connected:  // answered, picked up, an external answer, retrieved
      return from == CallState::Scheduled || from == CallState::Alerting || from == CallState::Parked;
    case CallState::Parked: return from == CallState::Connected;
    case CallState::Ended: return from != CallState::Ended;
  }
  return false;
}

void Pbx::move_call(CallRecord& call, CallState to) {
  assert(call_transition_allowed(call.state, to) &&
         "a call changes state only along call_record.h's machine: a feature skipped a transition");
  assert((to != CallState::Ended || (call.alerting_appearances.empty() && call.connected_appearance == kNoIndex &&
                                     !call.no_answer_timer.valid())) &&
         "an ended call rings nowhere, sits on no appearance and has no timer: end it through settle() or release()");
  assert((to != CallState::Parked || call.connected_appearance == kNoIndex) &&
         "a parked call has left its appearance: park() takes it off first");
  call.state = to;
}

void Pbx::add_call_to(AppearanceIndex appearance_index, const CallRecord& call) {
  AppearanceState& appearance = appearances_[appearance_index];
  assert(std::find(appearance.calls.begin(), appearance.calls.end(), call.id) == appearance.calls.end() &&
         "a call is on an appearance once: stop its alerting there (stop_alerting) before alerting it again");
  appearance.calls.push_back(call.id);
}

void Pbx::remove_call_from(AppearanceIndex appearance_index, const CallRecord& call) {
  AppearanceState& appearance = appearances_[appearance_index];
  [[maybe_unused]] const std::size_t before = appearance.calls.size();
  appearance.calls.erase_value(call.id);
  assert(appearance.calls.size() + 1 == before &&
         "an appearance's calls are the calls ringing or connected there: a call left an appearance it was not "
         "on, so one side was changed outside call_life.cpp");
}

// ------------------------------------------------------------------- alerting

void Pbx::alert(CallRecord& call, LineIndex line_index, const PendingAlerts& alerts) {
  assert(!alerts.empty() && "a call alerts on at least one appearance: divert it instead");
  const LineState& line = lines_[line_index];
  move_call(call, CallState::Alerting);
  for (const PendingAlert& alert : alerts) {
    AppearanceState& appearance = appearances_[alert.appearance];
    DeviceState& device = devices_[appearance.device];
    assert(appearance.line == line_index && "a call alerts on appearances of the line it was offered to");
    add_call_to(alert.appearance, call);
    call.alerting_appearances.push_back(alert.appearance);
    if (!call.alerted_devices.contains(device.name)) call.alerted_devices.push_back(device.name);
    if (alert.silent && !call.silent_devices.contains(device.name)) call.silent_devices.push_back(device.name);
    call_log_.append(device.call_log, CallLogEntry{now_us_, call.id, alert.silent, false});
    // A mobile in GSM mode rings over the mobile network, registered or not (PAS-7).
    const bool over_gsm = !appearance.registered && device.kind == DeviceKind::Mobile &&
                          device.owner != kNoIndex && users_[device.owner].gsm;
    record(TraceKind::Alerted, {.about = TraceAbout::Device,
                                .call = call.id,
                                .device = device.name,
                                .line = line.spec.number,
                                .reason = alert.silent ? "silent" : "audible",
                                .target = over_gsm ? "gsm" : ""});
    for (PbxFeature* feature : features_) feature->call_alerted(appearance.device, call.id);
  }
}

void Pbx::stop_alerting(CallRecord& call, AppearanceIndex except_appearance) {
  queue_.cancel(call.no_answer_timer);
  call.no_answer_timer = {};
  for (AppearanceIndex appearance_index : call.alerting_appearances) {
    if (appearance_index == except_appearance) continue;
    const AppearanceState& appearance = appearances_[appearance_index];
    remove_call_from(appearance_index, call);
    record(TraceKind::AlertStopped,
           {.about = TraceAbout::Device, .call = call.id, .device = devices_[appearance.device].name});
  }
  call.alerting_appearances.clear();
}

// An appearance goes away (unregistered, replaced by a login): the calls
// ringing there stop ringing there; the caller hears ringback until the
// no-answer timer, and a connected call carries on.
void Pbx::stop_alerting_on(AppearanceIndex appearance_index, std::string_view reason) {
  const AppearanceState& appearance = appearances_[appearance_index];
  InlineVector<CallId, 3> ringing;
  for (CallId id : appearance.calls) {
    if (calls_[id].state == CallState::Alerting) ringing.push_back(id);
  }
  for (CallId id : ringing) {
    calls_[id].alerting_appearances.erase_value(appearance_index);
    remove_call_from(appearance_index, calls_[id]);
    record(TraceKind::AlertStopped,
           {.about = TraceAbout::Device, .call = id, .device = devices_[appearance.device].name, .reason = reason});
  }
}

// ----------------------------------------------------------------- connecting

// Answer, pickup and retrieve share this path: the call stops ringing
// everywhere else, sits on `appearance` and is answered by `device`.
void Pbx::connect(CallRecord& call, DeviceIndex device_index, AppearanceIndex appearance_index, CallConnection how,
                  std::string_view group) {
  assert(devices_.contains(device_index) && appearances_.contains(appearance_index));
  assert(appearances_[appearance_index].device == device_index && "a device connects on its own appearance");
  const DeviceState& device = devices_[device_index];
  const bool rang_here = std::find(call.alerting_appearances.begin(), call.alerting_appearances.end(),
                                   appearance_index) != call.alerting_appearances.end();
  assert(call.connected_appearance == kNoIndex && "a call connects from alerting, parked or scheduled, never twice");
  stop_alerting(call, rang_here ? appearance_index : kNoIndex);
  if (!rang_here) add_call_to(appearance_index, call);
  move_call(call, CallState::Connected);
  call.connected_appearance = appearance_index;
  if (how == CallConnection::Retrieved || call.outcome == CallOutcome::Answered) {
    // The outcome was settled when the call was first answered: a parked
    // call retrieved, or a reverted one answered at the parking phone.
    if (how != CallConnection::Retrieved) {
      record(TraceKind::Retrieved, {.about = TraceAbout::Device, .call = call.id, .device = device.name});
    }
    return;
  }
  call.answered_by = device.name;
  call.answered_device = device_index;
  call.answered_at_us = now_us_;
  if (how == CallConnection::Answered) {
    // Entries are appended in time order: this call's are among those since its offer.
    call_log_.visit_newest_first(devices_[device_index].call_log, [&](CallLogEntry& entry) {
      if (entry.at_us < call.offered_at_us) return false;
      if (entry.call == call.id) entry.answered = true;
      return true;
    });
    record(TraceKind::Answered, {.about = TraceAbout::Device, .call = call.id, .device = device.name});
    settle(call, CallOutcome::Answered, "by " + device.name);
    return;
  }
  call_log_.append(devices_[device_index].call_log, CallLogEntry{now_us_, call.id, false, true});
  record(TraceKind::PickedUp, {.about = TraceAbout::Device, .call = call.id, .device = device.name, .group = group});
  settle(call, CallOutcome::Answered, "picked up by " + device.name);
}

void Pbx::reach_external(CallRecord& call, const std::string& number) {
  ExternalSpec::Behaviour behaviour = ExternalSpec::Behaviour::Answer;
  for (const ExternalSpec& spec : externals_) {
    if (spec.number == number) behaviour = spec.behaviour;
  }
  if (behaviour != ExternalSpec::Behaviour::Answer) {
    const std::string_view why = behaviour == ExternalSpec::Behaviour::Busy          ? "busy"
                                 : behaviour == ExternalSpec::Behaviour::Unreachable ? "unreachable"
                                                                                     : "no-answer";
    for (PbxFeature* feature : features_) {
      if (feature->call_not_alerted(call, why)) return;  // the next of ordered tries
    }
  }
  switch (behaviour) {
    case ExternalSpec::Behaviour::Answer:
      stop_alerting(call, kNoIndex);
      move_call(call, CallState::Connected);
      call.answered_by = "external " + number;
      call.answered_at_us = now_us_;
      settle(call, CallOutcome::Answered, "by external " + number);
      return;
    case ExternalSpec::Behaviour::Busy:
      settle(call, CallOutcome::Busy, "external " + number);
      return;
    case ExternalSpec::Behaviour::Unreachable:
      settle(call, CallOutcome::Unreachable, "external " + number);
      return;
    case ExternalSpec::Behaviour::NoAnswer:
      settle(call, CallOutcome::NoAnswer, "external " + number);
      return;
  }
}

// ------------------------------------------------------- settling the outcome

// The call's one outcome (CORE-5). Answered leaves it connected; every other
// outcome ends it.
void Pbx::settle(CallRecord& call, CallOutcome outcome, std::string detail) {
  assert(call.outcome == CallOutcome::None && "a call has exactly one terminal outcome (CORE-5)");
  assert(outcome != CallOutcome::None && "settle with the outcome the call ends with");
  assert((outcome == CallOutcome::Answered) == (call.state == CallState::Connected) &&
         "a call is answered exactly when it is connected: settle through connect()");
  stop_alerting(call, call.connected_appearance);
  // Routing is over: give back the working lists' memory (a day holds a million calls).
  call.alerting_appearances = InlineVector<AppearanceIndex, 2>();
  call.visited_lines = InlineVector<LineIndex, 2>();
  call.outcome = outcome;
  call.outcome_detail = std::move(detail);
  call.outcome_at_us = now_us_;
  if (outcome != CallOutcome::Answered) {
    move_call(call, CallState::Ended);
    call_ended(call);
  }
  record(TraceKind::Outcome, {.about = TraceAbout::Call,
                              .call = call.id,
                              .reason = call_outcome_name(outcome),
                              .note = call.outcome_detail});
  for (PbxFeature* feature : features_) feature->call_settled(call);
}

// -------------------------------------------------------------------- parking

void Pbx::park(CallRecord& call) {
  assert(call.connected_appearance != kNoIndex && "a parked call was connected on an appearance");
  remove_call_from(call.connected_appearance, call);
  call.connected_appearance = kNoIndex;
  move_call(call, CallState::Parked);
}

bool Pbx::revert(CallRecord& call, AppearanceIndex appearance_index) {
  assert(call.state == CallState::Parked && "only a parked call reverts");
  const AppearanceState& appearance = appearances_[appearance_index];
  if (!appearance.registered) return false;
  PendingAlerts alerts;
  alerts.push_back({appearance_index, false});
  alert(call, appearance.line, alerts);
  start_no_answer_timer(call, lines_[appearance.line].spec.no_answer_timeout_us);
  return true;
}

void Pbx::retrieve(CallRecord& parked, CallRecord& dialing, DeviceIndex device_index, AppearanceIndex appearance_index,
                   std::string_view park_number) {
  assert(parked.state == CallState::Parked && "only a parked call is retrieved");
  assert(dialing.state == CallState::Scheduled && "the retrieving call has just been dialed");
  const std::string number(park_number);
  record(TraceKind::CallOffered,
         {.about = TraceAbout::Call, .call = dialing.id, .target = number, .caller = dialing.caller});
  dialing.path.push_back("park " + number);
  move_call(dialing, CallState::Connected);
  dialing.answered_by = "park " + number;
  dialing.answered_at_us = now_us_;
  settle(dialing, CallOutcome::Answered, "retrieved call-" + std::to_string(parked.id) + " from park " + number);
  connect(parked, device_index, appearance_index, CallConnection::Retrieved);
  record(TraceKind::Retrieved,
         {.about = TraceAbout::Device, .call = parked.id, .device = devices_[device_index].name, .target = number});
  release(dialing, "call-" + std::to_string(parked.id));  // the dialing call merged into the parked one
}

// ------------------------------------------------------------------ releasing

void Pbx::release(CallRecord& call, std::string_view by) {
  assert(call.outcome == CallOutcome::Answered && "a released call was answered");
  assert((call.state == CallState::Connected || call.state == CallState::Parked ||
          call.state == CallState::Alerting) &&
         "only a call that was answered is released (a reverted park call rings again)");
  stop_alerting(call, kNoIndex);
  if (call.connected_appearance != kNoIndex) {
    remove_call_from(call.connected_appearance, call);
    call.connected_appearance = kNoIndex;
  }
  for (PbxFeature* feature : features_) feature->call_releasing(call);
  move_call(call, CallState::Ended);
  call.released_at_us = now_us_;
  call_ended(call);
  record(TraceKind::Released, {.about = TraceAbout::Call, .call = call.id, .target = by});
}

// -------------------------------------------------------------------- hangups

void Pbx::answer(DeviceIndex device_index) {
  const DeviceState& device = devices_[device_index];
  CallRecord* chosen = nullptr;
  AppearanceIndex chosen_appearance = kNoIndex;
  for (AppearanceIndex appearance_index : device.appearances) {
    for (CallId id : appearances_[appearance_index].calls) {
      CallRecord& call = calls_[id];
      if (call.state != CallState::Alerting) continue;
      if (chosen == nullptr || call.offered_at_us < chosen->offered_at_us ||
          (call.offered_at_us == chosen->offered_at_us && call.id < chosen->id)) {
        chosen = &call;
        chosen_appearance = appearance_index;
      }
    }
  }
  if (chosen == nullptr) {
    record(TraceKind::Ignored,
           {.about = TraceAbout::Device, .device = device.name, .note = "answer: no call is alerting here"});
    return;
  }
  connect(*chosen, device_index, chosen_appearance, CallConnection::Answered);
}

void Pbx::caller_hangup(CallId id) {
  if (!calls_.live(id)) {  // ended, and forgotten
    record(TraceKind::Ignored, {.about = TraceAbout::Call, .call = id, .note = "hangup: the call is not in progress"});
    return;
  }
  CallRecord& call = calls_[id];
  switch (call.state) {
    case CallState::Alerting:
      if (call.outcome == CallOutcome::Answered) {  // a park reversion rings
        release(call, "caller");
        return;
      }
      settle(call, CallOutcome::Abandoned, "caller hung up while alerting");
      return;
    case CallState::Connected:
    case CallState::Parked:
      release(call, "caller");
      return;
    case CallState::Scheduled:
    case CallState::Ended:
      record(TraceKind::Ignored,
             {.about = TraceAbout::Call, .call = call.id, .note = "hangup: the call is not in progress"});
      return;
  }
}

void Pbx::device_hangup(DeviceIndex device_index) {
  const DeviceState& device = devices_[device_index];
  for (AppearanceIndex appearance_index : device.appearances) {
    for (CallId id : appearances_[appearance_index].calls) {
      CallRecord& call = calls_[id];
      if (call.state == CallState::Connected && call.connected_appearance == appearance_index) {
        release(call, device.name);
        return;
      }
    }
  }
  record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = device.name, .note = "hangup: no connected call here"});
}

}  // namespace pbxsim
