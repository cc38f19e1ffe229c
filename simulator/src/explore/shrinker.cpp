// Sections: removing parts · simpler attributes · earlier and closer times ·
// plain names · the loop.
#include "pbxsim/simulator/explore/shrinker.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace pbxsim {
namespace {

bool is_device_step(CaseStep::Kind kind) {
  return kind == CaseStep::Kind::Answer || kind == CaseStep::Kind::DeviceHangup || kind == CaseStep::Kind::Dnd ||
         kind == CaseStep::Kind::Register || kind == CaseStep::Kind::Unregister || kind == CaseStep::Kind::Login ||
         kind == CaseStep::Kind::Logout || kind == CaseStep::Kind::Park || kind == CaseStep::Kind::Retrieve ||
         kind == CaseStep::Kind::Pickup || kind == CaseStep::Kind::Delete;
}

bool is_pcm_step(CaseStep::Kind kind) { return kind == CaseStep::Kind::PcmConnect || kind == CaseStep::Kind::PcmPassword; }

// Removes the steps `drop` says, and the hang-ups of calls removed with them.
ExploreCase remove_steps_if(const ExploreCase& c, const std::function<bool(const CaseStep&)>& drop) {
  ExploreCase smaller = c;
  std::set<std::string> removed_calls;
  for (const CaseStep& step : c.steps) {
    if (step.kind == CaseStep::Kind::Call && drop(step)) removed_calls.insert(step.label);
  }
  std::erase_if(smaller.steps, [&](const CaseStep& step) {
    return drop(step) || (step.kind == CaseStep::Kind::CallerHangup && removed_calls.count(step.subject));
  });
  return smaller;
}

// One change to a case; false when it would change nothing.
using CaseEdit = std::function<bool(ExploreCase&)>;

void sort_by_time(ExploreCase& c) {
  std::stable_sort(c.steps.begin(), c.steps.end(), [](const CaseStep& a, const CaseStep& b) { return a.at_us < b.at_us; });
}

}  // namespace

// --------------------------------------------------------------- removing parts

std::optional<ExploreCase> without_steps(const ExploreCase& c, std::size_t first, std::size_t count) {
  if (first >= c.steps.size() || count == 0) return std::nullopt;
  const std::size_t end = std::min(c.steps.size(), first + count);
  ExploreCase smaller = c;
  std::set<std::string> removed_calls;
  for (std::size_t i = first; i < end; ++i) {
    if (c.steps[i].kind == CaseStep::Kind::Call) removed_calls.insert(c.steps[i].label);
  }
  smaller.steps.clear();
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const CaseStep& step = c.steps[i];
    if (i >= first && i < end) continue;
    if (step.kind == CaseStep::Kind::CallerHangup && removed_calls.count(step.subject)) continue;
    smaller.steps.push_back(step);
  }
  return smaller;
}

std::optional<ExploreCase> without_device(const ExploreCase& c, std::size_t index) {
  if (index >= c.devices.size()) return std::nullopt;
  const std::string name = c.devices[index].name;
  ExploreCase smaller =
      remove_steps_if(c, [&](const CaseStep& step) { return is_device_step(step.kind) && step.subject == name; });
  smaller.devices.erase(smaller.devices.begin() + static_cast<std::ptrdiff_t>(index));
  for (CaseDevice& device : smaller.devices) {
    if (device.primary == name) device.primary.clear();
  }
  return smaller;
}

std::optional<ExploreCase> without_line(const ExploreCase& c, std::size_t index) {
  if (index >= c.lines.size()) return std::nullopt;
  const std::string number = c.lines[index].number;
  ExploreCase smaller = remove_steps_if(c, [&](const CaseStep& step) {
    return (step.kind == CaseStep::Kind::Call && step.value == number) || (is_pcm_step(step.kind) && step.subject == number);
  });
  std::erase_if(smaller.pcm.lines, [&](const CasePcmLine& line) { return line.number == number; });
  smaller.lines.erase(smaller.lines.begin() + static_cast<std::ptrdiff_t>(index));
  for (CaseDevice& device : smaller.devices) {
    std::erase_if(device.lines, [&](const CaseAppearance& appearance) { return appearance.dn == number; });
  }
  for (CaseLine& line : smaller.lines) {
    for (std::string* target : {&line.cfa, &line.cfb, &line.cfna}) {
      if (*target == number) target->clear();
    }
  }
  for (CaseStep& step : smaller.steps) {
    if (step.kind == CaseStep::Kind::Unregister && step.value == number) step.value.clear();
  }
  for (CaseDeviceProfile& profile : smaller.device_profiles) std::erase(profile.lines, number);
  for (CaseGroup& group : smaller.groups) {
    std::erase_if(group.members, [&](const CaseGroupMember& member) { return member.dn == number; });
    if (group.overflow == number) group.overflow.clear();
  }
  std::erase_if(smaller.steps, [&](const CaseStep& step) {
    return step.kind == CaseStep::Kind::GroupMember && step.member == number;
  });
  return smaller;
}

