// The PBX model at run time: the state of every user, device, line,
// appearance and call, driven by stimuli and timers through the event queue.
//
// Sections of pbx.cpp: construction · scheduling and the run loop ·
// registrations · DND and modes · offering a call to a line · forwarding and
// outcomes · answering and hanging up · queries. pbx_mechanisms.cpp holds
// what the mechanisms below use of the Pbx (timers, changing a device's
// lines, dialing a call); each mechanism has its own file.
//
// Features live in their own files (feature.h lists them and the order the
// core calls them in) and reach the model only through FeatureContext
// (feature_context.h), which the Pbx implements privately.
// A call's state changes only in call_life.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/calendar.h"
#include "pbxsim/engine/call_record.h"
#include "pbxsim/engine/call_log.h"
#include "pbxsim/engine/clients.h"
#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/directory.h"
#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"
#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/inline_vector.h"
#include "pbxsim/engine/kept_memory.h"
#include "pbxsim/engine/name_list.h"
#include "pbxsim/engine/mobility.h"
#include "pbxsim/engine/name_index.h"
#include "pbxsim/engine/policy.h"
#include "pbxsim/engine/prng.h"
#include "pbxsim/engine/provisioning.h"
#include "pbxsim/engine/record_store.h"
#include "pbxsim/engine/sparse_indexed.h"
#include "pbxsim/engine/servers.h"
#include "pbxsim/engine/timer.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"
#include "pbxsim/engine/trace_text.h"

namespace pbxsim {

class GroupCalls;
class CallPark;
class OrderedTries;
class RingOnly;
class ProfileService;
class PcmService;

// A run went past one of its event limits (Topology::max_events_per_instant,
// max_events): the message names the limit, the event and how to raise it.
struct EventLimitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A dialed-number analysis without placing a call (`pbxsim dial`, sim:dial).
struct RouteAnalysis {
  DialAnalysis dialing;
  std::string route;  // "line 1000", "external +1408...", "unreachable", "refused"
  std::string detail; // who would be alerted, or why not
};

struct UserState {
  std::string id;
  UserMode mode;
  InlineVector<DeviceIndex, 2> devices;  // owned or associated, in topology order
  bool gsm = false;            // GSM mode: the user's mobiles are reached over the mobile network
};

// One cache line each: an offer reads every field but the last two.
struct alignas(64) AppearanceState {
  DeviceIndex device = kNoIndex;
  LineIndex line = kNoIndex;
  int max_calls = 0;
  int busy_trigger = 0;
  InlineVector<CallId, 3> calls;  // alerting or connected here
  bool registered = false;
  std::uint64_t registered_order = 0;
  EventHandle expiry;

  static AppearanceState of(DeviceIndex device, LineIndex line, const AppearanceSpec& spec) {
    AppearanceState appearance;
    appearance.device = device;
    appearance.line = line;
    appearance.max_calls = spec.max_calls;
    appearance.busy_trigger = spec.busy_trigger;
    return appearance;
  }
};
static_assert(sizeof(AppearanceState) == 64, "an appearance fills one cache line: keep it small");

// What an offer, an answer and a hangup read is in the first 64 bytes.
struct DeviceState {
  InlineVector<AppearanceIndex, 2> appearances;  // inline: no pointer to follow on every offer, answer, hangup
  UserIndex owner = kNoIndex;
  UserIndex workplace_user = kNoIndex;
  DeviceKind kind = DeviceKind::DeskPhone;
  DndMode dnd = DndMode::Off;
  bool active = true;                  // an active destination (profiles switch it)
  bool workplace = false;              // rings only for the user it is the workplace of
  std::string name;
  CallLog::Position call_log = CallLog::kEmpty;  // the newest of its "recent calls" (Pbx::call_log)
  std::string user_agent;              // from its last registration (MS-5)
};

struct LineState {
  InlineVector<AppearanceIndex, 2> appearances;  // first: beside the number, in the cache line an offer reads first
  UserIndex user = kNoIndex;  // whose mode applies
  bool voicemail_enabled = true;  // the voicemail destination (DEE profiles switch it)
  LineSpec spec;
};

struct Stimulus {
  enum class Kind : std::uint8_t {
    Register,
    Unregister,
    SetDnd,
    SetMode,
    PlaceCall,
    Answer,
    DeviceHangup,
    CallerHangup,
    Callback,
  };
  Kind kind;
  DeviceIndex device = kNoIndex;
  LineIndex line = kNoIndex;  // Register/Unregister: one line, or every line when kNoIndex
  UserIndex user = kNoIndex;  // SetMode: the user; SetDnd: who changed it (may be none)
  DndMode dnd = DndMode::Off;
  UserMode mode = UserMode::SoftPhone;
  TimeUs lifetime_us = 0;
  CallId call = 0;
  std::uint32_t callback = 0;
};

class Pbx final : private FeatureContext {
 public:
  // The topology must have passed validate(). The policy must outlive the Pbx.
  Pbx(const Topology& topology, Policy& policy, std::uint64_t seed, bool keep_trace_events = true);
  // The same model, taking the topology apart as it goes: each line's spec is
  // moved in and the topology's lines are freed before the features allocate
  // theirs, so a million-user day does not hold both copies at its peak. The
  // topology is left with its lines gone; the rest is read as by the other
  // constructor.
  Pbx(Topology&& topology, Policy& policy, std::uint64_t seed, bool keep_trace_events = true);
  ~Pbx();
  Pbx(const Pbx&) = delete;  // the name indexes refer back to this object
  Pbx& operator=(const Pbx&) = delete;

