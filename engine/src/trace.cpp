#include "pbxsim/engine/trace.h"

#include <cassert>
#include <string>

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
    case TraceKind::Parked: return "parked";
    case TraceKind::Retrieved: return "retrieved";
    case TraceKind::ParkReverted: return "park-reverted";
    case TraceKind::Decided: return "decided";
    case TraceKind::Try: return "try";
  }
  assert(false && "every TraceKind needs a name: add it to trace_kind_name");
  return "unknown";
}

std::string_view trace_about_name(TraceAbout about) {
  switch (about) {
    case TraceAbout::None: return "";
    case TraceAbout::Call: return "call";
    case TraceAbout::Device: return "device";
    case TraceAbout::Line: return "line";
    case TraceAbout::User: return "user";
    case TraceAbout::Group: return "group";
    case TraceAbout::Server: return "server";
    case TraceAbout::Admin: return "admin";
  }
  assert(false && "every TraceAbout needs a name: add it to trace_about_name");
  return "";
}

// ------------------------------------------------------------------ rendering

std::string render_trace_subject(TraceAbout about, const TraceFields& fields) {
  switch (about) {
    case TraceAbout::None: return {};
    case TraceAbout::Call: return "call-" + std::to_string(fields.call);
    case TraceAbout::Device: return std::string(fields.device);
    case TraceAbout::Line: return std::string(fields.line);
    case TraceAbout::User: return std::string(fields.user);
    case TraceAbout::Group: return std::string(fields.group);
    case TraceAbout::Server: return std::string(fields.server);
    case TraceAbout::Admin: return "admin";
  }
  assert(false && "every TraceAbout needs a subject: add it to render_trace_subject");
  return {};
}

namespace {

std::string call_name(CallId call) { return "call-" + std::to_string(call); }

void add(std::string& text, std::string_view piece) { text.append(piece.data(), piece.size()); }

std::string registration_text(const TraceFields& f) {
  std::string text = "line ";
  add(text, f.line);
  if (f.duration_us > 0) text += " for " + format_duration(f.duration_us);
  if (!f.target.empty()) {
    text += ": replaced by ";
    add(text, f.target);
  }
  if (!f.note.empty()) {
    text += ": ";
    add(text, f.note);
  }
  return text;
}

std::string dnd_text(const TraceFields& f) {
  std::string text(f.reason);
  text += " (was ";
  add(text, f.previous);
  text += ")";
  if (!f.user.empty()) {
    text += " by ";
    add(text, f.user);
  }
  if (!f.target.empty()) {
    text += " propagated from ";
    add(text, f.target);
  }
  if (!f.note.empty()) {
    text += " by ";
    add(text, f.note);
  }
  return text;
}

std::string offer_text(const TraceFields& f) {
  std::string text = "from ";
  add(text, f.caller);
  text += " to ";
  if (!f.line.empty()) {
    text += "line ";
    add(text, f.line);
  } else if (!f.group.empty()) {
    text += "group ";
    add(text, f.group);
    text += " (";
    add(text, f.target);
    text += ", ";
    add(text, f.reason);
    text += ")";
  } else {
    add(text, f.target);
  }
  if (f.count > 0) text += " after " + std::to_string(f.count) + " forward(s)";
  return text;
}

// "call-7 on line 1000" or "call-7 in group sales".
std::string call_at_text(const TraceFields& f) {
  std::string text = call_name(f.call);
  if (!f.group.empty()) {
    text += " in group ";
    add(text, f.group);
  } else {
    text += " on line ";
    add(text, f.line);
  }
  return text;
}

// "call-7 appearance(desk) -> skip dnd-reject at cisco_cucm.lua:57, read app.dnd=reject"
std::string decided_text(const TraceFields& f) {
  std::string text = f.call != 0 ? call_name(f.call) + " " : std::string();
  add(text, f.reason);
  text += "(";
  add(text, !f.device.empty() ? f.device : !f.line.empty() ? f.line : !f.group.empty() ? f.group : f.user);
  text += ") -> ";
  add(text, f.target);
  if (!f.rule.empty()) {
    text += " at ";
    add(text, f.rule);
  }
  const char* separator = ", read ";
  for (const TraceFact& fact : f.facts) {
    text += separator;
    text += fact.name + "=" + fact.value;
    separator = " ";
  }
  return text;
}

}  // namespace

