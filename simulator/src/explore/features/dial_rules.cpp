// Dial rules (CUC-9): a site dial plan (normalisation on or off, a leading
// '+' kept or not, up to three application rules in random order: an access
// code, short dialing, an outside-line prefix, sometimes a rule that spoils
// every extension) and calls dialed the ways people dial: with an access
// code, short, with separators, with letters, with a '+'.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

namespace {

// Separators a person types or a directory prints between digits.
std::string with_separators(CaseBuilder& builder, const std::string& number) {
  static const char* const kSeparators[] = {"-", " ", ".", "(", ")"};
  std::string dialed;
  for (std::size_t i = 0; i < number.size(); ++i) {
    dialed += number[i];
    if (i + 1 < number.size() && builder.chance(40)) dialed += kSeparators[builder.random().below(5)];
  }
  return dialed;
}

}  // namespace

void shape_dial_rules(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  c.dialing = true;
  c.dial_plan.normalize = builder.chance(70);
  c.dial_plan.keep_plus = builder.chance(50);
  // Lines are 1000, 1001, ...: four digits.
  std::vector<DialRule> rules;
  if (builder.chance(70)) rules.push_back(DialRule{"access code", "9", 5, 1, ""});   // 91001 -> 1001
  if (builder.chance(50)) rules.push_back(DialRule{"short", "", 2, 0, "10"});        // 01 -> 1001
  if (builder.chance(50)) rules.push_back(DialRule{"outside", "0", 0, 1, "+1"});     // 0408... -> +1408...
  if (builder.chance(5)) rules.push_back(DialRule{"spoiler", "1", 4, 0, "4"});      // 1001 -> 41001: unreachable
  for (std::size_t i = rules.size(); i > 1; --i) std::swap(rules[i - 1], rules[builder.random().below(i)]);
  c.dial_plan.application = std::move(rules);
}

void stimulate_dial_rules(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.lines.empty()) return;
  const int calls = builder.between(1, 4);
  for (int i = 0; i < calls; ++i) {
    const std::string line = builder.pick(c.lines).number;
    std::string dialed;
    switch (builder.between(1, 7)) {
      case 1: dialed = "9" + line; break;
      case 2: dialed = line.substr(2); break;
      case 3: dialed = with_separators(builder, line); break;
      case 4: dialed = "+" + line; break;
      case 5: dialed = "0" + with_separators(builder, "408555") + "0100"; break;
      case 6: dialed = "01800GOTMILK"; break;
      default: dialed = "9" + with_separators(builder, line); break;
    }
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    builder.add_call(at_us, dialed);
    const std::vector<std::string> devices = builder.devices_with(line);
    if (!devices.empty() && builder.chance(50)) {
      // Answered where the line rings, if the plan sent it there.
      builder.add_step(CaseStep::make(at_us + builder.time_between(500 * kUsPerMs, 10 * kUsPerSecond),
                                      CaseStep::Kind::Answer, devices[builder.random().below(devices.size())]));
    }
  }
}

}  // namespace pbxsim
