// Sections: reading helpers · users and devices · profiles · groups ·
// calendar · pcm · policy settings · the scenario's sections.
#include "feature_reader.h"

#include <algorithm>

#include "pbxsim/engine/time_messages.h"
#include "sandbox_internals.h"
#include "table_reader.h"
#include "topology_reading.h"

namespace pbxsim {
namespace {

// The readers of table_reader.h. A DN, password or name may be written as a
// whole number without quotes, so strings here take numbers too.
using namespace table_reader;

std::optional<std::string> opt_text(lua_State* L, int index, const char* field, const std::string& path) {
  return opt_string(L, index, field, path, "a string", true);
}

// ------------------------------------------------------------ users and devices

}  // namespace

void read_user_profile_fields(lua_State* L, int user_index, const std::string& path, UserSpec& user) {
  UserProfileSpec& spec = user.profiles.edit();
  spec.roles = opt_string_list(L, user_index, "roles", path).value_or(std::vector<std::string>{});
  spec.presence_profiles = opt_bool(L, user_index, "presence_profiles", path).value_or(false);
  spec.disable_dee_ucd_when_logged_out =
      opt_bool(L, user_index, "disable_dee_ucd_when_logged_out", path).value_or(false);
  spec.primary = opt_text(L, user_index, "primary", path).value_or("");
  spec.initial = opt_text(L, user_index, "profile", path).value_or("");
  if (get_field(L, user_index, "profiles") != LUA_TNIL) spec.personal = read_profile_list(L, -1, field_path(path, "profiles"));
  lua_pop(L, 1);
}

void read_device_profile_fields(lua_State* L, int device_index, const std::string& path, DeviceSpec& device) {
  device.dee_main = opt_bool(L, device_index, "dee_main", path).value_or(false);
  device.workplace = opt_bool(L, device_index, "workplace", path).value_or(false);
  device.user_agent = opt_text(L, device_index, "user_agent", path).value_or("");
}

// ---------------------------------------------------------------------- profiles

namespace {

ProfileAction read_action(lua_State* L, int index, const std::string& path) {
  index = lua_absindex(L, index);
  std::vector<std::string> words;
  if (std::optional<std::string> single = text_at(L, index)) {
    words.push_back(*single);
  } else if (lua_istable(L, index)) {
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, index));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, index, i);
      std::optional<std::string> word = text_at(L, -1);
      if (!word) fail(path, "an action is a list of strings such as { \"team_pause\", \"support\" }");
      words.push_back(*word);
      lua_pop(L, 1);
    }
  }
  if (words.empty()) fail(path, "expected an action such as { \"set_redirect\", \"+4930123\" } or \"unset_redirect\"");
  const std::optional<ProfileActionKind> kind = parse_profile_action(words[0]);
  if (!kind) {
    fail(path, "unknown action '" + words[0] + "' (followme, gsm, team_login, team_logout, team_pause, team_unpause, "
               "set_workplace, unset_workplace, set_redirect, unset_redirect)");
  }
  return ProfileAction{*kind, std::vector<std::string>(words.begin() + 1, words.end())};
}

std::vector<ProfileAction> read_chain(lua_State* L, int index, const char* field, const std::string& path) {
  std::vector<ProfileAction> chain;
  const int type = get_field(L, index, field);
  if (type == LUA_TTABLE) {
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, -1, i);
      chain.push_back(read_action(L, -1, field_path(path, field) + "[" + std::to_string(i) + "]"));
      lua_pop(L, 1);
    }
  } else if (type != LUA_TNIL) {
    fail(field_path(path, field), "expected a list of actions, e.g. { { \"team_pause\", \"support\" } }");
  }
  lua_pop(L, 1);
  return chain;
}

// `when_empty`: what to write instead of an empty list (the field's meaning when left out).
WeekdayMask read_days(lua_State* L, int index, const std::string& path,
                      const char* when_empty = "leave days out for a trigger that fires once") {
  const int type = get_field(L, index, "days");
  WeekdayMask days = 0;
  auto add = [&](const std::string& word) {
    if (word == "weekdays" || word == "workdays") days |= kWorkdays;
    else if (word == "daily" || word == "every day") days |= kEveryDay;
    else if (std::optional<int> day = parse_weekday(word)) days |= static_cast<WeekdayMask>(1u << *day);
    else fail(field_path(path, "days"), "unknown weekday '" + word + "' (mon ... sun, \"weekdays\" or \"daily\")");
  };
  if (type == LUA_TSTRING) {
    add(lua_tostring(L, -1));
  } else if (type == LUA_TTABLE) {
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, -1, i);
      if (lua_type(L, -1) != LUA_TSTRING) fail(field_path(path, "days"), "expected weekday names such as { \"mon\", \"fri\" }");
      add(lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    if (days == 0) fail(field_path(path, "days"), std::string("an empty list of weekdays: ") + when_empty);
  } else if (type != LUA_TNIL) {
    fail(field_path(path, "days"), "expected weekday names such as { \"mon\", \"fri\" } or \"weekdays\"");
  }
  lua_pop(L, 1);
  return days;
}

