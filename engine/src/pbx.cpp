// Sections: construction · scheduling and the run loop · registrations ·
// DND and modes · offering a call to a line · forwarding and outcomes ·
// answering and hanging up · queries.
#include "pbxsim/engine/pbx.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <stdexcept>

#include "pbxsim/engine/call_park.h"
#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/ordered_tries.h"
#include "pbxsim/engine/ring_only.h"
#include "pbxsim/engine/pcm_service.h"
#include "pbxsim/engine/profile_service.h"
#include "pbxsim/engine/trace_text.h"

namespace pbxsim {

// ---------------------------------------------------------------- construction

Pbx::Pbx(const Topology& topology, Policy& policy, std::uint64_t seed, bool keep_trace_events)
    : Pbx(topology, nullptr, policy, seed, keep_trace_events) {}

Pbx::Pbx(Topology&& topology, Policy& policy, std::uint64_t seed, bool keep_trace_events)
    : Pbx(topology, &topology, policy, seed, keep_trace_events) {}

Pbx::Pbx(const Topology& topology, Topology* consumed, Policy& policy, std::uint64_t seed, bool keep_trace_events)
    : policy_(policy),
      hop_limit_(topology.hop_limit),
      max_events_(static_cast<std::uint64_t>(topology.max_events)),
      max_events_per_instant_(static_cast<std::uint64_t>(topology.max_events_per_instant) +
                              8 * (topology.users.size() + topology.devices.size() + topology.lines.size())),
      externals_(topology.externals),
      trace_(keep_trace_events),
      prng_(seed),
      calendar_(topology.calendar) {
  // Each array sized once: a large topology's arrays would otherwise be
  // copied as they grow, and every copy touches fresh memory.
  users_.reserve(topology.users.size());
  id_is_key_.reserve(topology.users.size());
  lines_.reserve(topology.lines.size());
  std::size_t appearance_count = 0;
  for (const DeviceSpec& spec : topology.devices) appearance_count += spec.appearances.size();
  appearances_.reserve(appearance_count);
  for (const UserSpec& spec : topology.users) {
    const UserIndex user = users_.push_back(UserState{spec.id, spec.mode, {}, false});
    std::string key = user_key(spec.id);
    id_is_key_.push_back(key == spec.id);
    if (!id_is_key_.back()) user_keys_.set(user, std::move(key));
  }
  for (std::size_t position = 0; position < topology.lines.size(); ++position) {
    LineState line;
    if (consumed != nullptr) line.spec = std::move(consumed->lines[position]);
    else line.spec = topology.lines[position];
    lines_.push_back(std::move(line));
  }
  user_index_ = NameIndex(users_.size(), [this](std::uint32_t i) {
    return id_is_key_[i] ? std::string_view(users_[UserIndex(i)].id) : std::string_view(user_keys_[UserIndex(i)]);
  });
  line_index_ = NameIndex(lines_.size(), [this](std::uint32_t i) { return std::string_view(lines_[LineIndex(i)].spec.number); });
  devices_.reserve(topology.devices.size());
  for (const DeviceSpec& spec : topology.devices) {
    const DeviceIndex device_index = devices_.next_index();
    DeviceState device;
    device.kind = spec.kind;
    device.workplace = spec.workplace;
    device.name = spec.name;
    device.user_agent = spec.user_agent;
    if (!spec.owner.empty()) {
      device.owner = find_user(spec.owner).value();
      users_[device.owner].devices.push_back(device_index);
    }
    for (const std::string& also : spec.also_users) {
      users_[find_user(also).value()].devices.push_back(device_index);
    }
    for (const AppearanceSpec& appearance_spec : spec.appearances) {
      const LineIndex line = find_line(appearance_spec.line).value();
      const AppearanceIndex appearance_index = appearances_.push_back(AppearanceState::of(device_index, line, appearance_spec));
      device.appearances.push_back(appearance_index);
      lines_[line].appearances.push_back(appearance_index);
    }
    devices_.push_back(std::move(device));
  }
  device_index_ = NameIndex(devices_.size(), [this](std::uint32_t i) { return std::string_view(devices_[DeviceIndex(i)].name); });
  // Whose mode applies to a line: the one named, else the owner of its first
  // soft phone (the client whose mode it is, CUC-5), else its first owner.
  for (LineState& line : lines_) {
    if (!line.spec.user.empty()) {
      line.user = find_user(line.spec.user).value();
      continue;
    }
    for (bool soft_phones_only : {true, false}) {
      for (AppearanceIndex appearance : line.appearances) {
        const DeviceState& device = devices_[appearances_[appearance].device];
        if (device.owner == kNoIndex || line.user != kNoIndex) continue;
        if (!soft_phones_only || device.kind == DeviceKind::SoftPhone) line.user = device.owner;
      }
    }
  }
  // Nothing below reads the topology's lines (features read lines_): a
  // consumed topology gives their memory back before the features take theirs.
  if (consumed != nullptr) std::vector<LineSpec>().swap(consumed->lines);
  for (std::size_t i = 0; i < topology.devices.size(); ++i) {
    const RegistrationSpec& registration = topology.devices[i].registration;
    if (!registration.at_start) continue;
    Stimulus stimulus{Stimulus::Kind::Register};
    stimulus.device = DeviceIndex::at(i);
    stimulus.lifetime_us = registration.lifetime_us;
    schedule(0, stimulus);
  }
  // Features; profiles last: their start (at time 0, after the registrations) uses the others.
  groups_ = std::make_unique<GroupCalls>(core(), topology.groups);
  call_park_ = std::make_unique<CallPark>(core(), topology.call_park);
  tries_ = std::make_unique<OrderedTries>(core());
  ring_only_ = std::make_unique<RingOnly>(core());
  pcm_ = std::make_unique<PcmService>(core(), topology.pcm);
  profiles_ = std::make_unique<ProfileService>(core(), topology);
  init_mechanisms(topology);
  features_ = {groups_.get(), call_park_.get(), tries_.get(), ring_only_.get(), pcm_.get(), profiles_.get(), &provisioning_, &clients_};
}

Pbx::~Pbx() = default;

// ------------------------------------------------- scheduling and the run loop

void Pbx::schedule(TimeUs at_us, const Stimulus& stimulus) { queue_stimulus(at_us, {stimulus}); }

void Pbx::queue_stimulus(TimeUs at_us, const QueuedStimulus& queued) {
  assert(at_us >= now_us_ && "stimuli cannot be scheduled in the past: check the time first");
  // Slots of applied stimuli are reused, so a long run holds only the pending ones.
  std::uint32_t slot;
  if (free_stimulus_slots_.empty()) {
    slot = static_cast<std::uint32_t>(stimuli_.size());
    stimuli_.push_back(queued);
  } else {
    slot = free_stimulus_slots_.back();
    free_stimulus_slots_.pop_back();
    stimuli_[slot] = queued;
  }
  queue_.schedule(at_us, Event::of(Event::Kind::Stimulus, slot));
}

CallId Pbx::schedule_call(TimeUs at_us, std::string caller, std::string dialed) {
  CallRecord& call = calls_.emplace_back();  // made in place: a record is 320 bytes
  call.id = static_cast<CallId>(calls_.size());
  call.caller = std::move(caller);
  call.dialed = std::move(dialed);
  QueuedStimulus queued{Stimulus{Stimulus::Kind::PlaceCall}};
  queued.stimulus.call = call.id;
  // The line the number names as dialed, by its hash alone (one probe of the
  // index, no line read now): a guess place_call checks against the routed
  // number (the dial rules come first), made now so that the run loop can
  // fetch the line's record one event before the call needs it.
  if (const std::optional<std::uint32_t> guessed = line_index_.guess(call.dialed)) {
    queued.line_ahead = LineIndex(*guessed);
  }
  queue_stimulus(at_us, queued);
  return call.id;
}

void Pbx::set_callback_handler(std::function<void(std::uint32_t)> handler) {
  callback_handler_ = std::move(handler);
}

void Pbx::forget_ended_calls(std::function<void(const CallRecord&)> sink) {
  assert(calls_.size() == 0 && "choose to forget ended calls before scheduling the first");
  ended_call_sink_ = std::move(sink);
}

const CallRecord& Pbx::call(CallId id) const {
  if (!calls_.live(id)) {
    throw std::out_of_range("call-" + std::to_string(id) +
                            (id >= 1 && id <= calls_.size() ? " has ended and this run forgets ended calls"
                                                            : " was never scheduled"));
  }
  return calls_[id];
}

void Pbx::run_until(TimeUs end_us) {
  assert(end_us >= now_us_ && "the clock never runs backwards");
  while (auto next = queue_.next_time()) {
    if (*next > end_us) break;
    run_next();
  }
  if (end_us > now_us_) events_this_instant_ = 0;
  now_us_ = end_us;
}

bool Pbx::run_until_idle(TimeUs limit_us) {
  while (auto next = queue_.next_time()) {
    if (*next > limit_us) {
      if (limit_us > now_us_) events_this_instant_ = 0;
      now_us_ = limit_us;
      check_structure();
      return false;
    }
    run_next();
  }
  check_structure();
  return true;
}

void Pbx::run_next() {
  kept_.check(call_log_.kept_bytes());  // between events, where the state is whole (kept_memory.h)
  auto popped = queue_.pop();
  assert(popped && "run_next needs a pending event");
  assert(popped->time_us >= now_us_ && "the clock never runs backwards");
  events_this_instant_ = popped->time_us == now_us_ ? events_this_instant_ + 1 : 1;
  now_us_ = popped->time_us;
  ++events_processed_;
  if (events_this_instant_ > max_events_per_instant_ || events_processed_ > max_events_) [[unlikely]] {
    const bool instant = events_this_instant_ > max_events_per_instant_;
    throw EventLimitError(
        instant ? "more than " + std::to_string(max_events_per_instant_) + " events at simulated time " +
                      format_duration(now_us_) + " (the last: " + describe(popped->payload) +
                      "): something re-schedules itself without letting time pass; if the scenario really "
                      "needs that many, raise max_events_per_instant"
                : "more than " + std::to_string(max_events_) + " events in the run (at " + format_duration(now_us_) +
                      ", the last: " + describe(popped->payload) + "); raise max_events if the run needs them");
  }
  if (const Event* coming = queue_.peek()) prefetch_for(*coming);
  dispatch(popped->payload);
  if (!ended_calls_.empty()) forget_calls_ended();
}

std::string Pbx::describe(const Event& event) const {
  switch (event.kind) {
    case Event::Kind::Stimulus:
      switch (stimuli_[event.index].stimulus.kind) {
        case Stimulus::Kind::Register: return "a registration";
        case Stimulus::Kind::Unregister: return "an unregistration";
        case Stimulus::Kind::SetDnd: return "a DND change";
        case Stimulus::Kind::SetMode: return "a mode change";
        case Stimulus::Kind::PlaceCall: return "a call placed";
        case Stimulus::Kind::Answer: return "an answer";
        case Stimulus::Kind::DeviceHangup:
        case Stimulus::Kind::CallerHangup: return "a hangup";
        case Stimulus::Kind::Callback: return "a scenario callback (sim:at with a function)";
      }
      return "a stimulus";
    case Event::Kind::NoAnswer: return "the no-answer timer of call-" + std::to_string(event.index);
    case Event::Kind::RegistrationExpiry:
      return "the registration expiry of " + devices_[appearances_[AppearanceIndex(event.index)].device].name;
    case Event::Kind::Timer: return std::string("a timer: ") + timer_names_[event.index];
  }
  return "an event";
}

// An offer and a no-answer timeout read the line's number, appearances and
// forwards: the first two cache lines of its record. An index past the last
// line (kNoIndex) fetches nothing.
inline void Pbx::prefetch_line(LineIndex line) const {
  if (!lines_.contains(line)) return;
  const char* record = reinterpret_cast<const char*>(&lines_[line]);
  __builtin_prefetch(record);
  __builtin_prefetch(record + 64);
}

// A large day's model does not fit the cache: every event first misses on the
// device or call record it acts on. Asking for the next event's while this
// one runs (a microsecond or more) overlaps that miss with useful work.
void Pbx::prefetch_for(const Event& event) const {
  switch (event.kind) {
    case Event::Kind::Stimulus: {
      const QueuedStimulus& queued = stimuli_[event.index];
      const Stimulus& stimulus = queued.stimulus;
      if (stimulus.kind == Stimulus::Kind::PlaceCall) {
        __builtin_prefetch(calls_.find(stimulus.call));
        prefetch_line(queued.line_ahead);
      } else if (devices_.contains(stimulus.device)) {
        __builtin_prefetch(&devices_[stimulus.device]);
      }
      return;
    }
    case Event::Kind::NoAnswer:
      __builtin_prefetch(calls_.find(static_cast<CallId>(event.index)));
      return;
    case Event::Kind::Timer:
    case Event::Kind::RegistrationExpiry:
      return;
  }
}

void Pbx::dispatch(const Event& event) {
  switch (event.kind) {
    case Event::Kind::Stimulus: {
      const QueuedStimulus queued = stimuli_[event.index];  // copy: apply() may schedule more
      free_stimulus_slots_.push_back(event.index);
      apply(queued.stimulus, queued.line_ahead);
      return;
    }
    case Event::Kind::NoAnswer:
      no_answer(static_cast<CallId>(event.index));
      return;
    case Event::Kind::Timer:
      fire_timer(event.index);
      return;
    case Event::Kind::RegistrationExpiry: {
      AppearanceState& appearance = appearances_[AppearanceIndex(event.index)];
      appearance.expiry = {};
      unregister_appearance(AppearanceIndex(event.index), TraceKind::RegistrationExpired, {}, "lifetime ended");
      return;
    }
  }
}

void Pbx::apply(const Stimulus& stimulus, LineIndex line_ahead) {
  switch (stimulus.kind) {
    case Stimulus::Kind::Register:
      for (AppearanceIndex appearance : devices_[stimulus.device].appearances) {
        if (stimulus.line == kNoIndex || appearances_[appearance].line == stimulus.line) {
          register_appearance(appearance, stimulus.lifetime_us);
        }
      }
      return;
    case Stimulus::Kind::Unregister:
      for (AppearanceIndex appearance : devices_[stimulus.device].appearances) {
        if ((stimulus.line == kNoIndex || appearances_[appearance].line == stimulus.line) &&
            appearances_[appearance].registered) {
          unregister_appearance(appearance, TraceKind::Unregistered);
        }
      }
      return;
    case Stimulus::Kind::SetDnd:
      set_dnd(stimulus.device, stimulus.dnd, stimulus.user);
      for (PbxFeature* feature : features_) feature->dnd_set_by_user();
      return;
    case Stimulus::Kind::SetMode:
      users_[stimulus.user].mode = stimulus.mode;
      record(TraceKind::ModeChanged,
             {.about = TraceAbout::User, .user = users_[stimulus.user].id, .reason = user_mode_name(stimulus.mode)});
      return;
    case Stimulus::Kind::PlaceCall:
      place_call(stimulus.call, line_ahead);
      return;
    case Stimulus::Kind::Answer:
      answer(stimulus.device);
      return;
    case Stimulus::Kind::DeviceHangup:
      device_hangup(stimulus.device);
      return;
    case Stimulus::Kind::CallerHangup:
      caller_hangup(stimulus.call);
      return;
    case Stimulus::Kind::Callback:
      if (callback_handler_) callback_handler_(stimulus.callback);
      return;
  }
}

// --------------------------------------------------------------- registrations

void Pbx::register_appearance(AppearanceIndex appearance_index, TimeUs lifetime_us) {
  AppearanceState& appearance = appearances_[appearance_index];
  const DeviceState& device = devices_[appearance.device];
  const LineState& line = lines_[appearance.line];

  if (appearance.registered) {
    queue_.cancel(appearance.expiry);
    appearance.expiry = {};
    if (lifetime_us > 0) {
      appearance.expiry =
          queue_.schedule(now_us_ + lifetime_us, Event::of(Event::Kind::RegistrationExpiry, appearance_index.value()));
    }
    record(TraceKind::RegistrationRefreshed, {.about = TraceAbout::Device,
                                              .device = device.name,
                                              .line = line.spec.number,
                                              .duration_us = lifetime_us});
    return;
  }

  for (const PbxFeature* feature : features_) {
    if (const std::string* refusal = feature->registration_refusal(appearance.device)) {
      record(TraceKind::RegistrationRefused,
             {.about = TraceAbout::Device, .device = device.name, .line = line.spec.number, .note = *refusal});
      return;
    }
  }
  const int registered = line_registrations(appearance.line);
  const int limit = line.spec.max_registrations;
  if (limit > 0 && registered >= limit) {
    const RegistrationFacts facts{line.spec.number, device.name, registered, limit};
    const RegistrationOverflow overflow = policy_.when_registrations_full(facts);
    if (overflow == RegistrationOverflow::RefuseNewest) {
      const std::string in_use =
          std::to_string(registered) + " of " + std::to_string(limit) + " registrations in use";
      record(TraceKind::RegistrationRefused,
             {.about = TraceAbout::Device, .device = device.name, .line = line.spec.number, .note = in_use});
      return;
    }
    AppearanceIndex oldest = kNoIndex;
    for (AppearanceIndex other : line.appearances) {
      if (appearances_[other].registered &&
          (oldest == kNoIndex || appearances_[other].registered_order < appearances_[oldest].registered_order)) {
        oldest = other;
      }
    }
    assert(oldest != kNoIndex && "a full line has at least one registration to replace");
    unregister_appearance(oldest, TraceKind::RegistrationReplaced, device.name);
  }

  appearance.registered = true;
  appearance.registered_order = ++registration_counter_;
  if (lifetime_us > 0) {
    appearance.expiry =
        queue_.schedule(now_us_ + lifetime_us, Event::of(Event::Kind::RegistrationExpiry, appearance_index.value()));
  }
  record(TraceKind::Registered, {.about = TraceAbout::Device,
                                 .device = device.name,
                                 .line = line.spec.number,
                                 .duration_us = lifetime_us});
}

void Pbx::unregister_appearance(AppearanceIndex appearance_index, TraceKind why, std::string_view replaced_by,
                                std::string_view note) {
  AppearanceState& appearance = appearances_[appearance_index];
  assert(appearance.registered && "only a registered appearance can be unregistered");
  assert((why == TraceKind::Unregistered || why == TraceKind::RegistrationExpired ||
          why == TraceKind::RegistrationReplaced) &&
         "a registration ends by unregistering, expiring or being replaced");
  queue_.cancel(appearance.expiry);
  appearance.expiry = {};
  appearance.registered = false;
  const std::string_view device_name = devices_[appearance.device].name;
  record(why, {.about = TraceAbout::Device,
               .device = device_name,
               .line = lines_[appearance.line].spec.number,
               .target = replaced_by,
               .note = note});
  // CORE-1: an unregistered appearance is never alerted.
  stop_alerting_on(appearance_index, "unregistered");
}

// ---------------------------------------------------------------- DND and modes

void Pbx::set_dnd(DeviceIndex device_index, DndMode mode, UserIndex by_user) {
  DeviceState& device = devices_[device_index];
  const DndMode previous = device.dnd;
  device.dnd = mode;
  const UserIndex user = by_user != kNoIndex ? by_user : device.owner;
  record(TraceKind::DndChanged, {.about = TraceAbout::Device,
                                 .device = device.name,
                                 .user = user != kNoIndex ? std::string_view(users_[user].id) : std::string_view(),
                                 .reason = dnd_mode_name(mode),
                                 .previous = dnd_mode_name(previous)});

  DndFacts facts{device.name, mode, previous, {}, {}};
  if (user != kNoIndex) {
    facts.user = users_[user].id;
    for (DeviceIndex other : users_[user].devices) facts.user_devices.push_back(devices_[other].name);
  } else {
    facts.user_devices.push_back(device.name);
  }
  const std::vector<DndChange> changes = policy_.propagate_dnd(facts);
  for (const DndChange& change : changes) {
    // Policies name the user's own devices nearly always: look there first.
    std::optional<DeviceIndex> target;
    if (user != kNoIndex) {
      for (DeviceIndex candidate : users_[user].devices) {
        if (devices_[candidate].name == change.device) target = candidate;
      }
    }
    if (!target) target = find_device(change.device);
    if (!target) {
      throw PolicyError("policy '" + std::string(policy_.name()) + "' propagated DND to unknown device '" +
                        change.device + "'");
    }
    DeviceState& other = devices_[*target];
    if (other.dnd == change.mode) continue;
    const DndMode before = other.dnd;
    other.dnd = change.mode;
    record(TraceKind::DndChanged, {.about = TraceAbout::Device,
                                   .device = other.name,
                                   .reason = dnd_mode_name(change.mode),
                                   .previous = dnd_mode_name(before),
                                   .target = device.name});
  }
}

// ------------------------------------------------- offering a call to a line

void Pbx::place_call(CallId id, LineIndex line_ahead) {
  CallRecord& call = calls_[id];
  call.offered_at_us = now_us_;
  if (!prepare_call(call)) return;
  const std::string number = call.routed;
  for (PbxFeature* feature : features_) {
    if (feature->take_call(call, number)) return;
  }
  // Line numbers are unique (validation), so the line found when the call
  // was scheduled is the one the lookup would find whenever its number is
  // the routed one.
  const bool ahead = lines_.contains(line_ahead) && lines_[line_ahead].spec.number == number;
  if (std::optional<LineIndex> line = ahead ? std::optional<LineIndex>(line_ahead) : find_line(number)) {
    offer_to_line(call, *line);
    return;
  }
  const bool external = !number.empty() && number[0] == '+';
  const bool declared = std::any_of(externals_.begin(), externals_.end(),
                                    [&](const ExternalSpec& spec) { return spec.number == number; });
  record(TraceKind::CallOffered, {.about = TraceAbout::Call, .call = call.id, .target = number, .caller = call.caller});
  if (external || declared) {
    call.path.push_back(number);
    reach_external(call, number);
    return;
  }
  settle(call, CallOutcome::Unreachable, "no line or external number '" + number + "'");
}

// A forward offers the call to the next line from deep inside the previous
// offer (offer -> cfa -> forward -> offer ...). Every such nested offer is the
// last thing its callers do, so it is queued and run by the outermost offer
// in a loop: the stack stays flat however long the forward chain (a hostile
// scenario chains 100 000 lines), and the order of events is the same.
void Pbx::offer_to_line(CallRecord& call, LineIndex line_index) {
  assert(next_offer_.call == nullptr && "one pending offer at a time: an offer is its callers' last step");
  next_offer_ = {&call, line_index};
  if (offering_) return;  // the loop below, further up the stack, makes it
  offering_ = true;
  struct Reset {
    Pbx& pbx;
    ~Reset() {
      pbx.offering_ = false;
      pbx.next_offer_ = {};
    }
  } reset{*this};  // also when a policy error unwinds the offer
  while (next_offer_.call != nullptr) {
    const PendingOffer offer = next_offer_;
    next_offer_ = {};
    offer_once(*offer.call, offer.line);
  }
}

void Pbx::offer_once(CallRecord& call, LineIndex line_index) {
  const LineState& line = lines_[line_index];
  call.current_line = line_index;
  call.path.push_back(line.spec.number);
  call.visited_lines.push_back(line_index);
  record(TraceKind::CallOffered, {.about = TraceAbout::Call,
                                  .call = call.id,
                                  .line = line.spec.number,
                                  .caller = call.caller,
                                  .count = call.forwards});
  for (PbxFeature* feature : features_) feature->call_offered(call, line_index);

  if (line.spec.forward_all.is_set()) {
    forward(call, line.spec.number, "cfa", line.spec.forward_all);
    return;
  }

  // The skips are counted first; the line's other facts (its user's record
  // among them) are read only when the policy is asked what to do.
  LineFacts skips{};
  PendingAlerts alerts;
  decide_alerts(call, line_index, skips, alerts);
  if (alerts.empty()) {
    for (PbxFeature* feature : features_) {
      if (feature->call_not_alerted(call, "none-alerted")) return;  // the next of ordered tries
    }
    apply_divert(call, line_index, policy_.when_none_alerted(line_facts(call, line_index, &skips)));
    return;
  }
  alert(call, line_index, alerts);
  TimeUs ring_us = line.spec.no_answer_timeout_us;
  for (const PbxFeature* feature : features_) {
    if (const std::optional<TimeUs> window = feature->ring_time(call)) {
      ring_us = *window;  // a try's window
      break;
    }
  }
  start_no_answer_timer(call, ring_us);
}

// A group member's line: the group's no-answer rules apply, not the line's,
// and the skips are counted for nobody (no group hook reads them).
bool Pbx::alert_line(CallRecord& call, LineIndex line_index) {
  LineFacts skips{};
  PendingAlerts alerts;
  decide_alerts(call, line_index, skips, alerts);
  if (alerts.empty()) return false;
  alert(call, line_index, alerts);
  return true;
}

void Pbx::start_no_answer_timer(CallRecord& call, TimeUs after_us) {
  assert(call.state == CallState::Alerting && "the no-answer timer runs while a call alerts");
  assert(!call.no_answer_timer.valid() && "a call has one no-answer timer: stop alerting first");
  call.no_answer_timer = queue_.schedule(now_us_ + after_us, Event::of(Event::Kind::NoAnswer, call.id));
}

void Pbx::decide_alerts(CallRecord& call, LineIndex line_index, LineFacts& skips, PendingAlerts& alerts) {
  const LineState& line = lines_[line_index];
  for (AppearanceIndex appearance_index : line.appearances) {
    const AppearanceState& appearance = appearances_[appearance_index];
    const DeviceState& device = devices_[appearance.device];
    const UserState* owner = device.owner != kNoIndex ? &users_[device.owner] : nullptr;  // not read here
    const AppearanceFacts facts{call.caller,
                                line.spec.number,
                                device.name,
                                device.kind,
                                owner != nullptr ? &owner->id : nullptr,
                                owner != nullptr ? &owner->mode : nullptr,
                                appearance.registered,
                                device.dnd,
                                static_cast<int>(appearance.calls.size()),
                                appearance.max_calls,
                                appearance.busy_trigger,
                                call.forwards,
                                appearance_active(appearance_index),
                                device.kind == DeviceKind::Mobile && owner != nullptr && owner->gsm,
                                CallOrigin{this, &call}};
    PbxFeature::KeptOff kept_off;
    for (const PbxFeature* feature : features_) {
      kept_off = feature->appearance_kept_off(call, appearance_index);
      if (!kept_off.reason.empty()) break;  // a ring-only destination left it out
    }
    const AppearanceDecision decision = kept_off.reason.empty()
                                            ? policy_.decide_appearance(facts)
                                            : AppearanceDecision{AppearanceVerdict::Skip, std::string(kept_off.reason)};
    if (decision.verdict != AppearanceVerdict::Skip) {
      alerts.push_back({appearance_index, decision.verdict == AppearanceVerdict::AlertSilently});
      continue;
    }
    const std::string_view reason = decision.reason.empty() ? std::string_view("skipped") : decision.reason;
    if (reason == "unregistered") {
      ++skips.skipped_unregistered;
    } else if (reason == "dnd-reject") {
      ++skips.skipped_dnd_reject;
    } else if (reason == "busy") {
      ++skips.skipped_busy;
    } else {
      if (reason == "inactive") ++skips.skipped_inactive;
      ++skips.skipped_other;
    }
    if (!call.skipped.contains(device.name)) call.skipped.emplace_back(device.name, reason);
    record(TraceKind::Skipped, {.about = TraceAbout::Device,
                                .call = call.id,
                                .device = device.name,
                                .line = line.spec.number,
                                .reason = reason,
                                .rule = kept_off.rule});  // a ring-only destination's rule
  }
}

// Profiles switch destinations off; a workplace device rings only for the
// user whose workplace it is (PAS-7).
bool Pbx::appearance_active(AppearanceIndex appearance_index) const {
  const AppearanceState& appearance = appearances_[appearance_index];
  const DeviceState& device = devices_[appearance.device];
  if (!device.active) return false;
  if (!device.workplace) return true;
  return device.workplace_user != kNoIndex && device.workplace_user == lines_[appearance.line].user;
}

LineFacts Pbx::line_facts(const CallRecord& call, LineIndex line_index, const LineFacts* skips) const {
  const LineState& line = lines_[line_index];
  const UserState* user = line.user != kNoIndex ? &users_[line.user] : nullptr;
  LineFacts facts{call.caller,
                  line.spec.number,
                  user != nullptr ? std::string_view(user->id) : std::string_view(),
                  user != nullptr ? user->mode : UserMode::SoftPhone,
                  static_cast<int>(line.appearances.size()),
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  line.spec.forward_busy.is_set(),
                  line.spec.forward_no_answer.is_set(),
                  call.forwards,
                  0,
                  line.voicemail_enabled,
                  CallOrigin{this, &call}};
  if (skips != nullptr) {
    facts.skipped_unregistered = skips->skipped_unregistered;
    facts.skipped_dnd_reject = skips->skipped_dnd_reject;
    facts.skipped_busy = skips->skipped_busy;
    facts.skipped_other = skips->skipped_other;
    facts.skipped_inactive = skips->skipped_inactive;
  }
  return facts;
}

// ---------------------------------------------------- forwarding and outcomes

void Pbx::apply_divert(CallRecord& call, LineIndex line_index, const DivertDecision& decision) {
  if (!decision.tries.empty()) {
    tries_->start(call, line_index, decision.tries);
    return;
  }
  if (decision.destination) {
    divert_to(call, line_index, *decision.destination, "policy");
    return;
  }
  const Divert divert = decision.divert;
  const LineState& line = lines_[line_index];
  auto require = [&](const Target& target, std::string_view name) -> const Target& {
    if (!target.is_set()) {
      throw PolicyError("policy '" + std::string(policy_.name()) + "' chose " + std::string(name) +
                        " but line " + line.spec.number + " has no " + std::string(name) +
                        " target: check has_forward_* before choosing it");
    }
    return target;
  };
  switch (divert) {
    case Divert::ForwardNoAnswer:
      forward(call, line.spec.number, "cfna", require(line.spec.forward_no_answer, "cfna"));
      return;
    case Divert::ForwardBusy:
      forward(call, line.spec.number, "cfb", require(line.spec.forward_busy, "cfb"));
      return;
    case Divert::Busy:
      settle(call, CallOutcome::Busy, "line " + line.spec.number);
      return;
    case Divert::Rejected:
      settle(call, CallOutcome::Rejected, "line " + line.spec.number);
      return;
    case Divert::NoAnswer:
      settle(call, CallOutcome::NoAnswer, "line " + line.spec.number);
      return;
    case Divert::Unreachable:
      settle(call, CallOutcome::Unreachable, "line " + line.spec.number);
      return;
    case Divert::Voicemail:
      call.path.push_back("voicemail");
      settle(call, CallOutcome::Voicemail, "voicemail of " + line.spec.number);
      return;
  }
}

bool Pbx::count_forward(CallRecord& call, const std::string& from_number, std::string_view reason) {
  ++call.forwards;
  if (call.forwards <= hop_limit_) {
    call.forward_reasons.push_back(reason);
    return true;
  }
  settle(call, CallOutcome::ForwardLimit,
           "more than " + std::to_string(hop_limit_) + " forwards, stopped at " + from_number);
  return false;
}

void Pbx::forward(CallRecord& call, const std::string& from_number, std::string_view kind, const Target& target,
                  std::string_view rule) {
  if (!count_forward(call, from_number, kind)) return;
  record(TraceKind::Forwarded, {.about = TraceAbout::Call,
                                .call = call.id,
                                .line = from_number,
                                .reason = kind,
                                .target = target.kind == Target::Kind::External ? target.number : target.describe(),
                                .note = rule});
  switch (target.kind) {
    case Target::Kind::None:
      assert(false && "forward() needs a target: apply_divert checks it");
      return;
    case Target::Kind::Voicemail:
      call.path.push_back("voicemail");
      settle(call, CallOutcome::Voicemail, "voicemail of " + from_number);
      return;
    case Target::Kind::External:
      call.path.push_back(target.number);
      reach_external(call, target.number);
      return;
    case Target::Kind::Line: {
      const LineIndex next = find_line(target.number).value();
      if (std::find(call.visited_lines.begin(), call.visited_lines.end(), next) != call.visited_lines.end()) {
        std::string loop;
        for (LineIndex visited : call.visited_lines) loop += lines_[visited].spec.number + " -> ";
        settle(call, CallOutcome::ForwardLimit, "forward loop: " + loop + target.number);
        return;
      }
      offer_to_line(call, next);
      return;
    }
  }
}

void Pbx::no_answer(CallId id) {
  CallRecord& call = calls_[id];
  call.no_answer_timer = {};
  assert(call.state == CallState::Alerting && "the no-answer timer is cancelled when alerting stops");
  for (PbxFeature* feature : features_) {
    if (feature->call_timed_out(call)) return;  // a hunt step or the group's no-answer time
  }
  const LineIndex line_index = call.current_line;
  LineFacts facts = line_facts(call, line_index);
  for (AppearanceIndex appearance_index : call.alerting_appearances) {
    ++facts.alerted;
    const DeviceState& device = devices_[appearances_[appearance_index].device];
    if (call.silent_devices.contains(device.name)) ++facts.alerted_silently;
  }
  record(TraceKind::NoAnswerTimeout, {.about = TraceAbout::Call,
                                      .call = call.id,
                                      .line = lines_[line_index].spec.number,
                                      .duration_us = lines_[line_index].spec.no_answer_timeout_us});
  stop_alerting(call, kNoIndex);
  apply_divert(call, line_index, policy_.when_no_answer(facts));
}

// --------------------------------------------------------------------- queries

std::optional<UserIndex> Pbx::find_user(std::string_view id) const {
  if (const std::optional<std::uint32_t> found = user_index_.find(user_key(id))) return UserIndex(*found);
  return std::nullopt;
}

std::optional<DeviceIndex> Pbx::find_device(std::string_view name) const {
  if (const std::optional<std::uint32_t> found = device_index_.find(name)) return DeviceIndex(*found);
  return std::nullopt;
}

std::optional<LineIndex> Pbx::find_line(std::string_view number) const {
  if (const std::optional<std::uint32_t> found = line_index_.find(number)) return LineIndex(*found);
  return std::nullopt;
}

bool Pbx::user_in_dnd(UserIndex user) const {
  return std::any_of(users_[user].devices.begin(), users_[user].devices.end(),
                     [&](DeviceIndex device) { return devices_[device].dnd != DndMode::Off; });
}

bool Pbx::device_registered(DeviceIndex device) const {
  return std::any_of(devices_[device].appearances.begin(), devices_[device].appearances.end(),
                     [&](AppearanceIndex appearance) { return appearances_[appearance].registered; });
}

int Pbx::line_registrations(LineIndex line) const {
  return static_cast<int>(std::count_if(lines_[line].appearances.begin(), lines_[line].appearances.end(),
                                        [&](AppearanceIndex appearance) { return appearances_[appearance].registered; }));
}

void Pbx::call_ended(const CallRecord& call) {
  if (ended_call_sink_) {
    ended_calls_.push_back(call.id);
  } else {
    kept_.keep_ended_call(call);
  }
}

// After the event, not in call_ended: the code that ended the call may still read it.
void Pbx::forget_calls_ended() {
  for (CallId id : ended_calls_) {
    ended_call_sink_(calls_[id]);
    calls_.retire(id);
  }
  ended_calls_.clear();
  call_log_.forget_calls_before(calls_.oldest_live());  // the log names forgotten calls no more
}

void Pbx::record(TraceKind kind, const TraceFields& fields) {
  trace_.append(now_us_, kind, fields);
  // The viewer's metrics show the queue depth at each event; kept only
  // with the events, so a run that keeps none (the bench) pays a branch.
  if (trace_.keeps_events()) {
    trace_queue_depths_.push_back(static_cast<std::uint32_t>(queue_.size()));
    // The decision record is counted apart: the run stops at the same event with or without it.
    if (kind == TraceKind::Decided) kept_.keep_decision_record(trace_.events().back());
    else kept_.keep_trace_record(trace_.events().back());
  }
}


}  // namespace pbxsim