  // Stimuli. Times may not lie before now_us().
  void schedule(TimeUs at_us, const Stimulus& stimulus);
  CallId schedule_call(TimeUs at_us, std::string caller, std::string dialed);
  // A call dialed on a device; its caller ID is the device's first line then.
  CallId schedule_call_from_device(TimeUs at_us, DeviceIndex device, std::string dialed);
  // A call dialed through a user's client (click to dial on the desk phone).
  CallId schedule_client_call(TimeUs at_us, UserIndex user, std::string dialed);
  void set_callback_handler(std::function<void(std::uint32_t)> handler);
  // For runs that read each call once, when it has ended (the bench): after
  // the event that ends a call, `sink` sees its final record and the Pbx
  // forgets it, so memory holds the calls in progress, not every call of the
  // day. call(id) of a forgotten call throws; a hangup for it is ignored.
  void forget_ended_calls(std::function<void(const CallRecord&)> sink);
  // What the run may keep for its results (kept_memory.h); past it the next
  // event throws KeptMemoryError. Default: no limit (the scenario runner sets one).
  void limit_kept_bytes(std::size_t limit_bytes) { kept_.set_limit(limit_bytes); }
  std::size_t kept_bytes() const { return kept_.kept_bytes(call_log_.kept_bytes()); }

  // Runs every event up to and including end_us; the clock then reads end_us.
  void run_until(TimeUs end_us);
  // Runs until nothing is pending; returns false if limit_us was reached first.
  bool run_until_idle(TimeUs limit_us);
  TimeUs now_us() const override { return now_us_; }
  std::size_t pending_events() const { return queue_.size(); }
  std::size_t peak_pending_events() const { return queue_.peak_size(); }
  std::uint64_t events_processed() const { return events_processed_; }

  std::optional<UserIndex> find_user(std::string_view id) const override;
  std::optional<DeviceIndex> find_device(std::string_view name) const override;
  std::optional<LineIndex> find_line(std::string_view number) const override;

  const IndexedVector<UserIndex, UserState>& users() const override { return users_; }
  const IndexedVector<DeviceIndex, DeviceState>& devices() const override { return devices_; }
  // A device's "recent calls", oldest first.
  std::vector<CallLogEntry> call_log(DeviceIndex device) const { return call_log_.entries(devices_[device].call_log); }
  const IndexedVector<LineIndex, LineState>& lines() const override { return lines_; }
  const IndexedVector<AppearanceIndex, AppearanceState>& appearances() const override { return appearances_; }
  const CallRecord& call(CallId id) const override;  // ids start at 1
  bool has_call(CallId id) const override { return calls_.live(id); }  // false once forgotten
  std::size_t call_count() const { return calls_.size(); }  // calls ever scheduled, the last id
  bool user_in_dnd(UserIndex user) const;        // presence: DND on any of the user's devices
  bool device_registered(DeviceIndex device) const override;  // any appearance registered
  int line_registrations(LineIndex line) const;