std::vector<ProfileTrigger> read_triggers(lua_State* L, int index, const std::string& path) {
  std::vector<ProfileTrigger> triggers;
  const int type = get_field(L, index, "triggers");
  if (type == LUA_TTABLE) {
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= count; ++i) {
      const std::string item = field_path(path, "triggers") + "[" + std::to_string(i) + "]";
      lua_rawgeti(L, -1, i);
      if (!lua_istable(L, -1)) fail(item, "expected { at = \"12:00\", days = \"weekdays\" } or { teams = true }");
      check_known_fields(L, -1, item, {"at", "days", "date", "leave", "teams"});
      ProfileTrigger trigger;
      if (opt_bool(L, -1, "teams", item).value_or(false)) {
        trigger.kind = ProfileTrigger::Kind::Teams;
      } else {
        const std::optional<std::string> at = opt_text(L, -1, "at", item);
        if (!at) fail(item, "a timed trigger needs at = \"HH:MM\" (or write { teams = true })");
        std::string why;
        const std::optional<TimeUs> time_of_day = parse_time_of_day(*at, &why);
        if (!time_of_day) fail(field_path(item, "at"), why);
        trigger.time_of_day_us = *time_of_day;
        trigger.days = read_days(L, -1, item);
        if (const std::optional<std::string> date = opt_text(L, -1, "date", item)) {
          trigger.date = parse_date(*date, &why);
          if (!trigger.date) fail(field_path(item, "date"), why);
          if (trigger.days != 0) fail(item, "a trigger has days (repeating) or a date (once), not both");
        }
        trigger.deactivate = opt_bool(L, -1, "leave", item).value_or(false);
      }
      triggers.push_back(trigger);
      lua_pop(L, 1);
    }
  } else if (type != LUA_TNIL) {
    fail(field_path(path, "triggers"), "expected a list of triggers");
  }
  lua_pop(L, 1);
  return triggers;
}

}  // namespace

ProfileSpec read_profile(lua_State* L, int index, const std::string& path, const std::string& name,
                         std::vector<std::string>* given) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) fail(path, "expected a profile table, got " + type_name(L, index));
  check_known_fields(L, index, path,
               {"name", "color", "icon", "icon_visible", "sticky", "system", "roles", "destinations", "dnd",
                "dnd_prompt", "forward", "forward_prompt", "group_calls", "enter", "leave", "triggers"});
  ProfileSpec profile;
  profile.name = opt_text(L, index, "name", path).value_or(name);
  profile.color = opt_text(L, index, "color", path).value_or("");
  profile.icon = opt_text(L, index, "icon", path).value_or("");
  profile.icon_visible = opt_bool(L, index, "icon_visible", path).value_or(true);
  profile.sticky = opt_bool(L, index, "sticky", path).value_or(false);
  profile.system = opt_bool(L, index, "system", path).value_or(false);
  profile.roles = opt_string_list(L, index, "roles", path).value_or(std::vector<std::string>{});
  ProfileSettings& settings = profile.settings;
  settings.destinations = opt_string_list(L, index, "destinations", path);
  settings.dnd = opt_bool(L, index, "dnd", path);
  settings.dnd_prompt = opt_bool(L, index, "dnd_prompt", path).value_or(false);
  settings.group_calls = opt_bool(L, index, "group_calls", path);
  settings.forward_prompt = opt_bool(L, index, "forward_prompt", path).value_or(false);
  if (const std::optional<std::string> forward = opt_text(L, index, "forward", path)) {
    if (*forward == "prompt") settings.forward_prompt = true;  // asked for at selection, no default
    else settings.forward = parse_target_text(*forward);
  }
  profile.enter = read_chain(L, index, "enter", path);
  profile.leave = read_chain(L, index, "leave", path);
  profile.triggers = read_triggers(L, index, path);
  if (given != nullptr) {
    for (const std::string& key : sorted_key_names(L, index, path)) {
      if (key == "name" || key == "system") fail(field_path(path, key), "the " + key + " of a profile cannot be edited");
      given->push_back(key);
    }
    // "forward = \"prompt\"" sets the prompt.
    if (settings.forward_prompt && std::find(given->begin(), given->end(), "forward_prompt") == given->end()) {
      given->push_back("forward_prompt");
    }
  }
  return profile;
}

