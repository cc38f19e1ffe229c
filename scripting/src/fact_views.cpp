#include "fact_views.h"

#include "decision_cache.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <optional>
#include <span>
#include <string>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/profile_service.h"
#include "pbxsim/scripting/policy_api.h"

namespace pbxsim {
namespace {

constexpr const char* kMetatable = "pbxsim.facts";

// How one field of a kind of facts becomes a Lua value.
using PushField = void (*)(lua_State* L, const void* facts);

// A scalar field's value as a number, for the decision cache's walk
// (decision_cache.h): no Lua value made. Null for text and list fields.
using KeyField = std::uint64_t (*)(const void* facts);

struct FieldSpec {
  const char* name;
  PushField push;
  KeyField key = nullptr;
};

constexpr int kMaxFields = 24;

}  // namespace

// A view finds a field by the address of the key's Lua string: short strings
// are interned, so the name "dnd" in a hook is the very string the view
// anchored when it was made (kept alive in the view's user value). A read is a
// scan of a few pointers, with no string comparison.
struct FactView {
  FactKind kind;
  const void* facts;
  FactReadLog* reads;  // nullptr unless decisions are recorded (then the metatable's __index records)
  FactReadTrail* trail;  // the decision cache's, or nullptr; notes reads while active
  int field_count;
  const char* field_keys[kMaxFields];
  PushField field_push[kMaxFields];
  KeyField field_key[kMaxFields];
};

namespace {

template <typename Facts>
const Facts& as(const void* facts) {
  return *static_cast<const Facts*>(facts);
}

// Enum names are string literals: lua_pushstring finds them in Lua's string
// cache by address, without hashing.
void push_name(lua_State* L, std::string_view literal) { lua_pushstring(L, literal.data()); }
void push_text(lua_State* L, std::string_view text) { lua_pushlstring(L, text.data(), text.size()); }

void push_bool(lua_State* L, bool value) { lua_pushboolean(L, value ? 1 : 0); }
void push_dnd_name(lua_State* L, DndMode mode) { push_name(L, dnd_mode_name(mode)); }

// A list field becomes a fresh table only when a hook reads it.
template <typename Strings>
void push_list(lua_State* L, const Strings& items) {
  lua_createtable(L, 0, 0);
  lua_Integer position = 0;
  for (const auto& item : items) {
    push_text(L, item);
    lua_rawseti(L, -2, ++position);
  }
}

// The call's own facts, read from its record and the Pbx; nil outside a run.
// Internal: placed on a device or from a number that is one of this
// topology's lines; the caller's user is that line's (or device's owner's).
std::optional<LineIndex> caller_line(const CallOrigin& origin) {
  if (origin.pbx == nullptr || origin.call == nullptr) return std::nullopt;
  return origin.pbx->find_line(origin.call->caller);
}

void push_caller_internal(lua_State* L, const CallOrigin& origin) {
  if (origin.pbx == nullptr || origin.call == nullptr) return lua_pushnil(L);
  lua_pushboolean(L, origin.call->from_device != kNoIndex || caller_line(origin).has_value() ? 1 : 0);
}

void push_caller_user(lua_State* L, const CallOrigin& origin) {
  if (origin.pbx == nullptr || origin.call == nullptr) return lua_pushnil(L);
  const Pbx& pbx = *origin.pbx;
  UserIndex user = kNoIndex;
  if (origin.call->from_device != kNoIndex) user = pbx.devices()[origin.call->from_device].owner;
  if (user == kNoIndex) {
    if (const std::optional<LineIndex> line = caller_line(origin)) user = pbx.lines()[*line].user;
  }
  push_text(L, user != kNoIndex ? std::string_view(pbx.users()[user].id) : std::string_view());
}

void push_weekday(lua_State* L, const CallOrigin& origin) {
  if (origin.pbx == nullptr) return lua_pushnil(L);
  push_text(L, weekday_name(origin.pbx->calendar().at(origin.pbx->now_us()).weekday));
}

void push_time_of_day(lua_State* L, const CallOrigin& origin) {
  if (origin.pbx == nullptr) return lua_pushnil(L);
  push_text(L, format_time_of_day(origin.pbx->calendar().at(origin.pbx->now_us()).time_of_day_us));
}

// The call's history beyond its path: each forward's kind, and who was
// skipped with the first reason (a table device -> reason).
void push_skipped(lua_State* L, const CallOrigin& origin) {
  if (origin.call == nullptr) return lua_pushnil(L);
  lua_createtable(L, 0, static_cast<int>(origin.call->skipped.size()));
  for (const auto& [who, why] : origin.call->skipped) {
    push_text(L, who);
    push_text(L, why);
    lua_rawset(L, -3);
  }
}

// nil when the topology declares no office hours (or outside a run).
void push_in_office_hours(lua_State* L, const CallOrigin& origin) {
  if (origin.pbx == nullptr) return lua_pushnil(L);
  const std::optional<bool> open = origin.pbx->calendar().in_office_hours(origin.pbx->now_us());
  if (!open) return lua_pushnil(L);
  lua_pushboolean(L, *open ? 1 : 0);
}

// The callee's state, read from the Pbx when a hook asks (nil outside a
// run): the line is found by its number, the device by its name, so the
// facts the engine builds for every offer stay as they are.
std::optional<LineIndex> called_line(const CallOrigin& origin, std::string_view number) {
  if (origin.pbx == nullptr) return std::nullopt;
  return origin.pbx->find_line(number);
}

// Calls up (connected) or ringing on any appearance of the line, each call
// once (a call alerting two appearances of a shared line is one call).
void push_line_calls(lua_State* L, const CallOrigin& origin, std::string_view number, CallState state) {
  const std::optional<LineIndex> line = called_line(origin, number);
  if (!line) return lua_pushnil(L);
  const Pbx& pbx = *origin.pbx;
  InlineVector<CallId, 4> counted;
  for (AppearanceIndex appearance : pbx.lines()[*line].appearances) {
    for (CallId id : pbx.appearances()[appearance].calls) {
      if (!pbx.has_call(id) || pbx.call(id).state != state) continue;
      if (std::find(counted.begin(), counted.end(), id) == counted.end()) counted.push_back(id);
    }
  }
  lua_pushinteger(L, static_cast<lua_Integer>(counted.size()));
}

void push_line_registrations(lua_State* L, const CallOrigin& origin, std::string_view number) {
  const std::optional<LineIndex> line = called_line(origin, number);
  if (!line) return lua_pushnil(L);
  lua_pushinteger(L, origin.pbx->line_registrations(*line));
}

// The profile (presence status, client profile) the line's user has
// selected: "" when the line has no user or the user none.
void push_line_profile(lua_State* L, const CallOrigin& origin, std::string_view number) {
  const std::optional<LineIndex> line = called_line(origin, number);
  if (!line) return lua_pushnil(L);
  const UserIndex user = origin.pbx->lines()[*line].user;
  push_text(L, user != kNoIndex ? std::string_view(origin.pbx->profiles().user(user).selected) : std::string_view());
}

// Extension mobility: the user logged in to a device, "" for none.
std::string_view logged_in_user_of(const Pbx& pbx, DeviceIndex device) {
  const UserIndex user = pbx.mobility().logged_in_user(device);
  return user != kNoIndex ? std::string_view(pbx.users()[user].id) : std::string_view();
}

void push_device_logged_in_user(lua_State* L, const CallOrigin& origin, std::string_view device_name) {
  if (origin.pbx == nullptr) return lua_pushnil(L);
  const std::optional<DeviceIndex> device = origin.pbx->find_device(device_name);
  if (!device) return lua_pushnil(L);
  push_text(L, logged_in_user_of(*origin.pbx, *device));
}

// The first user logged in to a device that presents the line, "" for none.
void push_line_logged_in_user(lua_State* L, const CallOrigin& origin, std::string_view number) {
  const std::optional<LineIndex> line = called_line(origin, number);
  if (!line) return lua_pushnil(L);
  const Pbx& pbx = *origin.pbx;
  for (AppearanceIndex appearance : pbx.lines()[*line].appearances) {
    const std::string_view user = logged_in_user_of(pbx, pbx.appearances()[appearance].device);
    if (!user.empty()) return push_text(L, user);
  }
  push_text(L, std::string_view());
}

#define PBXSIM_FIELD(Facts, name, ...) \
  FieldSpec{name, [](lua_State* L, const void* facts) { [[maybe_unused]] const Facts& f = as<Facts>(facts); __VA_ARGS__; }}
// Scalar fields: the Lua value and the cache's key from one expression.
#define PBXSIM_SCALAR(Facts, name, push_value, expression)                                                     \
  FieldSpec{name, [](lua_State* L, const void* facts) { const Facts& f = as<Facts>(facts); push_value(L, expression); }, \
            [](const void* facts) { const Facts& f = as<Facts>(facts); return static_cast<std::uint64_t>(expression); }}
#define PBXSIM_BOOL(Facts, name, expression) PBXSIM_SCALAR(Facts, name, push_bool, expression)
#define PBXSIM_INT(Facts, name, expression) PBXSIM_SCALAR(Facts, name, lua_pushinteger, expression)
#define PBXSIM_DND(Facts, name, expression) PBXSIM_SCALAR(Facts, name, push_dnd_name, expression)

constexpr FieldSpec kCallFields[] = {
    PBXSIM_FIELD(CallFacts, "caller", push_text(L, f.caller)),
    PBXSIM_INT(CallFacts, "forwards", f.forwards),
    PBXSIM_FIELD(CallFacts, "internal", push_caller_internal(L, f.origin)),
    PBXSIM_FIELD(CallFacts, "caller_user", push_caller_user(L, f.origin)),
    PBXSIM_FIELD(CallFacts, "dialed", f.origin.call != nullptr ? push_text(L, f.origin.call->dialed) : lua_pushnil(L)),
    PBXSIM_FIELD(CallFacts, "path", f.origin.call != nullptr ? push_list(L, f.origin.call->path) : lua_pushnil(L)),
    PBXSIM_FIELD(CallFacts, "alerted",
                 f.origin.call != nullptr ? push_list(L, f.origin.call->alerted_devices) : lua_pushnil(L)),
    PBXSIM_FIELD(CallFacts, "weekday", push_weekday(L, f.origin)),
    PBXSIM_FIELD(CallFacts, "time", push_time_of_day(L, f.origin)),
    PBXSIM_FIELD(CallFacts, "in_office_hours", push_in_office_hours(L, f.origin)),
    PBXSIM_FIELD(CallFacts, "reasons",
                 f.origin.call != nullptr ? push_list(L, f.origin.call->forward_reasons) : lua_pushnil(L)),
    PBXSIM_FIELD(CallFacts, "skipped", push_skipped(L, f.origin)),
};

constexpr FieldSpec kAppearanceFields[] = {
    PBXSIM_BOOL(AppearanceFacts, "registered", f.registered),
    PBXSIM_DND(AppearanceFacts, "dnd", f.dnd),
    PBXSIM_INT(AppearanceFacts, "active_calls", f.active_calls),
    PBXSIM_INT(AppearanceFacts, "busy_trigger", f.busy_trigger),
    PBXSIM_INT(AppearanceFacts, "max_calls", f.max_calls),
    PBXSIM_FIELD(AppearanceFacts, "line", push_text(L, f.line)),
    PBXSIM_FIELD(AppearanceFacts, "device", push_text(L, f.device)),
    PBXSIM_FIELD(AppearanceFacts, "kind", push_name(L, device_kind_name(f.device_kind))),
    PBXSIM_FIELD(AppearanceFacts, "owner", push_text(L, f.owner != nullptr ? *f.owner : std::string())),
    PBXSIM_FIELD(AppearanceFacts, "owner_mode",
                 push_name(L, user_mode_name(f.owner_mode != nullptr ? *f.owner_mode : UserMode::SoftPhone))),
    PBXSIM_BOOL(AppearanceFacts, "active", f.active),
    PBXSIM_BOOL(AppearanceFacts, "gsm", f.gsm),
    PBXSIM_FIELD(AppearanceFacts, "logged_in_user", push_device_logged_in_user(L, f.origin, f.device)),
    PBXSIM_FIELD(AppearanceFacts, "line_profile", push_line_profile(L, f.origin, f.line)),
    PBXSIM_FIELD(AppearanceFacts, "line_calls_up", push_line_calls(L, f.origin, f.line, CallState::Connected)),
    PBXSIM_FIELD(AppearanceFacts, "line_calls_ringing", push_line_calls(L, f.origin, f.line, CallState::Alerting)),
};

constexpr FieldSpec kLineFields[] = {
    PBXSIM_FIELD(LineFacts, "number", push_text(L, f.line)),
    PBXSIM_FIELD(LineFacts, "user", push_text(L, f.user)),
    PBXSIM_FIELD(LineFacts, "user_mode", push_name(L, user_mode_name(f.user_mode))),
    PBXSIM_INT(LineFacts, "appearances", f.appearances),
    PBXSIM_INT(LineFacts, "alerted", f.alerted),
    PBXSIM_INT(LineFacts, "alerted_silently", f.alerted_silently),
    PBXSIM_INT(LineFacts, "unregistered", f.skipped_unregistered),
    PBXSIM_INT(LineFacts, "dnd_reject", f.skipped_dnd_reject),
    PBXSIM_INT(LineFacts, "busy", f.skipped_busy),
    PBXSIM_INT(LineFacts, "other", f.skipped_other),
    PBXSIM_BOOL(LineFacts, "has_cfb", f.has_forward_busy),
    PBXSIM_BOOL(LineFacts, "has_cfna", f.has_forward_no_answer),
    PBXSIM_INT(LineFacts, "inactive", f.skipped_inactive),
    PBXSIM_BOOL(LineFacts, "voicemail", f.voicemail_enabled),
    PBXSIM_FIELD(LineFacts, "profile", push_line_profile(L, f.origin, f.line)),
    PBXSIM_FIELD(LineFacts, "registrations", push_line_registrations(L, f.origin, f.line)),
    PBXSIM_FIELD(LineFacts, "calls_up", push_line_calls(L, f.origin, f.line, CallState::Connected)),
    PBXSIM_FIELD(LineFacts, "calls_ringing", push_line_calls(L, f.origin, f.line, CallState::Alerting)),
    PBXSIM_FIELD(LineFacts, "logged_in_user", push_line_logged_in_user(L, f.origin, f.line)),
};

constexpr FieldSpec kGroupMemberFields[] = {
    PBXSIM_FIELD(GroupMemberFacts, "group", push_text(L, f.group)),
    PBXSIM_FIELD(GroupMemberFacts, "strategy", push_text(L, f.strategy)),
    PBXSIM_FIELD(GroupMemberFacts, "line", push_text(L, f.line)),
    PBXSIM_FIELD(GroupMemberFacts, "user", push_text(L, f.user != nullptr ? *f.user : std::string())),
    PBXSIM_BOOL(GroupMemberFacts, "logged_in", f.logged_in),
    PBXSIM_BOOL(GroupMemberFacts, "paused", f.paused),
};

constexpr FieldSpec kProfileChangeFields[] = {
    PBXSIM_FIELD(ProfileChangeFacts, "change", push_text(L, f.change)),
    PBXSIM_FIELD(ProfileChangeFacts, "by", push_text(L, f.by)),
    PBXSIM_FIELD(ProfileChangeFacts, "trigger", push_text(L, f.trigger)),
    PBXSIM_FIELD(ProfileChangeFacts, "user", push_text(L, f.user)),
    PBXSIM_FIELD(ProfileChangeFacts, "profile", push_text(L, f.profile)),
    PBXSIM_FIELD(ProfileChangeFacts, "current", push_text(L, f.current)),
    PBXSIM_BOOL(ProfileChangeFacts, "current_sticky", f.current_sticky),
    PBXSIM_BOOL(ProfileChangeFacts, "exists", f.profile_exists),
    PBXSIM_BOOL(ProfileChangeFacts, "system", f.profile_system),
    PBXSIM_BOOL(ProfileChangeFacts, "selected", f.profile_selected),
    PBXSIM_BOOL(ProfileChangeFacts, "personal", f.profile_personal),
    PBXSIM_BOOL(ProfileChangeFacts, "offered", f.profile_offered),
    PBXSIM_BOOL(ProfileChangeFacts, "presence_profiles", f.presence_profiles),
    PBXSIM_BOOL(ProfileChangeFacts, "dee_main", f.primary_is_dee_main),
    PBXSIM_FIELD(ProfileChangeFacts, "roles", push_list(L, *f.user_roles)),
};

constexpr FieldSpec kDndChangeFields[] = {
    PBXSIM_FIELD(DndFacts, "device", push_text(L, f.device)),
    PBXSIM_DND(DndFacts, "mode", f.mode),
    PBXSIM_DND(DndFacts, "previous", f.previous),
    PBXSIM_FIELD(DndFacts, "user", push_text(L, f.user)),
    PBXSIM_FIELD(DndFacts, "user_devices", push_list(L, f.user_devices)),
};

constexpr FieldSpec kRegistrationFields[] = {
    PBXSIM_FIELD(RegistrationFacts, "line", push_text(L, f.line)),
    PBXSIM_FIELD(RegistrationFacts, "device", push_text(L, f.device)),
    PBXSIM_INT(RegistrationFacts, "registered", f.registered),
    PBXSIM_INT(RegistrationFacts, "max", f.max_registrations),
};

// A contact's names are nil when the contact has none (a policy tests `if contact.nickname`).
void push_text_or_nil(lua_State* L, std::string_view text) {
  if (text.empty()) return lua_pushnil(L);
  push_text(L, text);
}

constexpr FieldSpec kContactFields[] = {
    PBXSIM_BOOL(ContactFacts, "in_directory", f.in_directory),
    PBXSIM_FIELD(ContactFacts, "edited_name", push_text_or_nil(L, f.edited_name)),
    PBXSIM_FIELD(ContactFacts, "display_name", push_text_or_nil(L, f.display_name)),
    PBXSIM_FIELD(ContactFacts, "nickname", push_text_or_nil(L, f.nickname)),
    PBXSIM_FIELD(ContactFacts, "first_name", push_text_or_nil(L, f.first_name)),
    PBXSIM_FIELD(ContactFacts, "last_name", push_text_or_nil(L, f.last_name)),
    PBXSIM_FIELD(ContactFacts, "user_id", push_text_or_nil(L, f.user_id)),
};

#undef PBXSIM_FIELD
#undef PBXSIM_SCALAR
#undef PBXSIM_BOOL
#undef PBXSIM_INT
#undef PBXSIM_DND

static_assert(std::size(kCallFields) <= kMaxFields && std::size(kAppearanceFields) <= kMaxFields &&
                  std::size(kLineFields) <= kMaxFields && std::size(kGroupMemberFields) <= kMaxFields &&
                  std::size(kProfileChangeFields) <= kMaxFields && std::size(kDndChangeFields) <= kMaxFields &&
                  std::size(kRegistrationFields) <= kMaxFields && std::size(kContactFields) <= kMaxFields,
              "a kind of facts has more fields than a view holds: raise kMaxFields");

std::span<const FieldSpec> fields_of(FactKind kind) {
  switch (kind) {
    case FactKind::Call: return kCallFields;
    case FactKind::Appearance: return kAppearanceFields;
    case FactKind::Line: return kLineFields;
    case FactKind::GroupMember: return kGroupMemberFields;
    case FactKind::ProfileChange: return kProfileChangeFields;
    case FactKind::DndChange: return kDndChangeFields;
    case FactKind::Registration: return kRegistrationFields;
    case FactKind::Contact: return kContactFields;
    case FactKind::Text: break;
  }
  return {};
}

const char* kind_name(FactKind kind) {
  switch (kind) {
    case FactKind::Call: return "call";
    case FactKind::Appearance: return "app";
    case FactKind::Line: return "line";
    case FactKind::GroupMember: return "member";
    case FactKind::ProfileChange: return "change";
    case FactKind::DndChange: return "change";
    case FactKind::Registration: return "reg";
    case FactKind::Contact: return "contact";
    case FactKind::Text: break;
  }
  return "facts";
}

// The first read of a field in a hook call, with the value the hook saw.
void note_read(lua_State* L, FactReadLog& log, FactKind kind, const char* key) {
  std::string name = std::string(kind_name(kind)) + "." + key;
  for (const TraceFact& read : log.reads) {
    if (read.name == name) return;
  }
  log.reads.push_back(TraceFact{std::move(name), shown_fact_value(L, -1)});
}

// Reading a field. The recording variant is the metatable's __index only
// while decisions are recorded (note_fact_reads), so an ordinary read pays
// nothing for the decision record.
template <bool kRecording>
int fact_index(lua_State* L) {
  // Only a view's hidden metatable leads here, so argument 1 is a view.
  const auto* view = static_cast<const FactView*>(lua_touserdata(L, 1));
  // Fields are names; a number key would be converted in place by lua_tolstring, so refuse it first.
  const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : nullptr;
  if (key == nullptr) return luaL_error(L, "%s: facts are read by field name", kind_name(view->kind));
  if (view->facts == nullptr) {
    return luaL_error(L, "%s.%s: policy facts are only valid while the hook runs", kind_name(view->kind), key);
  }
  for (int field = 0; field < view->field_count; ++field) {
    if (view->field_keys[field] == key) {
      view->field_push[field](L, view->facts);
      if constexpr (kRecording) {
        if (view->reads != nullptr) note_read(L, *view->reads, view->kind, key);
      }
      if (view->trail != nullptr && view->trail->active) {
        view->trail->note(view, field, view->field_key[field] != nullptr ? keyed_fact_value(view->field_key[field](view->facts))
                                                                         : fact_value_at(L, -1));
      }
      return 1;
    }
  }
  return luaL_error(L, "%s has no field '%s' (see scripting/policies/README.md)", kind_name(view->kind), key);
}

int fact_newindex(lua_State* L) {
  const auto* view = static_cast<const FactView*>(luaL_checkudata(L, 1, kMetatable));
  return luaL_error(L, "%s is read-only: policy facts describe the engine's state", kind_name(view->kind));
}

int fact_tostring(lua_State* L) {
  const auto* view = static_cast<const FactView*>(luaL_checkudata(L, 1, kMetatable));
  lua_pushfstring(L, "%s facts", kind_name(view->kind));
  return 1;
}

}  // namespace

std::vector<std::string_view> fact_field_names(FactKind kind) {
  std::vector<std::string_view> names;
  for (const FieldSpec& field : fields_of(kind)) names.emplace_back(field.name);
  return names;
}

std::vector<PolicyFactClass> policy_fact_classes() {
  return {{"pbxsim.CallFacts", fact_field_names(FactKind::Call)},
          {"pbxsim.AppearanceFacts", fact_field_names(FactKind::Appearance)},
          {"pbxsim.LineFacts", fact_field_names(FactKind::Line)},
          {"pbxsim.MemberFacts", fact_field_names(FactKind::GroupMember)},
          {"pbxsim.ProfileChangeFacts", fact_field_names(FactKind::ProfileChange)},
          {"pbxsim.DndChangeFacts", fact_field_names(FactKind::DndChange)},
          {"pbxsim.Registration", fact_field_names(FactKind::Registration)},
          {"pbxsim.Contact", fact_field_names(FactKind::Contact)}};
}

FactViewRef make_fact_view(lua_State* L, FactKind kind) {
  if (luaL_newmetatable(L, kMetatable) != 0) {
    lua_pushcfunction(L, fact_index<false>);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, fact_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, fact_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");  // scripts cannot swap it
  }
  lua_pop(L, 1);
  auto* view = static_cast<FactView*>(lua_newuserdatauv(L, sizeof(FactView), 1));
  *view = FactView{kind, nullptr, nullptr, nullptr, 0, {}, {}, {}};
  const std::span<const FieldSpec> fields = fields_of(kind);
  // The field names stay referenced by the view, so their interned strings
  // (and the addresses the view compares) live as long as it does.
  lua_createtable(L, static_cast<int>(fields.size()), 0);
  for (const FieldSpec& field : fields) {
    lua_pushstring(L, field.name);
    view->field_keys[view->field_count] = lua_tostring(L, -1);
    view->field_push[view->field_count] = field.push;
    view->field_key[view->field_count] = field.key;
    ++view->field_count;
    lua_rawseti(L, -2, view->field_count);
  }
  lua_setiuservalue(L, -2, 1);
  luaL_setmetatable(L, kMetatable);
  return FactViewRef{luaL_ref(L, LUA_REGISTRYINDEX), view};
}

void push_fact_view(lua_State* L, FactViewRef view, const void* facts) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, view.ref);
  view.view->facts = facts;
}

