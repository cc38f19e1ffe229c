// Profiles at run time. Each user has a book of profiles (the policy's
// defaults, the server-side ones, their own) and at most one selected. A
// switch runs the old profile's leave chain, applies the new profile's
// settings and runs its enter chain (PAS-8); triggers switch by time of day
// (PAS-4) or Teams meetings (PAS-5) unless a sticky profile holds (PAS-6).
// Settings are applied only at events: a selection, an edit of the selected
// profile, a Phone Manager connect, a hot-desk login (PP-5); manual changes
// in between stick and, where the policy wants it, raise a mismatch alert
// (PP-6). Hot desking is extension mobility (mobility.h): the service listens
// to its logins and logouts (PP-8).
//
// Sources: profile_service.cpp (book, selection, settings, mismatches, Phone
// Manager, hot desk), profile_actions.cpp (chains), profile_triggers.cpp
// (timed and Teams triggers).
#pragma once

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/profiles.h"
#include "pbxsim/engine/sparse_indexed.h"

namespace pbxsim {

// Answers the user gives when selecting a profile that prompts (PP-2).
struct ProfilePrompts {
  std::optional<bool> dnd;
  std::optional<Target> forward;
};

// A change to an existing profile: the fields named in `fields` are taken from `values`.
struct ProfileEdit {
  ProfileSpec values;
  std::vector<std::string> fields;  // destinations, dnd, dnd_prompt, forward, forward_prompt, group_calls,
                                    // sticky, color, icon, icon_visible, roles, enter, leave, triggers
};

class ProfileService final : public PbxFeature {
 public:
  std::string_view feature_name() const override { return "profiles"; }
  enum class Origin : std::uint8_t { Default, Shared, Personal };
  struct Entry {
    ProfileSpec spec;
    Origin origin;
  };
  // A user's profiles. Users start with the same defaults and shared
  // profiles, so they hold one copy between them until a user's book
  // changes (an addition, an edit, a deletion; personal profiles): a day of
  // 100 000 users keeps one book in the cache, not 100 000.
  class Book {
   public:
    explicit Book(std::shared_ptr<std::vector<Entry>> entries) : entries_(std::move(entries)) {}
    const Entry* begin() const { return entries_->data(); }
    const Entry* end() const { return entries_->data() + entries_->size(); }
    bool empty() const { return entries_->empty(); }
    // This user's own copy, made on the first change.
    std::vector<Entry>& edit() {
      if (entries_.use_count() > 1) entries_ = std::make_shared<std::vector<Entry>>(*entries_);
      return *entries_;
    }

   private:
    std::shared_ptr<std::vector<Entry>> entries_;
  };
  // A Teams meeting's state (PAS-5), made at a user's first meeting event.
  struct TeamsMeeting {
    bool in_meeting = false;
    bool meeting_switched = false;
    std::string meeting_profile;
    std::string before_meeting;
    TimerHandle timer;
    std::optional<Prng> random;  // the user's "teams:<user>" stream, derived at the first delay drawn
  };
  // A user's state. What few users ever use (prompt answers, Teams, fired
  // triggers, mismatch reports) is boxed: a million users carry a pointer
  // for each, not the empty values.
  struct UserProfiles {
    explicit UserProfiles(Book shared_book) : book(std::move(shared_book)) {}
    Book book;
    std::string selected;  // empty: none
    std::string previous;  // selected before the last switch
    Boxed<ProfilePrompts> answers;  // the prompts answered when the selected profile was chosen
    DeviceIndex primary_device = kNoIndex;
    LineIndex primary_line = kNoIndex;
    DeviceIndex phone_manager = kNoIndex;  // the soft phone Phone Manager is connected to (PP-7)
    Boxed<TeamsMeeting> teams;
    // Timed triggers (PAS-4): timers of an older generation are stale.
    std::uint32_t trigger_generation = 0;
    Boxed<std::set<std::pair<std::string, std::size_t>>> fired_once;
    Boxed<std::vector<std::string>> last_mismatch;
  };

  ProfileService(FeatureContext& core, const Topology& topology);

  const UserProfiles& user(UserIndex user) const { return users_[user]; }
  const Entry* find(UserIndex user, std::string_view name) const;
  bool offered(UserIndex user, const ProfileSpec& profile) const;
  // Where the user's devices differ from the selected profile (PP-6), e.g. "dnd on desk is reject, profile says off".
  std::vector<std::string> differences(UserIndex user) const;

  // Stimuli. `user` nullopt: the administrator, for server-side profiles (PAS-9).
  void select(UserIndex user, const std::string& name, const ProfilePrompts& prompts);
  void add(std::optional<UserIndex> user, const ProfileSpec& profile);
  void edit(std::optional<UserIndex> user, const std::string& name, const ProfileEdit& edit);
  void remove(std::optional<UserIndex> user, const std::string& name);
  void teams(UserIndex user, bool started);
  void phone_manager(UserIndex user, DeviceIndex device);  // kNoIndex: Phone Manager shuts down

  // Pbx hooks.
  void state_changed();  // after a manual change (PP-5, PP-6)
  void dnd_set_by_user() override { state_changed(); }

  // Runs one action for a user (profile_actions.cpp); public for the unit tests of chains.
  void run_action(UserIndex user, const ProfileAction& action, const std::string& cause);

 private:
  // profile_service.cpp
  void start();
  ProfileChangeDecision decide(std::string_view change, std::string_view by, std::string_view trigger,
                               std::optional<UserIndex> user, const std::string& profile);
  void refuse(std::optional<UserIndex> user, const std::string& what, const std::string& reason);
  void switch_to(UserIndex user, const std::string& name, const std::string& cause);
  void apply_settings(UserIndex user, const std::string& cause);
  ProfileSettings effective_settings(UserIndex user) const;
  // A user's extension's devices: a desk phone and a soft phone, nearly always.
  using Devices = InlineVector<DeviceIndex, 4>;
  Devices extension_devices(UserIndex user) const;
  bool hot_desk_override(UserIndex user) const;
  // PP-8: a user logged in to or out of `device` (a Mobility listener).
  void hot_desk_changed(DeviceIndex device, bool logged_in);
  void check_mismatch(UserIndex user);
  Entry* find_mutable(UserIndex user, std::string_view name);
  // Model changes, traced when they change something.
  void set_active(DeviceIndex device, bool active, const std::string& cause);
  void set_dnd(DeviceIndex device, bool on, const std::string& cause);
  void set_forward(LineIndex line, const Target& target, const std::string& cause);
  void set_voicemail(LineIndex line, bool enabled, const std::string& cause);
  // profile_actions.cpp
  void run_chain(UserIndex user, const std::string& profile, bool enter, const std::string& cause);
  // profile_triggers.cpp
  void schedule_triggers(UserIndex user);
  void schedule_trigger(UserIndex user, const std::string& profile, std::size_t index, TimeUs from_us);
  void fire_timed(UserIndex user, std::uint32_t generation, const std::string& profile, std::size_t index);
  void teams_synced(UserIndex user, bool started);

  FeatureContext& core_;
  const ProfileRules rules_;
  SparseIndexed<UserIndex, UserProfileSpec> user_specs_;  // the users that set any profile option
  IndexedVector<DeviceIndex, bool> dee_main_;
  SparseIndexed<LineIndex, Target> configured_cfa_;  // the lines configured with one; to restore (unset_redirect, Phone Manager shutdown)
  IndexedVector<UserIndex, UserProfiles> users_;
};

}  // namespace pbxsim
