// How a LuaPolicy holds one of its fact views (scripting/src/fact_views.h):
// the registry reference that anchors the view's userdata, and the view
// itself. Lua never moves a userdata, so pointing a view at facts, and
// detaching it, is a store through this pointer rather than a Lua call.
#pragma once

namespace pbxsim {

struct FactView;

struct FactViewRef {
  int ref = 0;
  FactView* view = nullptr;
};

}  // namespace pbxsim
