// A cancellable timer of an engine mechanism (mobility, clients): the handle
// Pbx::schedule_timer returns. Reset it when the timer fires.
#pragma once

#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/ids.h"

namespace pbxsim {

struct TimerHandle {
  EventHandle event;
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  std::uint32_t slot = kNoSlot;  // into the Pbx's timers
  bool pending() const { return slot != kNoSlot; }
};

}  // namespace pbxsim