std::string render_trace_text(TraceKind kind, const TraceFields& f) {
  switch (kind) {
    case TraceKind::Registered:
    case TraceKind::RegistrationRefreshed:
    case TraceKind::RegistrationRefused:
    case TraceKind::RegistrationReplaced:
    case TraceKind::RegistrationExpired:
    case TraceKind::Unregistered:
      return registration_text(f);
    case TraceKind::DndChanged: return dnd_text(f);
    case TraceKind::ModeChanged: return std::string(f.reason);
    case TraceKind::CallOffered: return offer_text(f);
    case TraceKind::Dialed: return std::string(f.previous) + " -> " + std::string(f.target);
    case TraceKind::Forwarded:  // the target: a line, voicemail or an external number (+...)
      return std::string(f.line) + " " + std::string(f.reason) + " -> " +
             (f.target.starts_with('+') ? "external " : "") + std::string(f.target) +
             (f.note.empty() ? "" : " (" + std::string(f.note) + ")");  // the policy rule that chose it
    case TraceKind::Alerted:
      return call_at_text(f) + ": " + std::string(f.reason) + (f.target == "gsm" ? " over the mobile network" : "");
    case TraceKind::Skipped: return call_at_text(f) + ": " + std::string(f.reason);
    case TraceKind::AlertStopped:
      return f.reason.empty() ? call_name(f.call) : call_name(f.call) + ": " + std::string(f.reason);
    case TraceKind::NoAnswerTimeout:
      return (f.group.empty() ? "line " + std::string(f.line) : "group " + std::string(f.group)) + " after " +
             format_duration(f.duration_us);
    case TraceKind::Answered: return call_name(f.call);
    case TraceKind::Outcome: return std::string(f.reason) + ": " + std::string(f.note);
    case TraceKind::Released: return "by " + std::string(f.target);
    case TraceKind::PickedUp: return call_name(f.call) + " from group " + std::string(f.group);
    case TraceKind::Parked: return call_name(f.call) + " on " + std::string(f.target) + " by " + std::string(f.device);
    case TraceKind::Retrieved:
      return call_name(f.call) + (f.target.empty() ? "" : " from " + std::string(f.target));
    case TraceKind::ParkReverted:
      return call_name(f.call) + " from " + std::string(f.target) + " back to " + std::string(f.device) + " after " +
             format_duration(f.duration_us);
    case TraceKind::GroupMember:
      return std::string(f.target) + " " + std::string(f.reason) + (f.note.empty() ? "" : " (" + std::string(f.note) + ")");
    case TraceKind::Login:
      return std::string(f.user) + " with profile " + std::string(f.target) + " (" + std::string(f.reason) + ")" +
             (f.note.empty() ? "" : ", " + std::string(f.note));
    case TraceKind::Logout:
    case TraceKind::LoginRefused:
      return std::string(f.user) + ": " + std::string(f.note);
    case TraceKind::Ignored:
    case TraceKind::ScenarioNote:
    case TraceKind::Profile:
    case TraceKind::ProfileRefused:
    case TraceKind::ProfileMismatch:
    case TraceKind::Trigger:
    case TraceKind::ProfileAction:
    case TraceKind::Setting:
    case TraceKind::Cti:
    case TraceKind::RetiredHotDesk:
    case TraceKind::Pcm:
    case TraceKind::PcmRefused:
    case TraceKind::Headset:
    case TraceKind::Provisioning:
    case TraceKind::Contact:
    case TraceKind::Server:
    case TraceKind::Attempt:
    case TraceKind::Client:
      return std::string(f.note);
    case TraceKind::Decided: return decided_text(f);
    case TraceKind::Try:  // "call-3 try 2: 1000 -> 2000 for 10s after no-answer at site.lua:12"
      return call_name(f.call) + " try " + std::to_string(f.count) + ": " + std::string(f.line) + " -> " +
             std::string(f.target) + (f.duration_us >= 0 ? " for " + format_duration(f.duration_us) : " (last)") +
             " after " + std::string(f.reason) + (f.rule.empty() ? "" : " at " + std::string(f.rule));
  }
  assert(false && "every TraceKind needs a text: add it to render_trace_text");
  return std::string(f.note);
}

// ------------------------------------------------------------- a kept record

TraceFields TraceEvent::fields() const {
  return TraceFields{about,  call,    device, line,   user,        group, server, reason,
                     previous, target, caller, duration_us, count, note, rule, facts};
}

TraceEvent TraceEvent::of(TimeUs time_us, TraceKind kind, const TraceFields& f) {
  TraceEvent event;
  event.time_us = time_us;
  event.kind = kind;
  event.about = f.about;
  event.call = f.call;
  event.device = f.device;
  event.line = f.line;
  event.user = f.user;
  event.group = f.group;
  event.server = f.server;
  event.reason = f.reason;
  event.previous = f.previous;
  event.target = f.target;
  event.caller = f.caller;
  event.duration_us = f.duration_us;
  event.count = f.count;
  event.note = f.note;
  event.rule = f.rule;
  event.facts.assign(f.facts.begin(), f.facts.end());
  event.subject = render_trace_subject(f.about, f);
  event.text = render_trace_text(kind, f);
  return event;
}

// ------------------------------------------------------------------ the trace

void Trace::append(TimeUs time_us, TraceKind kind, const TraceFields& f) {
  if (!trace_kind_hashed(kind)) {
    if (keep_events_) events_.push_back(TraceEvent::of(time_us, kind, f));
    return;
  }
  // The hash covers the fields, not the text rendered from them, so
  // rewording a text changes no hash. Which optional fields are present is
  // one mask; each present string is mixed with its length (mix_bytes).
  const std::string_view strings[] = {f.device, f.line,   f.user,   f.group,  f.server,
                                      f.reason, f.previous, f.target, f.caller, f.note};
  std::uint64_t present = 0;
  for (std::size_t i = 0; i < std::size(strings); ++i) {
    if (!strings[i].empty()) present |= std::uint64_t{1} << i;
  }
  hash_ ^= static_cast<std::uint64_t>(time_us);
  hash_ *= 0xff51afd7ed558ccdULL;
  for (const std::uint64_t word :
       {(static_cast<std::uint64_t>(kind) + 1) | (static_cast<std::uint64_t>(f.about) << 8) | (present << 16),
        static_cast<std::uint64_t>(f.call), static_cast<std::uint64_t>(f.duration_us),
        static_cast<std::uint64_t>(f.count)}) {
    hash_ ^= word;
    hash_ *= 0xff51afd7ed558ccdULL;
    hash_ ^= hash_ >> 29;
  }
  for (std::size_t i = 0; i < std::size(strings); ++i) {
    if (present & (std::uint64_t{1} << i)) hash_ = mix_bytes(strings[i], hash_);
  }
  ++count_;
  if (keep_events_) events_.push_back(TraceEvent::of(time_us, kind, f));
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
