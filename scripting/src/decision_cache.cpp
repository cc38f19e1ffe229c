// Sections: a fact's value · the tree of answers · the state the hooks can see.
#include "decision_cache.h"

#include <cassert>
#include <cstring>
#include <vector>

#include "fact_views.h"

namespace pbxsim {

// ------------------------------------------------------------ a fact's value

FactValue fact_value_at(lua_State* L, int index) {
  FactValue value;
  value.type = lua_type(L, index);
  switch (value.type) {
    case LUA_TBOOLEAN: value.number = lua_toboolean(L, index); break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, index) != 0) {
        value.number = lua_tointeger(L, index);
      } else {  // a float keyed by its bits: 1.0 and 1 are different facts to a hook (math.type)
        const lua_Number number = lua_tonumber(L, index);
        static_assert(sizeof(number) == sizeof(value.number));
        std::memcpy(&value.number, &number, sizeof(number));
        value.type = LUA_TNUMBER + 100;
      }
      break;
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      value.text.assign(text, length);
      break;
    }
    case LUA_TNIL: break;
    default: value.text = shown_fact_value(L, index); break;  // a list field: a fresh table each read
  }
  return value;
}

// Whether the value at `index` is `value`, as fact_value_at would make it,
// without making one: the walk of a remembered answer allocates nothing.
bool is_fact_value(lua_State* L, int index, const FactValue& value) {
  const int type = lua_type(L, index);
  switch (type) {
    case LUA_TNIL: return value.type == LUA_TNIL;
    case LUA_TBOOLEAN: return value.type == LUA_TBOOLEAN && value.number == lua_toboolean(L, index);
    case LUA_TNUMBER:
      if (lua_isinteger(L, index) != 0) return value.type == LUA_TNUMBER && value.number == lua_tointeger(L, index);
      return value.type == LUA_TNUMBER + 100 && fact_value_at(L, index) == value;
    case LUA_TSTRING: {
      if (value.type != LUA_TSTRING) return false;
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      return length == value.text.size() && std::memcmp(text, value.text.data(), length) == 0;
    }
    default: return fact_value_at(L, index) == value;
  }
}

// ------------------------------------------------------------ the tree of answers

std::optional<std::uint32_t> DecisionTree::find(lua_State* L) const {
  if (nodes_.empty()) return std::nullopt;
  std::uint32_t at = 0;
  // Each step goes to a node made after the one before it, so the walk ends
  // within the tree's size.
  for (std::size_t steps = 0; steps <= nodes_.size(); ++steps) {
    const Node& node = nodes_[at];
    if (node.view == nullptr) return node.constant;
    const Branch* taken = nullptr;
    if (const std::optional<std::uint64_t> key = fact_field_key(node.view, node.field)) {
      const FactValue value = keyed_fact_value(*key);
      for (const Branch& branch : node.branches) {
        if (branch.value.type == FactValue::kKeyed && branch.value.number == value.number) {
          taken = &branch;
          break;
        }
      }
    } else {
      push_fact_field(L, node.view, node.field);
      for (const Branch& branch : node.branches) {
        if (is_fact_value(L, -1, branch.value)) {
          taken = &branch;
          break;
        }
      }
      lua_pop(L, 1);
    }
    if (taken == nullptr) return std::nullopt;
    if (taken->leaf) return taken->next;
    assert(taken->next > at && "a branch leads to a later node");
    at = taken->next;
  }
  assert(false && "the walk of a decision tree outlasted its nodes");
  return std::nullopt;
}

bool DecisionTree::remember(const std::vector<FactReadTrail::Read>& reads, std::uint32_t answer) {
  if (nodes_.empty()) {
    nodes_.emplace_back();
    if (reads.empty()) {
      nodes_[0].constant = answer;
      return true;
    }
    nodes_[0].view = reads[0].view;
    nodes_[0].field = reads[0].field;
  }
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    Node& node = nodes_[at];
    // The same facts read so far lead a hook to the same next read; a tree
    // that disagrees was made in another state: the caller clears it.
    if (node.view != reads[i].view || node.field != reads[i].field) return false;
    const bool last = i + 1 == reads.size();
    Branch* taken = nullptr;
    for (Branch& branch : node.branches) {
      if (branch.value == reads[i].value) {
        taken = &branch;
        break;
      }
    }
    if (taken != nullptr) {
      if (taken->leaf != last) return false;
      if (last) return taken->next == answer || (taken->next = answer, true);
      at = taken->next;
      continue;
    }
    if (last) {
      node.branches.push_back(Branch{reads[i].value, true, answer});
      return true;
    }
    if (nodes_.size() == kMaxNodes) return false;
    const auto next = static_cast<std::uint32_t>(nodes_.size());
    node.branches.push_back(Branch{reads[i].value, false, next});
    Node made;  // `node` may move when nodes_ grows
    made.view = reads[i + 1].view;
    made.field = reads[i + 1].field;
    nodes_.push_back(std::move(made));
    at = next;
  }
  // Fewer reads than the tree holds on this path: a tree of another state.
  return false;
}

// ----------------------------------------------------- the state the hooks can see