std::optional<ExploreCase> without_group(const ExploreCase& c, std::size_t index) {
  if (index >= c.groups.size()) return std::nullopt;
  const CaseGroup& group = c.groups[index];
  ExploreCase smaller = remove_steps_if(c, [&](const CaseStep& step) {
    return (step.kind == CaseStep::Kind::Call && step.value == group.number) ||
           (step.kind == CaseStep::Kind::GroupMember && step.subject == group.name);
  });
  smaller.groups.erase(smaller.groups.begin() + static_cast<std::ptrdiff_t>(index));
  return smaller;
}

// The group gone, its calls dialled to its first member's line instead: a
// failure that needs a call to ring a line, not the group, keeps it.
std::optional<ExploreCase> with_group_calls_direct(const ExploreCase& c, std::size_t index) {
  if (index >= c.groups.size() || c.groups[index].members.empty()) return std::nullopt;
  const CaseGroup& group = c.groups[index];
  ExploreCase smaller = remove_steps_if(
      c, [&](const CaseStep& step) { return step.kind == CaseStep::Kind::GroupMember && step.subject == group.name; });
  for (CaseStep& step : smaller.steps) {
    if (step.kind == CaseStep::Kind::Call && step.value == group.number) step.value = group.members.front().dn;
  }
  smaller.groups.erase(smaller.groups.begin() + static_cast<std::ptrdiff_t>(index));
  return smaller;
}

std::optional<ExploreCase> without_profile(const ExploreCase& c, std::size_t index) {
  if (index >= c.profiles.size()) return std::nullopt;
  const std::string name = c.profiles[index].name;
  ExploreCase smaller =
      remove_steps_if(c, [&](const CaseStep& step) { return step.kind == CaseStep::Kind::Profile && step.value == name; });
  smaller.profiles.erase(smaller.profiles.begin() + static_cast<std::ptrdiff_t>(index));
  if (smaller.profiles.empty()) smaller.calendar.clear();
  return smaller;
}

std::optional<ExploreCase> without_user(const ExploreCase& c, std::size_t index) {
  if (index >= c.users.size()) return std::nullopt;
  const std::string id = c.users[index].id;
  ExploreCase smaller = remove_steps_if(c, [&](const CaseStep& step) {
    return ((step.kind == CaseStep::Kind::Mode || step.kind == CaseStep::Kind::Profile || step.kind == CaseStep::Kind::Teams ||
             step.kind == CaseStep::Kind::ClientRestart || step.kind == CaseStep::Kind::Search) &&
            step.subject == id) ||
           (step.kind == CaseStep::Kind::Login && step.value == id);
  });
  std::erase_if(smaller.device_profiles, [&](const CaseDeviceProfile& profile) { return profile.user == id; });
  smaller.users.erase(smaller.users.begin() + static_cast<std::ptrdiff_t>(index));
  for (CaseDevice& device : smaller.devices) {
    if (device.owner == id) device.owner.clear();
  }
  for (CaseLine& line : smaller.lines) {
    if (line.user == id) line.user.clear();
  }
  return smaller;
}

