// The text of one trace event, built on the stack. The run loop traces
// millions of events; building each one's details by std::string
// concatenation cost one or more heap allocations per event, and most runs
// (benchmarks, CI) only hash the text. Texts longer than the inline buffer
// spill to the heap, so nothing is ever cut short.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace pbxsim {

class TraceText {
 public:
  TraceText() = default;
  TraceText(const TraceText&) = delete;
  TraceText& operator=(const TraceText&) = delete;

  // Inline, so pieces of known length (literals, "call-") copy without a
  // libc call; only a text outgrowing the buffer takes the slow path.
  [[gnu::always_inline]] TraceText& operator<<(std::string_view text) {
    if (size_ + text.size() <= sizeof(inline_) && spilled_.empty()) [[likely]] {
      std::memcpy(inline_ + size_, text.data(), text.size());
      size_ += text.size();
    } else {
      append_spilled(text);
    }
    return *this;
  }
  TraceText& operator<<(const std::string& text) { return *this << std::string_view(text); }
  [[gnu::always_inline]] TraceText& operator<<(const char* text) { return *this << std::string_view(text); }
  TraceText& operator<<(char c) { return *this << std::string_view(&c, 1); }

  template <std::integral Number>
    requires(!std::same_as<Number, char> && !std::same_as<Number, bool>)
  TraceText& operator<<(Number number) {
    if (size_ + 24 <= sizeof(inline_) && spilled_.empty()) [[likely]] {  // digits straight into the buffer
      size_ = static_cast<std::size_t>(std::to_chars(inline_ + size_, inline_ + sizeof(inline_), number).ptr - inline_);
      return *this;
    }
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), number);
    return *this << std::string_view(digits, static_cast<std::size_t>(result.ptr - digits));
  }

  std::string_view view() const { return spilled_.empty() ? std::string_view(inline_, size_) : std::string_view(spilled_); }
  std::string str() const { return std::string(view()); }

 private:
  char inline_[160];
  std::size_t size_ = 0;
  std::string spilled_;  // everything, once the text outgrew inline_

  [[gnu::noinline]] void append_spilled(std::string_view text) {
    if (spilled_.empty()) spilled_.assign(inline_, size_);
    spilled_ += text;
  }
};

// "call-<id>", the trace subject of a call, built on the stack: a call's
// events name it half a dozen times.
class CallSubject {
 public:
  explicit CallSubject(std::uint32_t call_id) {
    std::memcpy(text_, "call-", 5);
    const auto result = std::to_chars(text_ + 5, text_ + sizeof(text_), call_id);
    size_ = static_cast<std::size_t>(result.ptr - text_);
  }
  operator std::string_view() const { return std::string_view(text_, size_); }

 private:
  char text_[16];  // "call-" and at most ten digits
  std::size_t size_;
};

}  // namespace pbxsim
