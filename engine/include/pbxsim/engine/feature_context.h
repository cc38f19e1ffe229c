// What a feature may read and do of the model: the narrow context the core
// hands each feature (feature.h says when the core calls a feature). The Pbx
// implements it; a feature holds a FeatureContext& and nothing else of the
// Pbx, so everything a feature changes goes through a method here, and every
// change to a call through the transitions of call_life.cpp.
//
// Sections: reading the model · what features may change · the call's
// transitions · the other features.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/call_record.h"
#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/time.h"
#include "pbxsim/engine/timer.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

class Calendar;
class Clients;
class Directory;
class GroupCalls;
class Mobility;
class Policy;
class Prng;
class Provisioning;
class Servers;
struct AppearanceSpec;
struct AppearanceState;
struct CallOrigin;
struct ClientTiming;
struct DeviceState;
struct LineState;
struct Target;
struct UserState;

// Where a policy's destination leads (pbx_destinations.cpp).
enum class DestinationPlace : std::uint8_t { Voicemail, Line, Group, External };
struct Destination;

// How a call got connected (call_life.cpp's connect).
enum class CallConnection : std::uint8_t { Answered, PickedUp, Retrieved };

class FeatureContext {
 public:
  // ---------------------------------------------------------- reading the model
  virtual TimeUs now_us() const = 0;
  virtual const IndexedVector<UserIndex, UserState>& users() const = 0;
  virtual const IndexedVector<DeviceIndex, DeviceState>& devices() const = 0;
  virtual const IndexedVector<LineIndex, LineState>& lines() const = 0;
  virtual const IndexedVector<AppearanceIndex, AppearanceState>& appearances() const = 0;
  virtual const CallRecord& call(CallId id) const = 0;
  virtual bool has_call(CallId id) const = 0;
  virtual std::optional<UserIndex> find_user(std::string_view id) const = 0;
  virtual std::optional<DeviceIndex> find_device(std::string_view name) const = 0;
  virtual std::optional<LineIndex> find_line(std::string_view number) const = 0;
  virtual bool device_registered(DeviceIndex device) const = 0;
  virtual const Calendar& calendar() const = 0;
  virtual const ClientTiming& client_timing() const = 0;
  // What a policy hook about `call` may read of its history (policy.h's CallOrigin).
  virtual CallOrigin origin_of(const CallRecord& call) const = 0;

  // ------------------------------------------------- what features may change
  // The fields a feature owns: a device's `active`, user agent and call log
  // head, a line's voicemail switch, a user's GSM mode. A call's state is
  // not among them: use the transitions below.
  virtual DeviceState& device(DeviceIndex device) = 0;
  virtual LineState& line(LineIndex line) = 0;
  virtual UserState& user(UserIndex user) = 0;
  virtual CallRecord& edit_call(CallId id) = 0;
  // Calls in progress, oldest first, until `visit` returns false.
  virtual void visit_live_calls(const std::function<bool(CallRecord&)>& visit) = 0;
  virtual Policy& policy() = 0;
  virtual Prng& prng() = 0;
  virtual void record(TraceKind kind, const TraceFields& fields) = 0;
  // `what` names the timer in an event-limit error ("cti retry"): a literal.
  virtual TimerHandle schedule_timer(TimeUs at_us, const char* what, std::function<void()> fire) = 0;
  virtual bool cancel_timer(TimerHandle& handle) = 0;
  virtual void replace_device_appearances(DeviceIndex device, const std::vector<AppearanceSpec>& appearances,
                                          TimeUs lifetime_us, std::string_view why) = 0;
  virtual void set_dnd(DeviceIndex device, DndMode mode, UserIndex by_user) = 0;

  // --------------------------------------------------- the call's transitions
  // Asks the policy about each appearance of `line` and alerts those it
  // allows; false (nothing alerted, skips traced) when none.
  virtual bool alert_line(CallRecord& call, LineIndex line) = 0;
  // The call's no-answer timer, `after_us` from now; PbxFeature::call_timed_out
  // hears of it.
  virtual void start_no_answer_timer(CallRecord& call, TimeUs after_us) = 0;
  virtual void stop_alerting(CallRecord& call, AppearanceIndex except_appearance) = 0;
  virtual void connect(CallRecord& call, DeviceIndex device, AppearanceIndex appearance, CallConnection how, std::string_view group) = 0;
  // Connected -> Parked: the call leaves its appearance and waits.
  virtual void park(CallRecord& call) = 0;
  // Parked -> Alerting on `appearance` again (a park reversion); false when
  // that appearance is not registered (nothing alerts).
  virtual bool revert(CallRecord& call, AppearanceIndex appearance) = 0;
  // Parked -> Connected on `device`'s `appearance`: `dialing`, the call that
  // dialed the park number, is answered by the park and merges into it.
  virtual void retrieve(CallRecord& parked, CallRecord& dialing, DeviceIndex device, AppearanceIndex appearance,
                        std::string_view park_number) = 0;
  // A call that dialed `number` is refused before it is offered: `why`.
  virtual void refuse(CallRecord& call, std::string_view number, const std::string& why) = 0;
  virtual void settle(CallRecord& call, CallOutcome outcome, std::string detail) = 0;
  virtual void forward(CallRecord& call, const std::string& from_number, std::string_view kind, const Target& target,
                       std::string_view rule) = 0;
  virtual void release(CallRecord& call, std::string_view by) = 0;
  // Where a destination a policy named from `line` leads; throws the
  // policy's PolicyError (its rule's file:line and the call) when nowhere.
  virtual DestinationPlace place_of(const CallRecord& call, LineIndex line, const Destination& destination) const = 0;
  // Sends the call there: a forward of kind `kind` ("policy", "try") from `line`.
  virtual void divert_to(CallRecord& call, LineIndex line, const Destination& destination, std::string_view kind) = 0;

  // ------------------------------------------------------- the other features
  virtual GroupCalls& groups() = 0;
  virtual Mobility& mobility() = 0;
  virtual Provisioning& provisioning() = 0;
  virtual Directory& directory() = 0;
  virtual Servers& servers() = 0;
  virtual Clients& clients() = 0;

 protected:
  ~FeatureContext() = default;
};

}  // namespace pbxsim
