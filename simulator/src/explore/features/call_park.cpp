// Call park (PARK-1 … PARK-5, simulator/catalogue/extra.md): a park range of
// one or two numbers (one makes "every number is taken" likely), sometimes a
// short reversion timer; answered calls parked by the answering phone, parks
// where nothing is connected, retrievals from any phone (sometimes of a free
// or wrong number, sometimes just as the reversion runs out), the retrieving
// phone or the caller hanging up.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

namespace {

const char* const kParkNumbers[] = {"701", "702"};

std::vector<std::string> devices_with_lines(const ExploreCase& c) {
  std::vector<std::string> names;
  for (const CaseDevice& device : c.devices) {
    if (!device.lines.empty()) names.push_back(device.name);
  }
  return names;
}

}  // namespace

void shape_call_park(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  c.park_numbers = builder.chance(40) ? "701" : "701-702";
  // A short timer makes reversions (and retrievals racing them) happen within the run's minute.
  if (builder.chance(70)) c.park_reversion_us = builder.between(3, 30) * kUsPerSecond;
}

void stimulate_call_park(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  std::vector<std::string> phones = devices_with_lines(c);
  if (phones.empty() || c.lines.empty()) return;
  const TimeUs reversion_us = c.park_reversion_us > 0 ? c.park_reversion_us : 60 * kUsPerSecond;
  const int parks = builder.between(1, 3);
  for (int i = 0; i < parks; ++i) {
    // A call to a line, answered by one of its phones, parked by that phone.
    const std::string dialed = builder.pick(c.lines).number;
    const TimeUs call_us = builder.time_between(kUsPerSecond, 30 * kUsPerSecond);
    const std::string label = builder.add_call(call_us, dialed).label;
    const std::vector<std::string> devices = builder.devices_with(dialed);
    const std::string parker = devices.empty() || builder.chance(10) ? builder.pick(phones) : devices[builder.random().below(devices.size())];
    const TimeUs answer_us = call_us + builder.time_between(200 * kUsPerMs, 5 * kUsPerSecond);
    builder.add_step(CaseStep::make(answer_us, CaseStep::Kind::Answer, parker));
    const TimeUs park_us = answer_us + builder.time_between(200 * kUsPerMs, 8 * kUsPerSecond);
    builder.add_step(CaseStep::make(park_us, CaseStep::Kind::Park, parker));
    if (builder.chance(65)) {
      // Any phone dials a park number: mostly the first (where the first park
      // lands), around the reversion, sometimes exactly at it.
      const std::string number = builder.chance(80) ? kParkNumbers[0] : kParkNumbers[1];
      const TimeUs retrieve_us = builder.chance(15) ? park_us + reversion_us
                                                    : park_us + builder.time_between(200 * kUsPerMs, reversion_us + 5 * kUsPerSecond);
      const std::string retriever = builder.pick(phones);
      builder.add_step(CaseStep::make(retrieve_us, CaseStep::Kind::Retrieve, retriever, number));
      if (builder.chance(50)) {
        builder.add_step(CaseStep::make(retrieve_us + builder.time_between(kUsPerSecond, 20 * kUsPerSecond),
                                        CaseStep::Kind::DeviceHangup, retriever));
      }
    }
    if (builder.chance(20)) {
      // The caller gives up while the call waits (or after it came back).
      builder.add_step(CaseStep::make(park_us + builder.time_between(200 * kUsPerMs, reversion_us + 10 * kUsPerSecond),
                                      CaseStep::Kind::CallerHangup, label));
    }
  }
  if (builder.chance(30)) {
    // A phone presses park with nothing connected: ignored.
    builder.add_step(CaseStep::make(builder.time_between(0, 40 * kUsPerSecond), CaseStep::Kind::Park, builder.pick(phones)));
  }
}

}  // namespace pbxsim