  // Walks the whole model and asserts what the transitions keep (each
  // appearance's calls ring or are connected there and name it back, each
  // live call's appearances list it, an ended call is nowhere, a device's
  // appearances are its line's, owners list their devices): O(entities +
  // live calls), so it runs at the end of run_until_idle and of a scenario,
  // not per event. The transitions assert their own part of it as they go.
  void check_structure() const;

  const Trace& trace() const { return trace_; }
  // A policy's decision (TraceKind::Decided), written by the policy itself
  // when decisions are recorded (run --decisions); never hashed.
  void record_decision(const TraceFields& fields) { record(TraceKind::Decided, fields); }
  // Events pending when each kept trace event was recorded (parallel to
  // trace().events(); empty when the trace keeps no events).
  const std::vector<std::uint32_t>& trace_queue_depths() const { return trace_queue_depths_; }
  Prng& prng() override { return prng_; }

  // Features.
  const Calendar& calendar() const override { return calendar_; }
  GroupCalls& groups() override { return *groups_; }
  const GroupCalls& groups() const { return *groups_; }
  ProfileService& profiles() { return *profiles_; }
  const ProfileService& profiles() const { return *profiles_; }
  PcmService& pcm() { return *pcm_; }
  const PcmService& pcm() const { return *pcm_; }
  // The mechanisms, each in its own file: extension mobility (login/logout
  // API for hot desking), provisioning, the directory, servers, clients.
  Mobility& mobility() override { return mobility_; }
  const Mobility& mobility() const { return mobility_; }
  Provisioning& provisioning() override { return provisioning_; }
  const Provisioning& provisioning() const { return provisioning_; }
  Directory& directory() override { return directory_; }
  const Directory& directory() const { return directory_; }
  Servers& servers() override { return servers_; }
  const Servers& servers() const { return servers_; }
  Clients& clients() override { return clients_; }
  CallPark& call_park() { return *call_park_; }
  const CallPark& call_park() const { return *call_park_; }
  const Clients& clients() const { return clients_; }
  const DialPlan& dial_plan() const { return dial_plan_; }
  // What dialing `dialed` (on `from_device`, or kNoIndex) would do now.
  RouteAnalysis analyze_route(std::string_view dialed, DeviceIndex from_device) const;

  // For the mechanisms and features. A timer runs `fire` at at_us, in order
  // with stimuli, unless cancelled first; cancel_timer resets the handle.
  // Features' timers and stimuli that carry more than a Stimulus can
  // (profile names, edits) are timers too.
  // `what` names the timer in an event-limit error ("cti retry"): a literal.
  TimerHandle schedule_timer(TimeUs at_us, const char* what, std::function<void()> fire) override;
  TimerHandle schedule_timer(TimeUs at_us, std::function<void()> fire) {
    return schedule_timer(at_us, "a scenario step", std::move(fire));
  }
  bool cancel_timer(TimerHandle& handle) override;
  // The device now presents these appearances instead of its current ones
  // (extension mobility, deletion): calls ringing on the old ones stop, the
  // new ones register when the device was up.
  void replace_device_appearances(DeviceIndex device, const std::vector<AppearanceSpec>& appearances,
                                  TimeUs lifetime_us, std::string_view why) override;

 private:
  // Both public constructors: `consumed` is the topology itself when it may be taken apart, else null.
  Pbx(const Topology& topology, Topology* consumed, Policy& policy, std::uint64_t seed, bool keep_trace_events);
  // ------------------------------------------ FeatureContext, for features only
  FeatureContext& core() { return *this; }
  const ClientTiming& client_timing() const override { return client_timing_; }
  CallOrigin origin_of(const CallRecord& call) const override { return CallOrigin{this, &call}; }
  DeviceState& device(DeviceIndex device) override { return devices_[device]; }
  LineState& line(LineIndex line) override { return lines_[line]; }
  UserState& user(UserIndex user) override { return users_[user]; }
  CallRecord& edit_call(CallId id) override { return calls_[id]; }
  void visit_live_calls(const std::function<bool(CallRecord&)>& visit) override { calls_.visit_live(visit); }
  Policy& policy() override { return policy_; }
  bool alert_line(CallRecord& call, LineIndex line) override;
  void start_no_answer_timer(CallRecord& call, TimeUs after_us) override;
  void park(CallRecord& call) override;
  bool revert(CallRecord& call, AppearanceIndex appearance) override;
  void retrieve(CallRecord& parked, CallRecord& dialing, DeviceIndex device, AppearanceIndex appearance,
                std::string_view park_number) override;
  void refuse(CallRecord& call, std::string_view number, const std::string& why) override;