std::vector<ProfileSpec> read_profile_list(lua_State* L, int index, const std::string& path) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) fail(path, "expected profiles: { [\"Lunch\"] = { ... } } or a list of { name = ..., ... }");
  std::vector<ProfileSpec> profiles;
  const auto count = static_cast<lua_Integer>(lua_rawlen(L, index));
  if (count > 0) {
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, index, i);
      const std::string item = path + "[" + std::to_string(i) + "]";
      if (!lua_istable(L, -1) || get_field(L, -1, "name") != LUA_TSTRING) {
        fail(item, "a profile in a list needs name = \"...\"");
      }
      lua_pop(L, 1);
      profiles.push_back(read_profile(L, -1, item, ""));
      lua_pop(L, 1);
    }
    return profiles;
  }
  for_each_entry(L, index, path, [&](const std::string& key, const std::string& item) {
    profiles.push_back(read_profile(L, -1, item, key));
  });
  return profiles;
}

// ------------------------------------------------------------------------ groups

namespace {

void read_groups(lua_State* L, int index, const GroupSpec& defaults, Topology& topology) {
  for_each_entry(L, index, "groups", [&](const std::string& name, const std::string& path) {
    if (!lua_istable(L, -1)) fail(path, "expected { number = \"600\", members = { \"1000\", \"2000\" } }");
    check_known_fields(L, -1, path, kScenarioGroupFields);
    GroupSpec group = defaults;
    group.name = name;
    group.number = opt_text(L, -1, "number", path).value_or("");
    if (const std::optional<std::string> strategy = opt_text(L, -1, "strategy", path)) {
      const std::optional<GroupStrategy> parsed = parse_group_strategy(*strategy);
      if (!parsed) fail(field_path(path, "strategy"), "unknown strategy '" + *strategy + "' (ring-all or hunt)");
      group.strategy = *parsed;
    }
    group.member_ring_us = opt_duration(L, -1, "member_ring", path).value_or(defaults.member_ring_us);
    group.no_answer_us = opt_duration(L, -1, "no_answer", path).value_or(defaults.no_answer_us);
    if (const std::optional<std::string> overflow = opt_text(L, -1, "overflow", path)) {
      group.overflow = parse_target_text(*overflow);
    }
    if (get_field(L, -1, "members") == LUA_TTABLE) {
      const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
      for (lua_Integer i = 1; i <= count; ++i) {
        const std::string item = field_path(path, "members") + "[" + std::to_string(i) + "]";
        lua_rawgeti(L, -1, i);
        GroupMemberSpec member;
        if (std::optional<std::string> dn = text_at(L, -1)) {
          member.line = *dn;
        } else if (lua_istable(L, -1)) {
          check_known_fields(L, -1, item, kScenarioGroupMemberFields);
          const std::optional<std::string> dn_field = opt_text(L, -1, "dn", item);
          if (!dn_field) fail(item, "a member needs dn = \"...\"");
          member.line = *dn_field;
          member.logged_in = opt_bool(L, -1, "logged_in", item).value_or(true);
          member.paused = opt_bool(L, -1, "paused", item).value_or(false);
        } else {
          fail(item, "expected a DN or { dn = ..., logged_in = ..., paused = ... }");
        }
        group.members.push_back(member);
        lua_pop(L, 1);
      }
    } else if (!lua_isnil(L, -1)) {
      fail(field_path(path, "members"), "expected a list of DNs");
    }
    lua_pop(L, 1);
    topology.groups.push_back(group);
  });
}

// ---------------------------------------------------------------------- calendar

// office_hours = { { days = "weekdays", from = "08:00", to = "18:00" }, ... }:
// the spans a site is open, for rules that read call.in_office_hours.
std::vector<OfficeHoursSpan> read_office_hours(lua_State* L, int calendar_index) {
  std::vector<OfficeHoursSpan> spans;
  const std::string path = "calendar.office_hours";
  const int type = get_field(L, calendar_index, "office_hours");
  if (type == LUA_TTABLE) {
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
    if (count == 0) fail(path, "an empty list: leave office_hours out when the site declares none");
    for (lua_Integer i = 1; i <= count; ++i) {
      const std::string item = path + "[" + std::to_string(i) + "]";
      lua_rawgeti(L, -1, i);
      if (!lua_istable(L, -1)) fail(item, "expected { days = \"weekdays\", from = \"08:00\", to = \"18:00\" }");
      check_known_fields(L, -1, item, {"days", "from", "to"});
      OfficeHoursSpan span;
      const WeekdayMask days = read_days(L, -1, item, "leave days out for every day");
      span.days = days != 0 ? days : kEveryDay;
      auto time_field = [&](const char* field) {
        const std::optional<std::string> text = opt_text(L, -1, field, item);
        if (!text) fail(item, std::string("needs ") + field + " = \"HH:MM\"");
        std::string why;
        const std::optional<TimeUs> time_of_day = parse_time_of_day(*text, &why);
        if (!time_of_day) fail(field_path(item, field), why);
        return *time_of_day;
      };
      span.opens_us = time_field("from");
      span.closes_us = time_field("to");
      if (span.closes_us <= span.opens_us) {
        fail(field_path(item, "to"), "closes at or before it opens: a span lies within one day (write a night shift as two spans)");
      }
      spans.push_back(span);
      lua_pop(L, 1);
    }
  } else if (type != LUA_TNIL) {
    fail(path, "expected a list of { days = \"weekdays\", from = \"08:00\", to = \"18:00\" }");
  }
  lua_pop(L, 1);
  return spans;
}

void read_calendar(lua_State* L, int scenario_index, Topology& topology) {
  const int type = get_field(L, scenario_index, "calendar");
  std::optional<std::string> start;
  std::string path = "calendar";
  std::vector<OfficeHoursSpan> office_hours;
  if (type == LUA_TSTRING) {
    start = lua_tostring(L, -1);
  } else if (type == LUA_TTABLE) {
    check_known_fields(L, -1, path, {"start", "office_hours"});
    start = opt_text(L, -1, "start", path);
    office_hours = read_office_hours(L, -1);
    path = "calendar.start";
  } else if (type != LUA_TNIL) {
    fail(path, "expected { start = \"Mon 2024-05-06 08:00\", office_hours = { ... } }");
  }
  lua_pop(L, 1);
  if (start) {
    std::string why;
    const std::optional<CalendarSpec> spec = parse_calendar_start(*start, &why);
    if (!spec) fail(path, why);
    topology.calendar = *spec;
  }
  topology.calendar.office_hours = std::move(office_hours);
}

// --------------------------------------------------------------------------- pcm

// PCM values: yes/no for subscribed (true/false too), whole numbers as text,
// "default" / "use default" (or leaving the field out) inherits.
std::string pcm_value(lua_State* L, const std::string& path) {
  if (lua_type(L, -1) == LUA_TBOOLEAN) return lua_toboolean(L, -1) != 0 ? "yes" : "no";
  if (std::optional<std::string> text = text_at(L, -1)) return *text;
  fail(path, "expected a value or \"default\", got " + type_name(L, -1));
}

InheritanceLevel read_level(lua_State* L, int index, const std::string& label, const std::string& path,
                            std::initializer_list<const char*> extra) {
  InheritanceLevel level{label, path, read_pcm_values(L, index, path, extra)};
  return level;
}

void read_pcm(lua_State* L, int index, const PcmRules& rules, const InheritanceLevel& policy_system, Topology& topology) {
  PcmConfig& pcm = topology.pcm;
  pcm.present = true;
  pcm.rules = rules;
  check_known_fields(L, index, "pcm", {"system", "service_levels", "gateway_models", "profiles", "business_groups", "lines"});
  pcm.system = policy_system;
  pcm.system.name = "system default";
  pcm.system.path = "pcm.system";
  if (get_field(L, index, "system") == LUA_TTABLE) {
    for (const auto& [field, value] : read_pcm_values(L, -1, "pcm.system", {})) set_inherited(pcm.system, field, value);
  }
  lua_pop(L, 1);
  if (get_field(L, index, "service_levels") == LUA_TTABLE) {
    for_each_entry(L, -1, "pcm.service_levels", [&](const std::string& name, const std::string& path) {
      PcmServiceLevel level{name, {}};
      if (std::optional<std::string> one = text_at(L, -1)) {
        level.domains.push_back(*one);
      } else if (lua_istable(L, -1)) {
        const auto count = static_cast<lua_Integer>(lua_rawlen(L, -1));
        for (lua_Integer i = 1; i <= count; ++i) {
          lua_rawgeti(L, -1, i);
          std::optional<std::string> domain = text_at(L, -1);
          if (!domain) fail(path, "expected the licensed SIP domains: { \"pcm.example.net\" }");
          level.domains.push_back(*domain);
          lua_pop(L, 1);
        }
      } else {
        fail(path, "expected the licensed SIP domains: { \"pcm.example.net\" }");
      }
      pcm.service_levels.push_back(level);
    });
  }
  lua_pop(L, 1);
  if (get_field(L, index, "gateway_models") == LUA_TTABLE) {
    for_each_entry(L, -1, "pcm.gateway_models", [&](const std::string& name, const std::string& path) {
      std::optional<std::string> user_agent = text_at(L, -1);
      if (!user_agent) fail(path, "expected the User-Agent text that identifies the model (\"\" for none)");
      pcm.gateway_models.push_back(PcmGatewayModel{name, *user_agent});
    });
  }
  lua_pop(L, 1);
  if (get_field(L, index, "profiles") == LUA_TTABLE) {
    for_each_entry(L, -1, "pcm.profiles", [&](const std::string& name, const std::string& path) {
      pcm.profile_names.push_back(name);
      pcm.profiles.push_back(read_level(L, -1, "profile " + name, path, {}));
    });
  }
  lua_pop(L, 1);
  if (get_field(L, index, "business_groups") == LUA_TTABLE) {
    for_each_entry(L, -1, "pcm.business_groups", [&](const std::string& name, const std::string& path) {
      PcmBusinessGroup group{name, {}, read_level(L, -1, "business group " + name, path, {"profile"})};
      group.profile = opt_text(L, -1, "profile", path).value_or("");
      pcm.business_groups.push_back(group);
    });
  }
  lua_pop(L, 1);
  if (get_field(L, index, "lines") == LUA_TTABLE) {
    for_each_entry(L, -1, "pcm.lines", [&](const std::string& number, const std::string& path) {
      PcmLine line;
      line.number = number;
      line.own = read_level(L, -1, "line " + number, path, {"type", "profile", "business_group", "password"});
      line.profile = opt_text(L, -1, "profile", path).value_or("");
      line.business_group = opt_text(L, -1, "business_group", path).value_or("");
      line.password = opt_text(L, -1, "password", path).value_or("");
      line.type = opt_text(L, -1, "type", path).value_or(line.business_group.empty() ? "individual" : "business_group");
      pcm.lines.push_back(line);
    });
  }
  lua_pop(L, 1);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> read_pcm_values(lua_State* L, int index, const std::string& path,
                                                                 std::initializer_list<const char*> extra_fields) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) fail(path, "expected a table of PCM fields, got " + type_name(L, index));
  std::vector<std::string> known(kPcmFields.begin(), kPcmFields.end());
  for (const char* extra : extra_fields) known.emplace_back(extra);
  std::vector<std::pair<std::string, std::string>> values;
  for (const std::string& key : sorted_key_names(L, index, path)) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      fail(field_path(path, key), "unknown field '" + key + "' (known fields: " + list + ")");
    }
    if (std::find(kPcmFields.begin(), kPcmFields.end(), key) == kPcmFields.end()) continue;
    push_entry(L, index, key);
    const std::string value = pcm_value(L, field_path(path, key));
    lua_pop(L, 1);
    if (!is_use_default(value)) values.emplace_back(key, value);
  }
  return values;
}

