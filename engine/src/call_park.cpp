// Sections: setup · parking · retrieving · reverting · a call's end.
#include "pbxsim/engine/call_park.h"

#include <algorithm>
#include <cassert>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

// ------------------------------------------------------------------------ setup

CallPark::CallPark(FeatureContext& core, const CallParkSpec& spec) : core_(core), reversion_us_(spec.reversion_us) {
  for (const std::string& number : spec.numbers) slots_.push_back(Slot{number, 0, kNoIndex, kNoIndex, {}});
}

std::optional<std::string> CallPark::parked_on(CallId call) const {
  for (const Slot& slot : slots_) {
    if (slot.call == call && call != 0) return slot.number;
  }
  return std::nullopt;
}

CallPark::Slot* CallPark::slot_of(CallId call) {
  for (Slot& slot : slots_) {
    if (slot.call == call) return &slot;
  }
  return nullptr;
}

void CallPark::free_slot(Slot& slot) {
  core_.cancel_timer(slot.reversion);
  slot.call = 0;
  slot.parked_by = kNoIndex;
  slot.parked_from = kNoIndex;
}

// ---------------------------------------------------------------------- parking

void CallPark::park(DeviceIndex device_index) {
  const DeviceState& device = core_.devices()[device_index];
  CallRecord* connected = nullptr;
  for (AppearanceIndex appearance : device.appearances) {
    for (CallId id : core_.appearances()[appearance].calls) {
      const CallRecord& call = core_.call(id);
      if (call.state == CallState::Connected && call.connected_appearance == appearance) connected = &core_.edit_call(id);
    }
  }
  auto ignored = [&](const std::string& why) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::Device, .device = device.name, .note = "park: " + why});
  };
  if (connected == nullptr) return ignored("no connected call here");
  const auto free = std::find_if(slots_.begin(), slots_.end(), [](const Slot& slot) { return slot.call == 0; });
  if (free == slots_.end()) {
    return ignored(slots_.empty() ? "no park numbers are configured (call_park.numbers)"
                                  : "every park number is taken");  // PARK-5
  }
  CallRecord& call = *connected;
  free->call = call.id;
  free->parked_by = device_index;
  free->parked_from = call.connected_appearance;
  core_.park(call);
  core_.record(TraceKind::Parked, {.about = TraceAbout::Device,
                                   .call = call.id,
                                   .device = device.name,
                                   .target = free->number,
                                   .duration_us = reversion_us_});
  const std::size_t index = static_cast<std::size_t>(free - slots_.begin());
  free->reversion = core_.schedule_timer(core_.now_us() + reversion_us_, "call park reversion", [this, index] {
    revert(index);
  });
}

// ------------------------------------------------------------------- retrieving

bool CallPark::take_call(CallRecord& dialing, const std::string& number) {
  const auto slot = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.number == number; });
  if (slot == slots_.end()) return false;
  const DeviceIndex device = dialing.from_device;
  std::string refusal;
  if (slot->call == 0) refusal = "no call is parked on " + number;
  else if (device == kNoIndex || core_.devices()[device].appearances.empty()) refusal = "a parked call is retrieved from a phone";
  if (!refusal.empty()) {
    core_.refuse(dialing, number, refusal);
    return true;
  }
  CallRecord& parked = core_.edit_call(slot->call);
  const AppearanceIndex appearance = core_.devices()[device].appearances.front();
  const std::string parked_number = slot->number;
  free_slot(*slot);
  core_.retrieve(parked, dialing, device, appearance, parked_number);  // PARK-2
  return true;
}

std::optional<std::pair<std::string, std::string>> CallPark::describe_number(std::string_view number) const {
  for (const Slot& slot : slots_) {
    if (slot.number != number) continue;
    return std::make_pair("park " + slot.number, slot.call == 0 ? std::string("a park number, free")
                                                                : "retrieves call-" + std::to_string(slot.call));
  }
  return std::nullopt;
}

// -------------------------------------------------------------------- reverting

void CallPark::revert(std::size_t index) {
  Slot& slot = slots_[index];
  slot.reversion = {};
  assert(slot.call != 0 && "a free park number has no reversion timer");
  CallRecord& call = core_.edit_call(slot.call);
  const DeviceIndex parker = slot.parked_by;
  const AppearanceIndex appearance = slot.parked_from;
  const std::string number = slot.number;
  free_slot(slot);
  core_.record(TraceKind::ParkReverted, {.about = TraceAbout::Device,
                                         .call = call.id,
                                         .device = core_.devices()[parker].name,
                                         .target = number,
                                         .duration_us = reversion_us_});
  if (!core_.revert(call, appearance)) {  // PARK-3, PARK-4: the parking phone is gone
    core_.release(call, "park reversion: " + core_.devices()[parker].name + " is not registered");
    return;
  }
  reverted_.push_back(call.id);
}

bool CallPark::call_timed_out(CallRecord& call) {
  const auto found = std::find(reverted_.begin(), reverted_.end(), call.id);
  if (found == reverted_.end()) return false;
  reverted_.erase(found);
  core_.stop_alerting(call, kNoIndex);
  core_.release(call, "park reversion not answered");  // PARK-4
  return true;
}

// -------------------------------------------------------------------- a call's end

void CallPark::call_releasing(CallRecord& call) {
  if (Slot* slot = slot_of(call.id); slot != nullptr && call.id != 0) free_slot(*slot);
  reverted_.erase(std::remove(reverted_.begin(), reverted_.end(), call.id), reverted_.end());
}

}  // namespace pbxsim