namespace {

std::optional<ExploreCase> without_external(const ExploreCase& c, std::size_t index) {
  if (index >= c.externals.size()) return std::nullopt;
  const std::string number = c.externals[index].number;
  ExploreCase smaller = c;
  smaller.externals.erase(smaller.externals.begin() + static_cast<std::ptrdiff_t>(index));
  for (CaseLine& line : smaller.lines) {
    for (std::string* target : {&line.cfa, &line.cfb, &line.cfna}) {
      if (*target == number) target->clear();
    }
  }
  return smaller;
}

// ---------------------------------------------------------- simpler attributes

// Every edit that sets one attribute of `c` back to its default. Edits, not
// edited copies: a copy per attribute of a case with n steps would be n
// copies of n steps (quadratic in what the generators or a user made).
std::vector<CaseEdit> simpler_attributes(const ExploreCase& c) {
  std::vector<CaseEdit> candidates;
  auto offer = [&](CaseEdit edit) { candidates.push_back(std::move(edit)); };
  offer([](ExploreCase& x) { return std::exchange(x.hop_limit, 0) != 0; });
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    for (std::string CaseLine::*field : {&CaseLine::cfa, &CaseLine::cfb, &CaseLine::cfna, &CaseLine::user}) {
      offer([=](ExploreCase& x) { return !std::exchange(x.lines[i].*field, std::string()).empty(); });
    }
    offer([=](ExploreCase& x) { return std::exchange(x.lines[i].no_answer_us, 0) != 0; });
    offer([=](ExploreCase& x) { return std::exchange(x.lines[i].max_registrations, 0) != 0; });
  }
  for (std::size_t i = 0; i < c.devices.size(); ++i) {
    offer([=](ExploreCase& x) { return !std::exchange(x.devices[i].kind, std::string()).empty(); });
    offer([=](ExploreCase& x) { return !std::exchange(x.devices[i].owner, std::string()).empty(); });
    offer([=](ExploreCase& x) { return std::exchange(x.devices[i].lifetime_us, 0) != 0; });
    offer([=](ExploreCase& x) { return !std::exchange(x.devices[i].register_at_start, true); });
    offer([=](ExploreCase& x) { return !std::exchange(x.devices[i].user_agent, std::string()).empty(); });
    for (std::size_t j = 0; j < c.devices[i].lines.size(); ++j) {
      offer([=](ExploreCase& x) {
        x.devices[i].lines.erase(x.devices[i].lines.begin() + static_cast<std::ptrdiff_t>(j));
        return true;
      });
      offer([=](ExploreCase& x) {
        CaseAppearance& appearance = x.devices[i].lines[j];
        const bool changed = appearance.max_calls != 0 || appearance.busy_trigger != 0;
        appearance.max_calls = appearance.busy_trigger = 0;
        return changed;
      });
    }
  }
  for (std::size_t i = 0; i < c.users.size(); ++i) {
    offer([=](ExploreCase& x) { return !std::exchange(x.users[i].mode, std::string()).empty(); });
    offer([=](ExploreCase& x) { return std::exchange(x.users[i].cup, false) || std::exchange(x.users[i].cupc, false); });
  }
  offer([](ExploreCase& x) { return std::exchange(x.licences_authorised, -1) != -1; });
  // PCM: a profile or the Business Group gone (its lines "use default"), an explicit field back to "use default".
  for (std::size_t i = 0; i < c.pcm.profiles.size(); ++i) {
    offer([=](ExploreCase& x) {
      const std::string name = x.pcm.profiles[i].first;
      x.pcm.profiles.erase(x.pcm.profiles.begin() + static_cast<std::ptrdiff_t>(i));
      for (CasePcmLine& line : x.pcm.lines) {
        if (line.profile == name) line.profile.clear();
      }
      for (CasePcmBusinessGroup& group : x.pcm.business_groups) {
        if (group.profile == name) group.profile.clear();
      }
      return true;
    });
    for (std::size_t j = 0; j < c.pcm.profiles[i].second.size(); ++j) {
      offer([=](ExploreCase& x) {
        x.pcm.profiles[i].second.erase(x.pcm.profiles[i].second.begin() + static_cast<std::ptrdiff_t>(j));
        return true;
      });
    }
  }
  if (!c.pcm.business_groups.empty()) {
    offer([](ExploreCase& x) {
      x.pcm.business_groups.clear();
      for (CasePcmLine& line : x.pcm.lines) line.type.clear(), line.business_group.clear();
      return true;
    });
  }
  for (std::size_t i = 0; i < c.pcm.lines.size(); ++i) {
    offer([=](ExploreCase& x) { return !std::exchange(x.pcm.lines[i].profile, std::string()).empty(); });
    for (std::size_t j = 0; j < c.pcm.lines[i].own.size(); ++j) {
      offer([=](ExploreCase& x) {
        x.pcm.lines[i].own.erase(x.pcm.lines[i].own.begin() + static_cast<std::ptrdiff_t>(j));
        return true;
      });
    }
  }
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    offer([=](ExploreCase& x) { return !std::exchange(x.groups[i].strategy, std::string()).empty(); });
    offer([=](ExploreCase& x) { return std::exchange(x.groups[i].member_ring_us, 0) != 0; });
    offer([=](ExploreCase& x) { return !std::exchange(x.groups[i].overflow, std::string()).empty(); });
    for (std::size_t j = 0; j < c.groups[i].members.size(); ++j) {
      offer([=](ExploreCase& x) { return !std::exchange(x.groups[i].members[j].logged_in, true); });
      offer([=](ExploreCase& x) { return std::exchange(x.groups[i].members[j].paused, false); });
      offer([=](ExploreCase& x) {
        x.groups[i].members.erase(x.groups[i].members.begin() + static_cast<std::ptrdiff_t>(j));
        return true;
      });
    }
  }
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    offer([=](ExploreCase& x) { return std::exchange(x.steps[i].lifetime_us, 0) != 0; });
    if (c.steps[i].kind == CaseStep::Kind::Unregister) {
      offer([=](ExploreCase& x) { return !std::exchange(x.steps[i].value, std::string()).empty(); });
    }
  }
  return candidates;
}

