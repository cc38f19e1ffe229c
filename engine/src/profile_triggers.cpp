// Triggers: timed (PAS-4) on the simulated calendar, once or on weekdays,
// and Teams meetings (PAS-5) with a synchronisation delay drawn from the
// user's own PRNG stream. Every trigger asks the policy first, which is where
// a sticky profile holds (PAS-6). Trigger records say in `reason` the
// trigger's kind as the policy sees it and what happened ("timed fired",
// "teams-end ignored"), in `target` the profile it selects and in `previous`
// the profile selected before; the explorer's INV-STICKY reads them.
#include "pbxsim/engine/profile_service.h"

namespace pbxsim {

void ProfileService::schedule_triggers(UserIndex user) {
  UserProfiles& state = users_[user];
  ++state.trigger_generation;  // timers already queued become stale
  for (const Entry& entry : state.book) {
    for (std::size_t i = 0; i < entry.spec.triggers.size(); ++i) {
      if (entry.spec.triggers[i].kind != ProfileTrigger::Kind::Timed) continue;
      if (state.fired_once.get().count({entry.spec.name, i})) continue;
      schedule_trigger(user, entry.spec.name, i, core_.now_us());
    }
  }
}

void ProfileService::schedule_trigger(UserIndex user, const std::string& profile, std::size_t index, TimeUs from_us) {
  const ProfileTrigger& trigger = find(user, profile)->spec.triggers[index];
  std::optional<TimeUs> at;
  if (trigger.date) {
    at = core_.calendar().time_on_date(*trigger.date, trigger.time_of_day_us);
    if (at && *at < from_us) at.reset();  // that day has passed
  } else {
    at = core_.calendar().next_time_of_day(from_us, trigger.time_of_day_us,
                                         trigger.days != 0 ? trigger.days : kEveryDay);
  }
  if (!at) return;
  const std::uint32_t generation = users_[user].trigger_generation;
  core_.schedule_timer(*at, "timed profile trigger", [this, user, generation, profile, index] { fire_timed(user, generation, profile, index); });
}

void ProfileService::fire_timed(UserIndex user, std::uint32_t generation, const std::string& profile, std::size_t index) {
  UserProfiles& state = users_[user];
  if (generation != state.trigger_generation) return;  // the book changed since: rescheduled
  const Entry* entry = find(user, profile);
  if (entry == nullptr || index >= entry->spec.triggers.size()) return;
  const ProfileTrigger trigger = entry->spec.triggers[index];
  if (trigger.days != 0 && !trigger.date) schedule_trigger(user, profile, index, core_.now_us() + 1);
  else state.fired_once.edit().insert({profile, index});

  const std::string& id = core_.user(user).id;
  const std::string what = "'" + profile + "' " + trigger.describe() + " (" + core_.calendar().describe(core_.now_us()) + ")";
  if (trigger.deactivate) {
    if (state.selected != profile) {
      core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed not-active", .target = profile, .note = what + ": not active, nothing to leave"});
      return;
    }
    const std::string back = !state.previous.empty() ? state.previous : rules_.initial;
    const ProfileChangeDecision decision = decide("trigger", "timer", "timed", user, back);
    if (!decision.allowed || back.empty() || find(user, back) == nullptr) {
      core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed ignored", .previous = state.selected, .target = back, .note = what + ": ignored, " + (decision.reason.empty() ? "nowhere to go back to" : decision.reason)});
      return;
    }
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed fired", .previous = state.selected, .target = back, .note = what + ": fired"});
    switch_to(user, back, "timer");
    return;
  }
  if (state.selected == profile) {
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed already-active", .target = profile, .note = what + ": already active"});
    return;
  }
  const ProfileChangeDecision decision = decide("trigger", "timer", "timed", user, profile);
  if (!decision.allowed) {
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed ignored", .previous = state.selected, .target = profile, .note = what + ": ignored, " + decision.reason});
    return;
  }
  core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "timed fired", .previous = state.selected, .target = profile, .note = what + ": fired"});
  switch_to(user, profile, "timer");
}