  struct Event {
    enum class Kind : std::uint8_t { Stimulus, NoAnswer, RegistrationExpiry, Timer };
    Kind kind;
    std::uint32_t index;  // Stimulus: its slot; NoAnswer: the call; RegistrationExpiry: the appearance; Timer: its slot

    static Event of(Kind kind, std::uint32_t index) { return Event{kind, index}; }
  };
  static_assert(sizeof(Event) == 8, "an event is 8 bytes: the queue holds one per pending event");
  struct PendingAlert {
    AppearanceIndex appearance;
    bool silent;
  };

  struct QueuedStimulus;
  void queue_stimulus(TimeUs at_us, const QueuedStimulus& queued);
  // Pops and runs the next event; throws EventLimitError past a limit.
  void run_next();
  void dispatch(const Event& event);
  std::string describe(const Event& event) const;  // for an event-limit error
  void prefetch_for(const Event& event) const;
  // Inlined on purpose: GCC drops a call to a function that only prefetches
  // (its mod-ref analysis finds no side effect), so an out-of-line one never runs.
  [[gnu::always_inline]] void prefetch_line(LineIndex line) const;
  void apply(const Stimulus& stimulus, LineIndex line_ahead);
  void init_mechanisms(const Topology& topology);
  void fire_timer(std::uint32_t slot);
  bool prepare_call(CallRecord& call);  // dial rules, restrictions; false when it ended

  void register_appearance(AppearanceIndex appearance, TimeUs lifetime_us);
  // why: Unregistered, RegistrationExpired or RegistrationReplaced (then
  // replaced_by names the device that took its place); note: why, for people.
  void unregister_appearance(AppearanceIndex appearance, TraceKind why, std::string_view replaced_by = {},
                             std::string_view note = {});
  void set_dnd(DeviceIndex device, DndMode mode, UserIndex by_user) override;
  // `line_ahead`: the line schedule_call found for the number as dialed, or
  // kNoIndex; used only when the routed number (after the dial rules) is its.
  void place_call(CallId id, LineIndex line_ahead);
  void offer_to_line(CallRecord& call, LineIndex line);  // queues nested offers: see pbx.cpp
  void offer_once(CallRecord& call, LineIndex line);
  // Asks the policy about every appearance of the line; skips are traced and counted in tally.
  using PendingAlerts = InlineVector<PendingAlert, 4>;
  void decide_alerts(CallRecord& call, LineIndex line, LineFacts& skips, PendingAlerts& alerts);
  // The call's transitions (call_life.cpp); move_call asserts each against the machine.
  void move_call(CallRecord& call, CallState to);
  // An appearance's calls and a call's appearances name each other; these
  // keep the appearance's side and assert it agrees (a call is on an
  // appearance at most once, and only removed from one it is on).
  void add_call_to(AppearanceIndex appearance, const CallRecord& call);
  void remove_call_from(AppearanceIndex appearance, const CallRecord& call);
  void alert(CallRecord& call, LineIndex line, const PendingAlerts& alerts);
  void stop_alerting_on(AppearanceIndex appearance, std::string_view reason);
  bool appearance_active(AppearanceIndex appearance) const;
  // The line's facts for a policy hook; `skips`: the skip counts decide_alerts made.
  LineFacts line_facts(const CallRecord& call, LineIndex line, const LineFacts* skips = nullptr) const;
  void apply_divert(CallRecord& call, LineIndex line, const DivertDecision& decision);
  // A destination a policy named (pbx_destinations.cpp): where it leads, and
  // the forward of kind `kind` ("policy", or "try" for ordered tries) there.
  DestinationPlace place_of(const CallRecord& call, LineIndex line, const Destination& destination) const override;
  void divert_to(CallRecord& call, LineIndex line, const Destination& destination, std::string_view kind) override;
  // One more forward of kind `reason` for the call (kept in its
  // forward_reasons); false (and the call ended as forward-limit) when it is
  // over the hop limit.
  bool count_forward(CallRecord& call, const std::string& from_number, std::string_view reason);
  // `rule`: the policy's file:line when a policy named the destination (traced as the note).
  void forward(CallRecord& call, const std::string& from_number, std::string_view kind, const Target& target,
               std::string_view rule) override;
  void forward(CallRecord& call, const std::string& from_number, std::string_view kind, const Target& target) {
    forward(call, from_number, kind, target, {});
  }
  void reach_external(CallRecord& call, const std::string& number);
  void stop_alerting(CallRecord& call, AppearanceIndex except_appearance) override;
  void connect(CallRecord& call, DeviceIndex device, AppearanceIndex appearance, CallConnection how, std::string_view group = {}) override;
  void settle(CallRecord& call, CallOutcome outcome, std::string detail) override;
  void no_answer(CallId id);
  void answer(DeviceIndex device);
  void release(CallRecord& call, std::string_view by) override;
  void caller_hangup(CallId id);
  void device_hangup(DeviceIndex device);
  void record(TraceKind kind, const TraceFields& fields) override;
  void call_ended(const CallRecord& call);  // its state became Ended
  void forget_calls_ended();                // hands them to the sink, after the event