// ------------------------------------------------------ earlier and closer times

std::vector<CaseEdit> earlier_times(const ExploreCase& c) {
  std::vector<CaseEdit> candidates;
  auto offer = [&](CaseEdit edit) {
    candidates.push_back([edit = std::move(edit)](ExploreCase& x) {
      if (!edit(x)) return false;
      sort_by_time(x);
      return true;
    });
  };
  if (c.steps.empty()) return candidates;
  // Everything earlier, so the first step is at 1 s.
  offer([=](ExploreCase& x) {
    const TimeUs shift = x.steps.front().at_us - kUsPerSecond;
    if (shift <= 0) return false;
    for (CaseStep& step : x.steps) step.at_us -= shift;
    return true;
  });
  for (std::size_t i = 1; i < c.steps.size(); ++i) {
    // Close a gap to one second, moving everything after it.
    offer([=](ExploreCase& x) {
      const TimeUs gap = x.steps[i].at_us - x.steps[i - 1].at_us;
      if (gap <= kUsPerSecond) return false;
      for (std::size_t k = i; k < x.steps.size(); ++k) x.steps[k].at_us -= gap - kUsPerSecond;
      return true;
    });
  }
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    offer([=](ExploreCase& x) {  // whole seconds
      const TimeUs whole = x.steps[i].at_us / kUsPerSecond * kUsPerSecond;
      if (whole == x.steps[i].at_us || whole < kUsPerSecond) return false;
      x.steps[i].at_us = whole;
      return true;
    });
    if (i > 0) {
      offer([=](ExploreCase& x) {  // at the same time as the step before
        if (x.steps[i].at_us == x.steps[i - 1].at_us) return false;
        x.steps[i].at_us = x.steps[i - 1].at_us;
        return true;
      });
    }
  }
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    offer([=](ExploreCase& x) {
      TimeUs& timer = x.lines[i].no_answer_us;
      if (timer <= kUsPerSecond) return false;
      timer = std::max(kUsPerSecond, timer / 2 / kUsPerSecond * kUsPerSecond);
      return true;
    });
  }
  for (std::size_t i = 0; i < c.devices.size(); ++i) {
    offer([=](ExploreCase& x) {
      TimeUs& lifetime = x.devices[i].lifetime_us;
      if (lifetime <= kUsPerSecond) return false;
      lifetime = std::max(kUsPerSecond, lifetime / 2 / kUsPerSecond * kUsPerSecond);
      return true;
    });
  }
  return candidates;
}

}  // namespace

// ---------------------------------------------------------------- plain names

ExploreCase with_plain_names(const ExploreCase& c) {
  ExploreCase plain = c;
  std::map<std::string, std::string> devices, lines, users, calls, callers, externals, groups, group_numbers;
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    groups[c.groups[i].name] = "g" + std::to_string(i + 1);
    group_numbers[c.groups[i].number] = std::to_string(600 + i);
  }
  for (std::size_t i = 0; i < c.devices.size(); ++i) devices[c.devices[i].name] = "d" + std::to_string(i + 1);
  for (std::size_t i = 0; i < c.lines.size(); ++i) lines[c.lines[i].number] = std::to_string(1000 + i);
  for (std::size_t i = 0; i < c.users.size(); ++i) users[c.users[i].id] = "u" + std::to_string(i + 1);
  for (std::size_t i = 0; i < c.externals.size(); ++i) {
    externals[c.externals[i].number] = "+1555000" + std::to_string(2000 + i);
  }
  for (const CaseStep& step : c.steps) {
    if (step.kind != CaseStep::Kind::Call) continue;
    const std::string n = std::to_string(calls.size() + 1);
    calls[step.label] = "c" + n;
    callers[step.subject] = "+1555000" + std::to_string(1000 + calls.size());
  }
  auto rename = [](std::map<std::string, std::string>& names, std::string& text) {
    if (auto found = names.find(text); found != names.end()) text = found->second;
  };
  auto rename_target = [&](std::string& target) {
    rename(lines, target);
    rename(externals, target);
  };
  for (CaseDevice& device : plain.devices) {
    rename(devices, device.name);
    rename(users, device.owner);
    rename(devices, device.primary);
    for (CaseAppearance& appearance : device.lines) rename(lines, appearance.dn);
  }
  for (CaseLine& line : plain.lines) {
    rename(lines, line.number);
    rename_target(line.cfa);
    rename_target(line.cfb);
    rename_target(line.cfna);
    rename(users, line.user);
  }
  for (CaseUser& user : plain.users) rename(users, user.id);
  for (CasePcmLine& line : plain.pcm.lines) rename(lines, line.number);
  for (CaseExternal& external : plain.externals) rename(externals, external.number);
  for (CaseGroup& group : plain.groups) {
    rename(groups, group.name);
    rename(group_numbers, group.number);
    rename_target(group.overflow);
    for (CaseGroupMember& member : group.members) rename(lines, member.dn);
  }
  for (CaseStep& step : plain.steps) {
    switch (step.kind) {
      case CaseStep::Kind::Call:
        rename(calls, step.label);
        rename(callers, step.subject);
        rename_target(step.value);
        rename(group_numbers, step.value);
        break;
      case CaseStep::Kind::CallerHangup: rename(calls, step.subject); break;
      case CaseStep::Kind::Mode:
      case CaseStep::Kind::ClientRestart:
      case CaseStep::Kind::Search: rename(users, step.subject); break;
      case CaseStep::Kind::PcmConnect:
      case CaseStep::Kind::PcmPassword: rename(lines, step.subject); break;
      case CaseStep::Kind::GroupMember:
        rename(groups, step.subject);
        rename(lines, step.member);
        break;
      case CaseStep::Kind::Unregister:
        rename(devices, step.subject);
        rename(lines, step.value);
        break;
      default: rename(devices, step.subject); break;
    }
  }
  return plain;
}