void ProfileService::teams(UserIndex user, bool started) {
  TeamsMeeting& meeting = users_[user].teams.edit();
  const std::string& id = core_.user(user).id;
  if (started) {
    if (meeting.in_meeting) {
      core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = id, .note = "Teams meeting start: already in a meeting"});
      return;
    }
    std::string profile;
    for (const Entry& entry : users_[user].book) {
      for (const ProfileTrigger& trigger : entry.spec.triggers) {
        if (trigger.kind == ProfileTrigger::Kind::Teams && profile.empty()) profile = entry.spec.name;
      }
    }
    if (profile.empty()) {
      core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = id, .note = "Teams meeting start: no profile has a Teams trigger"});
      return;
    }
    meeting.in_meeting = true;
    meeting.meeting_switched = false;
    meeting.meeting_profile = profile;
  } else {
    if (!meeting.in_meeting) {
      core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = id, .note = "Teams meeting end: not in a meeting"});
      return;
    }
    meeting.in_meeting = false;
    if (core_.cancel_timer(meeting.timer)) {
      core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "teams-end cancelled", .note = "Teams meeting ended before the profile switched: nothing to do"});
      return;
    }
    if (!meeting.meeting_switched) return;  // the start was ignored: nothing to undo
  }
  // PAS-5: the presence status follows 5 to 10 s later (seeded, per user).
  // A stream per user: one user's meetings never shift another's delays.
  // Derived from the run's seed and the name alone, so making it here, at the
  // first meeting, gives the numbers it gave when every user had one from the start.
  if (!meeting.random) meeting.random = core_.prng().child("teams:" + user_key(id));
  const TimeUs delay_us = meeting.random->duration_between(rules_.teams_delay_min_us, rules_.teams_delay_max_us);
  core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = started ? "teams-start synchronising" : "teams-end synchronising", .note = std::string("Teams meeting ") + (started ? "started" : "ended") + ": synchronising for " +
                  format_duration(delay_us)});
  meeting.timer = core_.schedule_timer(core_.now_us() + delay_us, "teams synchronisation", [this, user, started] { teams_synced(user, started); });
}

void ProfileService::teams_synced(UserIndex user, bool started) {
  UserProfiles& state = users_[user];
  TeamsMeeting& meeting = state.teams.edit();
  meeting.timer = {};
  const std::string& id = core_.user(user).id;
  const std::string target = started ? meeting.meeting_profile : meeting.before_meeting;
  if (!started && state.selected != meeting.meeting_profile) {
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "teams-end stale", .previous = state.selected, .target = meeting.meeting_profile, .note = "Teams meeting ended: '" + meeting.meeting_profile +
                                            "' is no longer selected, staying on '" + state.selected + "'"});
    return;
  }
  if (started && state.selected == target) {
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = "teams-start already-active", .target = target, .note = "Teams meeting: '" + target + "' already active"});
    return;
  }
  const ProfileChangeDecision decision = decide("trigger", "teams", started ? "teams-start" : "teams-end", user, target);
  if (!decision.allowed || find(user, target) == nullptr) {
    core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = started ? "teams-start ignored" : "teams-end ignored", .previous = state.selected, .target = target, .note = std::string("Teams meeting ") + (started ? "start" : "end") + " -> '" + target +
                                            "': ignored, " + (decision.reason.empty() ? "no such profile any more" : decision.reason)});
    return;
  }
  core_.record(TraceKind::Trigger, {.about = TraceAbout::User, .user = id, .reason = started ? "teams-start fired" : "teams-end fired", .previous = state.selected, .target = target, .note = std::string("Teams meeting ") + (started ? "start" : "end") + " -> '" + target + "'"});
  if (started) {
    meeting.before_meeting = state.selected;
    meeting.meeting_switched = true;
  }
  switch_to(user, target, "teams");
}

}  // namespace pbxsim
