#include "pbxsim/engine/trace.h"

#include <cassert>

#include "pbxsim/engine/prng.h"

namespace pbxsim {

std::string_view trace_kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::Registered: return "registered";
    case TraceKind::RegistrationRefreshed: return "registration-refreshed";
    case TraceKind::RegistrationRefused: return "registration-refused";
    case TraceKind::RegistrationReplaced: return "registration-replaced";
    case TraceKind::RegistrationExpired: return "registration-expired";
    case TraceKind::Unregistered: return "unregistered";
    case TraceKind::DndChanged: return "dnd";
    case TraceKind::ModeChanged: return "mode";
    case TraceKind::CallOffered: return "offered";
    case TraceKind::Forwarded: return "forwarded";
    case TraceKind::Alerted: return "alerted";
    case TraceKind::Skipped: return "skipped";
    case TraceKind::AlertStopped: return "alert-stopped";
    case TraceKind::NoAnswerTimeout: return "no-answer-timeout";
    case TraceKind::Answered: return "answered";
    case TraceKind::Ignored: return "ignored";
    case TraceKind::Outcome: return "outcome";
    case TraceKind::Released: return "released";
    case TraceKind::ScenarioNote: return "note";
    case TraceKind::GroupMember: return "group";
    case TraceKind::PickedUp: return "picked-up";
    case TraceKind::Profile: return "profile";
    case TraceKind::ProfileRefused: return "profile-refused";
    case TraceKind::ProfileMismatch: return "profile-mismatch";
    case TraceKind::Trigger: return "trigger";
    case TraceKind::ProfileAction: return "action";
    case TraceKind::Setting: return "setting";
    case TraceKind::Cti: return "cti";
    case TraceKind::RetiredHotDesk: return "hot-desk";  // the name results databases recorded
    case TraceKind::Pcm: return "pcm";
    case TraceKind::PcmRefused: return "pcm-refused";
    case TraceKind::Dialed: return "dialed";
    case TraceKind::Login: return "login";
    case TraceKind::Logout: return "logout";
    case TraceKind::LoginRefused: return "login-refused";
    case TraceKind::Headset: return "headset";
    case TraceKind::Provisioning: return "provisioning";
    case TraceKind::Contact: return "contact";
    case TraceKind::Server: return "server";
    case TraceKind::Attempt: return "attempt";
    case TraceKind::Client: return "client";
  }
  assert(false && "every TraceKind needs a name: add it to trace_kind_name");
  return "unknown";
}

void Trace::append(TimeUs time_us, TraceKind kind, std::string_view subject,
                   std::string_view details) {
  // The hash covers a canonical form of the event: time, kind, then subject
  // and details, each mixed with its length (see mix_bytes).
  hash_ ^= static_cast<std::uint64_t>(time_us);
  hash_ *= 0xff51afd7ed558ccdULL;
  hash_ ^= static_cast<std::uint64_t>(kind) + 1;
  hash_ = mix_bytes(subject, hash_);
  hash_ = mix_bytes(details, hash_);
  ++count_;
  if (keep_events_) {
    events_.push_back(TraceEvent{time_us, kind, std::string(subject), std::string(details)});
  }
}

std::string format_hash(std::uint64_t hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[hash & 0xf];
    hash >>= 4;
  }
  return out;
}

}  // namespace pbxsim
