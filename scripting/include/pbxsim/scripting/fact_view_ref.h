// How a LuaPolicy holds one of its fact views (scripting/src/fact_views.h):
// the registry reference that anchors the view's userdata, and the view
// itself. Lua never moves a userdata, so pointing a view at facts, and
// detaching it, is a store through this pointer rather than a Lua call.
#pragma once

#include <vector>

#include "pbxsim/engine/trace.h"

namespace pbxsim {

struct FactView;

// The facts hooks read while decisions are recorded (fact_views.h,
// note_fact_reads): each read field once per hook call, with its value.
struct FactReadLog {
  std::vector<TraceFact> reads;
};

struct FactViewRef {
  int ref = 0;
  FactView* view = nullptr;
};

}  // namespace pbxsim
