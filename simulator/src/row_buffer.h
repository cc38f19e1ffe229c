// The rows a scenario adds to one table, encoded once into flat storage and
// inserted later (on the writer thread) by binding them in place: no
// std::string per value, no copy into SQLite (SQLITE_STATIC), and the
// storage keeps its capacity from scenario to scenario, so a steady run
// allocates nothing per row.
//
// A table's INSERT takes ?1 from the writer (the run or the scenario id, known
// only there) and each row's values, in column order, as ?2..?N. Adding a
// column is adding it to the INSERT and one value to the row.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {

// SQLITE_STATIC without its C-style cast: SQLite reads the value in place.
inline constexpr sqlite3_destructor_type kValueStaysPut = nullptr;

class RowBuffer {
 public:
  void clear() {
    text_size_ = 0;
    values_.clear();
  }
  std::size_t values() const { return values_.size(); }

  RowBuffer& integer(std::int64_t value) {
    values_.push_back(Value{Value::Integer, value, 0});
    return *this;
  }
  RowBuffer& null() {
    values_.push_back(Value{Value::Null, 0, 0});
    return *this;
  }
  RowBuffer& text(std::string_view value) {
    if (!is_valid_utf8(value)) return text(to_valid_utf8(value));  // the rule of valid_utf8.h
    char* at = room(open_text(), value.size());
    if (!value.empty()) std::memcpy(at, value.data(), value.size());
    values_.push_back(Value{Value::Text, static_cast<std::int64_t>(text_size_), value.size()});
    text_size_ += value.size();
    return *this;
  }
  RowBuffer& text_or_null(std::string_view value) { return value.empty() ? null() : text(value); }
  RowBuffer& time_or_null(std::int64_t at_us) { return at_us < 0 ? null() : integer(at_us); }
  template <class T>
  RowBuffer& optional(const std::optional<T>& value) {
    if (!value) return null();
    if constexpr (std::is_integral_v<T>) return integer(static_cast<std::int64_t>(*value));
    else return text(*value);
  }

  // A text value written piece by piece (JSON), straight into the storage:
  // open_text() gives the position to write at, room() makes space before
  // each piece (and may move the storage: write at the position it
  // returns), close_text() takes the position after the last byte.
  char* open_text() { return text_.get() + text_size_; }
  char* room(char* at, std::size_t bytes) {
    const auto used = static_cast<std::size_t>(at - text_.get());
    if (used + bytes > text_capacity_) grow(used, used + bytes);
    return text_.get() + used;
  }
  RowBuffer& close_text(const char* end) {
    const auto used = static_cast<std::size_t>(end - text_.get());
    values_.push_back(Value{Value::Text, static_cast<std::int64_t>(text_size_), used - text_size_});
    text_size_ = used;
    return *this;
  }

  // Inserts the rows: ?1 = key, then each row's values. `batches`, when
  // given, insert several rows per statement (their VALUES lists each use ?1
  // and their own parameters, in order: keyed_insert_sql() writes them),
  // which spares SQLite a statement's start and end per row: largest first,
  // each taking the whole batches left, then `one` inserts the rows left
  // over. false on the first failure (sqlite3_errmsg says why).
  bool insert(sqlite3_stmt* one, std::int64_t key, std::initializer_list<sqlite3_stmt*> batches = {}) const {
    const auto per_row = static_cast<std::size_t>(sqlite3_bind_parameter_count(one) - 1);
    assert(per_row > 0 && values_.size() % per_row == 0 &&
           "a row's values must match its INSERT's parameters after ?1: add the value to the encoder");
    std::size_t from = 0;
    for (sqlite3_stmt* batch : batches) {
      const auto per_batch = static_cast<std::size_t>(sqlite3_bind_parameter_count(batch) - 1);
      assert(per_batch % per_row == 0 && "a batch INSERT must take whole rows after ?1");
      if (from + per_batch > values_.size()) continue;
      for (; from + per_batch <= values_.size(); from += per_batch) {
        if (!run(batch, key, from, per_batch)) return false;
      }
      sqlite3_clear_bindings(batch);  // nothing keeps pointing into the storage
    }
    for (; from < values_.size(); from += per_row) {
      if (!run(one, key, from, per_row)) return false;
    }
    sqlite3_clear_bindings(one);
    return true;
  }

 private:
  bool run(sqlite3_stmt* insert, std::int64_t key, std::size_t from, std::size_t count) const {
    sqlite3_bind_int64(insert, 1, key);
    for (std::size_t i = 0; i < count; ++i) {
      const Value& value = values_[from + i];
      const int index = static_cast<int>(i) + 2;
      switch (value.kind) {
        case Value::Null: sqlite3_bind_null(insert, index); break;
        case Value::Integer: sqlite3_bind_int64(insert, index, value.integer); break;
        case Value::Text:
          sqlite3_bind_text(insert, index, text_.get() + value.integer, static_cast<int>(value.size), kValueStaysPut);
          break;
      }
    }
    const int code = sqlite3_step(insert);
    sqlite3_reset(insert);
    return code == SQLITE_DONE;
  }

  struct Value {
    enum Kind : std::uint8_t { Null, Integer, Text } kind;
    std::int64_t integer;  // the value, or a text's offset in the storage
    std::size_t size;      // a text's length
  };
  // Not a std::string: writing through a pointer after one capacity check
  // per piece, rather than a check (and a terminator) per character, made
  // encoding a call row about twice as fast.
  void grow(std::size_t used, std::size_t needed) {
    const std::size_t capacity = std::max(needed, 2 * text_capacity_ + 4096);
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (used > 0) std::memcpy(bigger.get(), text_.get(), used);
    text_ = std::move(bigger);
    text_capacity_ = capacity;
  }
  std::unique_ptr<char[]> text_;
  std::size_t text_size_ = 0;  // bytes of closed values; an open text follows them
  std::size_t text_capacity_ = 0;
  std::vector<Value> values_;
};

// "INSERT INTO table (id, ...) VALUES ((?1 << 32) + ?2, ?3, ...), ..." for
// `rows` rows of a table keyed by ?1 (the scenario) packed with each row's
// first value (the call number or trace position); each row takes
// `values_per_row` parameters after ?1.
inline std::string keyed_insert_sql(std::string_view insert_into, int values_per_row, int rows) {
  std::string sql(insert_into);
  sql += " VALUES ";
  for (int row = 0; row < rows; ++row) {
    const int first = 2 + row * values_per_row;
    sql += row > 0 ? ", ((?1 << 32) + ?" : "((?1 << 32) + ?";
    sql += std::to_string(first);
    for (int value = first + 1; value < first + values_per_row; ++value) sql += ", ?" + std::to_string(value);
    sql += ')';
  }
  return sql;
}

}  // namespace pbxsim
