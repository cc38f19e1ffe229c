// The decision cache: a hook's answers remembered by the facts it read, so
// a question the policy has already answered is answered again without
// running Lua (issue 23: the appearance hook was 44 % of a call's work).
//
// Sections: a fact's value · the reads of one hook call · the tree of
// answers · the state the hooks can see · DecisionCache.
//
// Why it gives the answer the hook would give. A hook is a function of its
// arguments (the fact views) and of the Lua state it can reach (upvalues,
// globals, and what they hold). For the state:
//   - after every run of policy Lua, the state reachable from the globals and
//     the cached hooks is fingerprinted; when it moved, every remembered
//     answer is forgotten (a hook that keeps state so caches nothing, and
//     costs a fingerprint per call until it is turned off for missing);
//   - a call that drew a random number, printed, logged or named a table by
//     tostring is not remembered (LuaSandbox::Internals::side_effects);
//   - state the fingerprint cannot see (a coroutine, a weak table) or too
//     much of it turns the cache off for the run.
// For the arguments: a hook reads facts through the views, one field at a
// time, and which field it reads next depends only on what it has read so
// far. The reads of a call, in order, with their values, are a path in a
// tree whose leaves are answers; a later call walks the tree, reading each
// field from its own facts, and either reaches an answer or misses.
// Whether a call hits or misses never reaches the trace: the cached and
// the uncached run give the same trace hash (tests/scripting/decision_cache_test.cpp).
#pragma once

#include <lua.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pbxsim {

struct FactView;

// ------------------------------------------------------------ a fact's value

// A fact as a key: a scalar field's number (a boolean, an integer, an enum:
// read without Lua, fact_views.h fact_field_key), or a Lua value: nil, a
// boolean, an integer, a float's bits, a string, or a list shown as text
// ("{1000, 1001}").
struct FactValue {
  static constexpr int kKeyed = -2;  // `number` is the field's key
  int type = LUA_TNIL;
  lua_Integer number = 0;
  std::string text;
  bool operator==(const FactValue&) const = default;
};
// The value at `index` as a key.
FactValue fact_value_at(lua_State* L, int index);
inline FactValue keyed_fact_value(std::uint64_t key) {
  return FactValue{FactValue::kKeyed, static_cast<lua_Integer>(key), {}};
}

// ---------------------------------------------------- the reads of one hook call

struct FactReadTrail {
  struct Read {
    const FactView* view;
    int field;
    FactValue value;
  };
  // More reads than this in one call: the call is not remembered.
  static constexpr std::size_t kMaxReads = 64;
  bool active = false;
  bool overflowed = false;
  std::vector<Read> reads;

  void start() {
    active = true;
    overflowed = false;
    reads.clear();
  }
  void note(const FactView* view, int field, FactValue value) {
    if (reads.size() == kMaxReads) {
      overflowed = true;
      return;
    }
    reads.push_back(Read{view, field, std::move(value)});
  }
};

// ------------------------------------------------------------ the tree of answers

class DecisionTree {
 public:
  // A tree holds at most this many nodes; a full tree remembers no more.
  static constexpr std::size_t kMaxNodes = 4096;

  // The answer remembered for the facts the views point at now, or nullopt.
  // Reads each field the way a hook would (fact_views.h push_fact_field).
  std::optional<std::uint32_t> find(lua_State* L) const;
  // Remembers that `reads` led to `answer`. False when the tree cannot take
  // it: full, or the reads disagree with the tree (then clear it).
  bool remember(const std::vector<FactReadTrail::Read>& reads, std::uint32_t answer);
  void clear() { nodes_.clear(); }
  bool empty() const { return nodes_.empty(); }

 private:
  // A node reads one field; each branch is a value seen there and leads to
  // the next node or, with `leaf`, to an answer.
  struct Branch {
    FactValue value;
    bool leaf;
    std::uint32_t next;  // a node's index, or the answer
  };
  struct Node {
    const FactView* view = nullptr;  // null: a hook that read nothing; its answer is `constant`
    int field = 0;
    std::uint32_t constant = 0;
    std::vector<Branch> branches;
  };
  std::vector<Node> nodes_;  // nodes_[0] is the root
};

// ----------------------------------------------------- the state the hooks can see

