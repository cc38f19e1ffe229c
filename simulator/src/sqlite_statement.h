// A prepared SQLite statement that finalizes itself, with typed binding and
// reading. Used by the results store only; the rest of pbxsim does not see
// SQLite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <utility>
#include <optional>
#include <string>
#include <string_view>

#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {

// SQLITE_TRANSIENT without its C-style cast: SQLite copies the value.
inline const sqlite3_destructor_type kCopyValue =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement_,
                           nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db);
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(Statement&& other) noexcept : statement_(other.statement_), error_(std::move(other.error_)) {
    other.statement_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(statement_, other.statement_);
    std::swap(error_, other.error_);
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return statement_ != nullptr; }
  sqlite3_stmt* handle() const { return statement_; }
  const std::string& error() const { return error_; }  // why it could not be prepared

  // Binds the values to ?1, ?2, ... in order (after a reset).
  template <class... Values>
  Statement& bind(const Values&... values) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    int index = 0;
    (bind_one(++index, values), ...);
    return *this;
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(statement_); }
  // Runs to completion; true on success.
  bool run() {
    const int code = step();
    sqlite3_reset(statement_);
    return code == SQLITE_DONE || code == SQLITE_ROW;
  }

  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes == nullptr ? std::string()
                            : std::string(reinterpret_cast<const char*>(bytes),
                                          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  void bind_one(int index, std::int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  void bind_one(int index, int value) { sqlite3_bind_int64(statement_, index, value); }
  void bind_one(int index, std::uint32_t value) { sqlite3_bind_int64(statement_, index, value); }
  void bind_one(int index, std::size_t value) { sqlite3_bind_int64(statement_, index, static_cast<std::int64_t>(value)); }
  void bind_one(int index, bool value) { sqlite3_bind_int(statement_, index, value ? 1 : 0); }
  void bind_one(int index, const std::string& value) { bind_one(index, std::string_view(value)); }
  // Text columns hold valid UTF-8, by the rule of valid_utf8.h.
  void bind_one(int index, std::string_view value) {
    if (!is_valid_utf8(value)) {
      const std::string valid = to_valid_utf8(value);
      sqlite3_bind_text(statement_, index, valid.data(), static_cast<int>(valid.size()), kCopyValue);
      return;
    }
    sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), kCopyValue);
  }
  void bind_one(int index, const char* value) { bind_one(index, std::string_view(value)); }
  void bind_one(int index, std::nullopt_t) { sqlite3_bind_null(statement_, index); }
  template <class T>
  void bind_one(int index, const std::optional<T>& value) {
    if (value) bind_one(index, *value);
    else sqlite3_bind_null(statement_, index);
  }

  sqlite3_stmt* statement_ = nullptr;
  std::string error_;
};

}  // namespace pbxsim
