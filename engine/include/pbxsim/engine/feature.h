// How a feature attaches to the core: the events the core tells it about.
//
// Features (groups and pickup, call park, PCM, profiles, extension mobility,
// provisioning, the directory, servers, clients) live in files of their own.
// Each reaches the model only through FeatureContext (feature_context.h);
// none is a friend of Pbx. The core calls these methods on every feature, in
// the order the Pbx registers them (pbx.h, `Pbx::Pbx`):
//
//   groups · call park · ordered tries · ring-only · PCM · profiles · provisioning · clients
//
// so, for example, a number that is both a group and a park number is the
// group's. A method that does nothing for a feature is left out: the base
// does nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "pbxsim/engine/call_record.h"
#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

class PbxFeature {
 public:
  virtual ~PbxFeature() = default;
  virtual std::string_view feature_name() const = 0;

  // Routing. `number` is a dialed number after the dial rules: true when this
  // feature takes the call (a group number, a park number); the first that
  // does routes it.
  virtual bool take_call(CallRecord& /*call*/, const std::string& /*number*/) { return false; }
  // What dialing `number` would reach, for `pbxsim dial` and `check`'s
  // routing (nothing: not this feature's number). {route, detail}.
  virtual std::optional<std::pair<std::string, std::string>> describe_number(std::string_view /*number*/) const {
    return std::nullopt;
  }

  // A call's life (call_life.cpp).
  virtual void call_offered(CallRecord& /*call*/, LineIndex /*line*/) {}  // before the line's appearances are asked
  virtual void call_alerted(DeviceIndex /*device*/, CallId /*call*/) {}     // per alerted appearance
  // The call's no-answer timer ran out; true when the feature owned the
  // timer (a group call) and handled it.
  virtual bool call_timed_out(CallRecord& /*call*/) { return false; }
  virtual void call_releasing(CallRecord& /*call*/) {}  // a connected or parked call is about to end
  // Nothing rang where the call was offered: no appearance of its line
  // alerted (why: "none-alerted"), or an external number is "busy",
  // "unreachable" or does not answer ("no-answer"). True when the feature
  // moves the call on (ordered tries); the policy is then not asked.
  virtual bool call_not_alerted(CallRecord& /*call*/, std::string_view /*why*/) { return false; }
  // How long the call rings on the line it was just alerted on, when a
  // feature decides it (a try's window); nothing: the line's no-answer time.
  virtual std::optional<TimeUs> ring_time(const CallRecord& /*call*/) const { return std::nullopt; }
  virtual void call_settled(CallRecord& /*call*/) {}  // the call has its outcome (any)
  // Why `appearance` of the line the call is offered to must not ring (the
  // policy is then not asked about it), and the rule that said so; empty
  // reason: no objection. Ring-only destinations (ring_only.h).
  struct KeptOff {
    std::string_view reason;
    std::string_view rule;
  };
  virtual KeptOff appearance_kept_off(const CallRecord& /*call*/, AppearanceIndex /*appearance*/) const { return {}; }

  // Devices and users.
  // Why `device` may not register now, or nullptr.
  virtual const std::string* registration_refusal(DeviceIndex /*device*/) const { return nullptr; }
  virtual void dnd_set_by_user() {}  // after a DND stimulus (PP-5, PP-6: a manual change sticks)
};

}  // namespace pbxsim