// --------------------------------------------------------------- policy settings

void read_policy_features(lua_State* L, int index, PolicyDefaults& defaults) {
  if (get_field(L, index, "groups") == LUA_TTABLE) {
    check_known_fields(L, -1, "groups", {"strategy", "member_ring", "no_answer"});
    if (const std::optional<std::string> strategy = opt_text(L, -1, "strategy", "groups")) {
      const std::optional<GroupStrategy> parsed = parse_group_strategy(*strategy);
      if (!parsed) fail("groups.strategy", "unknown strategy '" + *strategy + "' (ring-all or hunt)");
      defaults.group.strategy = *parsed;
    }
    defaults.group.member_ring_us = opt_duration(L, -1, "member_ring", "groups").value_or(defaults.group.member_ring_us);
    defaults.group.no_answer_us = opt_duration(L, -1, "no_answer", "groups").value_or(defaults.group.no_answer_us);
  }
  lua_pop(L, 1);

  if (get_field(L, index, "profiles") == LUA_TTABLE) {
    const std::string path = "profiles";
    check_known_fields(L, -1, path,
                 {"defaults", "initial", "fallback", "teams_delay", "leave_before_enter", "mismatch_alerts",
                  "apply_on", "hot_desk_option"});
    ProfileRules& rules = defaults.profiles;
    if (get_field(L, -1, "defaults") != LUA_TNIL) rules.defaults = read_profile_list(L, -1, "profiles.defaults");
    lua_pop(L, 1);
    rules.initial = opt_text(L, -1, "initial", path).value_or("");
    rules.fallback = opt_text(L, -1, "fallback", path).value_or("");
    if (const std::optional<std::vector<std::string>> delay = opt_string_list(L, -1, "teams_delay", path)) {
      std::string why;
      const std::optional<TimeUs> low = delay->size() == 2 ? parse_duration((*delay)[0], &why) : std::nullopt;
      const std::optional<TimeUs> high = delay->size() == 2 ? parse_duration((*delay)[1], &why) : std::nullopt;
      if (!low || !high || *low > *high) fail("profiles.teams_delay", "expected { \"5s\", \"10s\" } (lowest, highest)");
      rules.teams_delay_min_us = *low;
      rules.teams_delay_max_us = *high;
    }
    rules.leave_before_enter = opt_bool(L, -1, "leave_before_enter", path).value_or(true);
    rules.mismatch_alerts = opt_bool(L, -1, "mismatch_alerts", path).value_or(false);
    rules.hot_desk_option = opt_bool(L, -1, "hot_desk_option", path).value_or(false);
    for (const std::string& event : opt_string_list(L, -1, "apply_on", path).value_or(std::vector<std::string>{})) {
      if (event == "phone-manager") rules.apply_on_phone_manager = true;
      else if (event == "login") rules.apply_on_login = true;
      else fail("profiles.apply_on", "unknown event '" + event + "' (phone-manager, login)");
    }
  }
  lua_pop(L, 1);

  if (get_field(L, index, "pcm") == LUA_TTABLE) {
    const std::string path = "pcm";
    check_known_fields(L, -1, path, {"not_applicable", "derived_model", "single_registration", "system"});
    PcmRules& rules = defaults.pcm;
    if (get_field(L, -1, "not_applicable") == LUA_TTABLE) {
      for_each_entry(L, -1, "pcm.not_applicable", [&](const std::string& type, const std::string& item) {
        std::optional<std::string> name = text_at(L, -1);
        if (!name) fail(item, "expected the line type's name, e.g. teen = \"Teen Service Line\"");
        rules.excluded_line_types.emplace_back(type, *name);
      });
    }
    lua_pop(L, 1);
    rules.derived_model = opt_text(L, -1, "derived_model", path).value_or(rules.derived_model);
    rules.single_registration = opt_bool(L, -1, "single_registration", path).value_or(true);
    if (get_field(L, -1, "system") == LUA_TTABLE) {
      defaults.pcm_system.values = read_pcm_values(L, -1, "pcm.system", {});
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

// --------------------------------------------------------- the scenario's sections

void read_scenario_features(lua_State* L, int scenario_index, const PolicyDefaults& defaults, Topology& topology) {
  scenario_index = lua_absindex(L, scenario_index);
  read_calendar(L, scenario_index, topology);
  const int groups = get_field(L, scenario_index, "groups");
  if (groups == LUA_TTABLE) read_groups(L, -1, defaults.group, topology);
  else if (groups != LUA_TNIL) fail("groups", "expected a table of groups by name");
  lua_pop(L, 1);
  if (get_field(L, scenario_index, "profiles") != LUA_TNIL) topology.profiles = read_profile_list(L, -1, "profiles");
  lua_pop(L, 1);
  const int pcm = get_field(L, scenario_index, "pcm");
  if (pcm == LUA_TTABLE) read_pcm(L, -1, defaults.pcm, defaults.pcm_system, topology);
  else if (pcm != LUA_TNIL) fail("pcm", "expected a table: { system = ..., profiles = ..., lines = ... }");
  lua_pop(L, 1);
}

}  // namespace pbxsim