// A fingerprint of what Lua code can reach from the globals table and from
// the values at `roots` (registry references): tables with their contents and
// metatables, functions with their upvalues. Identities count by address;
// the fingerprint is only ever compared with another of the same run, never
// shown or hashed into the trace. nullopt: state it cannot follow (a
// coroutine, a weak table) or more than kMaxFingerprintValues values.
// `values_passed`: how many values it looked at (its cost).
constexpr std::size_t kMaxFingerprintValues = 20'000;
std::optional<std::uint64_t> fingerprint_lua_state(lua_State* L, const std::vector<int>& roots,
                                                  std::size_t* values_passed);

// ------------------------------------------------------------ DecisionCache

// One hook's remembered answers. Turned off for the rest of the run when it
// finds fewer than half of the questions of a window: a hook that reads a
// different value every call (the caller's number) would only pay for
// walking and fingerprinting.
template <typename Answer>
class CachedAnswers {
 public:
  static constexpr std::int64_t kWindowQuestions = 4096;

  bool on() const { return on_; }
  void turn_off() {
    on_ = false;
    clear();
  }
  const Answer* find(lua_State* L) {
    if (!on_ || tree_.empty()) return nullptr;
    ++asked_;
    const std::optional<std::uint32_t> answer = tree_.find(L);
    if (answer) ++found_;
    if (asked_ == kWindowQuestions) {
      if (found_ * 2 < asked_) turn_off();
      asked_ = found_ = 0;
    }
    return answer && on_ ? &answers_[*answer] : nullptr;
  }
  void remember(const FactReadTrail& trail, Answer answer) {
    if (!on_ || trail.overflowed) return;
    if (answers_.size() == DecisionTree::kMaxNodes) return;  // as full as its tree can be
    if (tree_.remember(trail.reads, static_cast<std::uint32_t>(answers_.size()))) {
      answers_.push_back(std::move(answer));
    } else {
      clear();
    }
  }
  void clear() {
    tree_.clear();
    answers_.clear();
  }
  bool empty() const { return tree_.empty(); }

 private:
  bool on_ = true;
  DecisionTree tree_;
  std::vector<Answer> answers_;
  std::int64_t asked_ = 0;
  std::int64_t found_ = 0;
};

// The policy-wide part: whether the cache is on, and the fingerprint of the
// state its answers were found in. The cache pays for itself only when its
// answers outnumber the fingerprints enough: a policy whose uncached hooks
// run often between remembered answers (each run is followed by a
// fingerprint) turns it off. The accounts are counts of values and hits,
// so the same run turns it off at the same call every time.
class DecisionCacheState {
 public:
  // A remembered answer saves a hook call, about this many fingerprinted
  // values' worth of work (callgrind, the Cisco policy: ~4 000 instructions
  // a hook call, ~265 a value through Lua's C API).
  static constexpr std::int64_t kValuesPerAnswer = 15;
  static constexpr std::int64_t kFingerprintsPerReview = 256;

  bool on() const { return on_; }
  void turn_off() { on_ = false; }
  void count_answer_from_cache() { ++answers_; }
  // After policy Lua ran: true when the state is as it was (or nothing is
  // remembered yet and it was taken now); false when it moved or cannot be
  // followed (then the caller forgets every answer; the latter also turns
  // the cache off).
  bool state_unchanged_after_lua(lua_State* L, const std::vector<int>& roots) {
    std::size_t values = 0;
    const std::optional<std::uint64_t> now = fingerprint_lua_state(L, roots, &values);
    values_ += static_cast<std::int64_t>(values);
    if (++fingerprints_ == kFingerprintsPerReview) {
      if (values_ > answers_ * kValuesPerAnswer) on_ = false;  // costs more than it saves
      fingerprints_ = values_ = answers_ = 0;
    }
    if (!now || !on_) {
      on_ = false;
      return false;
    }
    const bool same = fingerprint_ && *fingerprint_ == *now;
    fingerprint_ = now;
    return same;
  }
  // Policy Lua ran unwatched: the next fingerprint compares with nothing.
  void forget_fingerprint() { fingerprint_.reset(); }

 private:
  bool on_ = true;
  std::optional<std::uint64_t> fingerprint_;
  std::int64_t fingerprints_ = 0;  // since the last review
  std::int64_t values_ = 0;
  std::int64_t answers_ = 0;
};

}  // namespace pbxsim