  struct PendingOffer {
    CallRecord* call = nullptr;
    LineIndex line = kNoIndex;
  };
  PendingOffer next_offer_;  // an offer queued by a forward (offer_to_line)
  bool offering_ = false;    // an offer_to_line loop is running further up the stack

  Policy& policy_;
  int hop_limit_;
  std::uint64_t max_events_;
  std::uint64_t max_events_per_instant_;
  IndexedVector<UserIndex, UserState> users_;
  IndexedVector<DeviceIndex, DeviceState> devices_;
  IndexedVector<LineIndex, LineState> lines_;
  IndexedVector<AppearanceIndex, AppearanceState> appearances_;
  std::vector<ExternalSpec> externals_;
  CallLog call_log_;  // every device's recent calls
  KeptMemory kept_;   // what the trace, ended calls and call_log_ keep, and its limit
  RecordStore<CallRecord> calls_;  // by id; chunks never move, so a CallRecord& stays valid
  std::function<void(const CallRecord&)> ended_call_sink_;  // set: ended calls are forgotten
  std::vector<CallId> ended_calls_;  // ended during this event, for the sink
  // A pending stimulus and what the engine learnt of it when it was
  // scheduled: for a call placed, the line its dialed number names (or
  // kNoIndex), so the run loop can fetch that line one event ahead.
  struct QueuedStimulus {
    Stimulus stimulus;
    LineIndex line_ahead = kNoIndex;
  };
  std::vector<QueuedStimulus> stimuli_;  // by slot, for the queue's Stimulus events
  std::vector<std::uint32_t> free_stimulus_slots_;
  EventQueue<Event> queue_;
  TimeUs now_us_ = 0;
  std::uint64_t events_processed_ = 0;
  std::uint64_t events_this_instant_ = 0;  // events run at now_us_ so far
  std::uint64_t registration_counter_ = 0;
  // user_index_'s names: most ids are their own key (already lower case), so
  // only the others keep a key of their own.
  std::vector<bool> id_is_key_;
  SparseIndexed<UserIndex, std::string> user_keys_;
  NameIndex user_index_;
  NameIndex device_index_;
  NameIndex line_index_;
  Trace trace_;
  std::vector<std::uint32_t> trace_queue_depths_;
  Prng prng_;
  std::function<void(std::uint32_t)> callback_handler_;
  Calendar calendar_;
  std::unique_ptr<GroupCalls> groups_;
  std::unique_ptr<CallPark> call_park_;
  std::unique_ptr<OrderedTries> tries_;
  std::unique_ptr<RingOnly> ring_only_;
  std::unique_ptr<PcmService> pcm_;
  std::unique_ptr<ProfileService> profiles_;
  std::vector<PbxFeature*> features_;  // in the order feature.h documents: the core calls them so
  std::vector<std::function<void()>> timers_;  // by slot; empty when free
  std::vector<const char*> timer_names_;        // by slot: what each timer is, for errors
  std::vector<std::uint32_t> free_timer_slots_;
  DialPlan dial_plan_;
  ClientTiming client_timing_;
  Mobility mobility_{core()};
  Provisioning provisioning_{core(), policy_};
  Directory directory_{core(), policy_};
  Servers servers_{core()};
  Clients clients_{core()};
};

}  // namespace pbxsim