namespace {

// The objects a fingerprint has passed, for cycles: open addressing, cleared
// by a new generation instead of a sweep, kept per thread between calls.
class SeenObjects {
 public:
  void start() {
    if (++generation_ == 0) {  // wrapped: clear for real
      for (Slot& slot : slots_) slot.generation = 0;
      generation_ = 1;
    }
  }
  // False when `object` was seen already in this generation.
  bool insert(const void* object) {
    const auto bits = reinterpret_cast<std::uintptr_t>(object);
    std::size_t at = static_cast<std::size_t>((bits >> 4) * 0x9e3779b97f4a7c15ULL >> 40) & (kSlots - 1);
    // At most kMaxFingerprintValues objects in kSlots (twice as many) slots: a free one is found.
    for (;;) {
      Slot& slot = slots_[at];
      if (slot.generation != generation_) {
        slot = Slot{object, generation_};
        return true;
      }
      if (slot.object == object) return false;
      at = (at + 1) & (kSlots - 1);
    }
  }

 private:
  static constexpr std::size_t kSlots = 65'536;
  static_assert(kSlots >= 2 * kMaxFingerprintValues, "the seen set must stay at most half full");
  struct Slot {
    const void* object = nullptr;
    std::uint32_t generation = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::uint32_t generation_ = 0;
};

class StateFingerprint {
 public:
  StateFingerprint(lua_State* L, SeenObjects& seen) : L_(L), seen_(seen) { seen_.start(); }

  // Mixes the value at the top of the stack (and pops it). False: state it
  // cannot follow.
  bool add_top() {
    if (++values_ > kMaxFingerprintValues || depth_ == kMaxDepth) return false;
    if (!lua_checkstack(L_, 4)) return false;
    ++depth_;
    const bool followed = add_top_value();
    --depth_;
    return followed;
  }

  std::uint64_t value() const { return hash_; }
  std::size_t values() const { return values_; }

 private:
  // Tables nested deeper than this: not followed (the walk recurses).
  static constexpr int kMaxDepth = 64;

  bool add_top_value() {
    const int type = lua_type(L_, -1);
    mix(static_cast<std::uint64_t>(type));
    switch (type) {
      case LUA_TNIL: break;
      case LUA_TBOOLEAN: mix(static_cast<std::uint64_t>(lua_toboolean(L_, -1))); break;
      case LUA_TNUMBER: {
        if (lua_isinteger(L_, -1) != 0) {
          mix(static_cast<std::uint64_t>(lua_tointeger(L_, -1)));
        } else {
          const lua_Number number = lua_tonumber(L_, -1);
          std::uint64_t bits = 0;
          std::memcpy(&bits, &number, sizeof(bits));
          mix(bits);
        }
        break;
      }
      case LUA_TSTRING:  // by identity: a string never changes, a new one is another object
        mix(reinterpret_cast<std::uintptr_t>(lua_topointer(L_, -1)));
        break;
      case LUA_TTABLE: {
        const void* identity = lua_topointer(L_, -1);
        mix(reinterpret_cast<std::uintptr_t>(identity));
        if (!seen_.insert(identity)) break;
        if (lua_getmetatable(L_, -1) != 0) {
          // A weak table's contents change when the collector runs, which the
          // cache itself changes: not state it can follow.
          lua_pushliteral(L_, "__mode");
          if (lua_rawget(L_, -2) != LUA_TNIL) return false;
          lua_pop(L_, 1);
          if (!add_top()) return false;
        }
        lua_pushnil(L_);
        while (lua_next(L_, -2) != 0) {
          lua_pushvalue(L_, -2);  // the key, kept for lua_next
          if (!add_top()) return false;
          if (!add_top()) return false;  // the value
        }
        break;
      }
      case LUA_TFUNCTION: {
        const void* identity = lua_topointer(L_, -1);
        mix(reinterpret_cast<std::uintptr_t>(identity));
        if (!seen_.insert(identity)) break;
        for (int upvalue = 1; lua_getupvalue(L_, -1, upvalue) != nullptr; ++upvalue) {
          if (!add_top()) return false;
        }
        break;
      }
      case LUA_TUSERDATA:
      case LUA_TLIGHTUSERDATA:  // the fact views: pbxsim's, and read-only
        mix(reinterpret_cast<std::uintptr_t>(lua_topointer(L_, -1)));
        break;
      default: return false;  // a coroutine: its stack is state the walk cannot see
    }
    lua_pop(L_, 1);
    return true;
  }

  void mix(std::uint64_t word) {
    hash_ ^= word + 0x9e3779b97f4a7c15ULL + (hash_ << 6) + (hash_ >> 2);
    hash_ *= 0xff51afd7ed558ccdULL;
  }

  lua_State* L_;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
  std::size_t values_ = 0;
  int depth_ = 0;
  SeenObjects& seen_;
};

}  // namespace

std::optional<std::uint64_t> fingerprint_lua_state(lua_State* L, const std::vector<int>& roots,
                                                  std::size_t* values_passed) {
  thread_local SeenObjects seen;
  const int top = lua_gettop(L);
  StateFingerprint fingerprint(L, seen);
  bool followed = true;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  followed = fingerprint.add_top();
  for (std::size_t i = 0; followed && i < roots.size(); ++i) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, roots[i]);
    followed = fingerprint.add_top();
  }
  lua_settop(L, top);
  *values_passed = fingerprint.values();
  if (!followed) return std::nullopt;
  return fingerprint.value();
}

}  // namespace pbxsim