void release_fact_view(FactViewRef view) { view.view->facts = nullptr; }

void point_fact_view(FactViewRef view, const void* facts) { view.view->facts = facts; }

void push_fact_field(lua_State* L, const FactView* view, int field) {
  assert(field >= 0 && field < view->field_count && view->facts != nullptr && "a field of a view pointed at facts");
  view->field_push[field](L, view->facts);
}

void trail_fact_reads(FactViewRef view, FactReadTrail* trail) { view.view->trail = trail; }

std::optional<std::uint64_t> fact_field_key(const FactView* view, int field) {
  assert(field >= 0 && field < view->field_count && view->facts != nullptr && "a field of a view pointed at facts");
  if (view->field_key[field] == nullptr) return std::nullopt;
  return view->field_key[field](view->facts);
}

void note_fact_reads(lua_State* L, FactViewRef view, FactReadLog* log) {
  view.view->reads = log;
  // Every view of the state shares the metatable: its __index records while any view has a log.
  luaL_getmetatable(L, kMetatable);
  lua_pushcfunction(L, log != nullptr ? fact_index<true> : fact_index<false>);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

std::string shown_fact_value(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? "true" : "false";
    case LUA_TNUMBER:
    case LUA_TSTRING: {
      std::size_t length = 0;
      lua_pushvalue(L, index);  // lua_tolstring converts a number in place: on a copy
      const char* text = lua_tolstring(L, -1, &length);
      std::string shown(text, length);
      lua_pop(L, 1);
      return shown;
    }
    case LUA_TTABLE: {  // the list fields (call.path, call.alerted, change.roles)
      const int table = lua_absindex(L, index);
      std::string shown = "{";
      const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, table));
      for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, table, i);
        shown += (i > 1 ? ", " : "") + shown_fact_value(L, -1);
        lua_pop(L, 1);
      }
      return shown + "}";
    }
    case LUA_TNIL: return "nil";
    default: return luaL_typename(L, index);
  }
}

}  // namespace pbxsim
