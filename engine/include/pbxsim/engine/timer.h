// A cancellable timer of an engine mechanism (mobility, clients): the handle
// Pbx::schedule_timer returns. Reset it when the timer fires.
#pragma once

#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/ids.h"

namespace pbxsim {

struct TimerHandle {
  EventHandle event;
  Index slot = kNoIndex;
  bool pending() const { return slot != kNoIndex; }
};

}  // namespace pbxsim