// ---------------------------------------------------------------------- the loop

ShrinkResult shrink_case(const ExploreCase& failing, const StillFails& still_fails, int max_runs) {
  ShrinkResult result{failing, 0, 0};
  ExploreCase& current = result.smallest;
  auto attempt = [&](std::optional<ExploreCase> candidate) {
    if (!candidate || result.runs >= max_runs) return false;
    ++result.runs;
    if (!still_fails(*candidate)) return false;
    current = std::move(*candidate);
    ++result.accepted;
    return true;
  };
  // Tries each edit `make` offers, one copy of the case at a time; after a
  // success the list is made again from the smaller case, from the same
  // position. An edit that changes nothing costs no run.
  auto each = [&](const std::function<std::vector<CaseEdit>(const ExploreCase&)>& make) {
    bool any = false;
    std::vector<CaseEdit> edits = make(current);
    std::size_t i = 0;
    while (i < edits.size() && result.runs < max_runs) {
      ExploreCase candidate = current;
      if (edits[i](candidate) && attempt(std::move(candidate))) {
        any = true;
        edits = make(current);  // stay at i: the earlier ones failed already
      } else {
        ++i;
      }
    }
    return any;
  };
  auto parts = [&](std::size_t (*count)(const ExploreCase&),
                   std::optional<ExploreCase> (*without)(const ExploreCase&, std::size_t)) {
    bool any = false;
    for (std::size_t i = count(current); i-- > 0 && result.runs < max_runs;) any = attempt(without(current, i)) || any;
    return any;
  };

  bool progress = true;
  while (progress && result.runs < max_runs) {
    progress = false;
    // Steps: big chunks first (most of a timeline is usually irrelevant).
    for (std::size_t chunk = std::max<std::size_t>(1, current.steps.size() / 2);; chunk /= 2) {
      // Each candidate is a copy: stop making them once no run is left.
      for (std::size_t first = 0; first < current.steps.size() && result.runs < max_runs;) {
        if (attempt(without_steps(current, first, chunk))) progress = true;
        else first += chunk;
      }
      if (chunk <= 1 || result.runs >= max_runs) break;
    }
    progress = parts([](const ExploreCase& x) { return x.devices.size(); }, without_device) || progress;
    progress = parts([](const ExploreCase& x) { return x.lines.size(); }, without_line) || progress;
    progress = parts([](const ExploreCase& x) { return x.users.size(); }, without_user) || progress;
    progress = parts([](const ExploreCase& x) { return x.externals.size(); }, without_external) || progress;
    progress = parts([](const ExploreCase& x) { return x.groups.size(); }, without_group) || progress;
    progress = parts([](const ExploreCase& x) { return x.groups.size(); }, with_group_calls_direct) || progress;
    progress = parts([](const ExploreCase& x) { return x.profiles.size(); }, without_profile) || progress;
    progress = each(simpler_attributes) || progress;
    progress = each(earlier_times) || progress;
  }
  attempt(with_plain_names(current));
  return result;
}

}  // namespace pbxsim
