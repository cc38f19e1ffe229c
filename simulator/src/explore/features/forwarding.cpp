// Call forwarding: all, busy and no answer, each on a line or two; and a
// small hop limit with chains (and now and then a loop) across the lines.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {
namespace {

void set_forward(CaseBuilder& builder, std::string CaseLine::*field) {
  const int lines = builder.between(1, 2);
  for (int i = 0; i < lines; ++i) {
    CaseLine& line = builder.pick(builder.c().lines);
    line.*field = builder.forward_target(line.number);
  }
}

// A call to a line that forwards this way, so the forward is taken (and so
// the pairs matrix sees this feature's calls meet other features' stimuli).
void call_a_forwarding_line(CaseBuilder& builder, std::string CaseLine::*field) {
  std::vector<std::string> forwarding;
  for (const CaseLine& line : builder.c().lines) {
    if (!(line.*field).empty()) forwarding.push_back(line.number);
  }
  if (forwarding.empty()) return;
  builder.add_call(builder.time_between(kUsPerSecond, 30 * kUsPerSecond), builder.pick(forwarding));
}

}  // namespace

void stimulate_cfa(CaseBuilder& builder) { call_a_forwarding_line(builder, &CaseLine::cfa); }
void stimulate_cfb(CaseBuilder& builder) { call_a_forwarding_line(builder, &CaseLine::cfb); }
void stimulate_cfna(CaseBuilder& builder) { call_a_forwarding_line(builder, &CaseLine::cfna); }

void shape_cfa(CaseBuilder& builder) {
  // One line: with more, most calls end in forward loops.
  CaseLine& line = builder.pick(builder.c().lines);
  line.cfa = builder.forward_target(line.number);
}
void shape_cfb(CaseBuilder& builder) { set_forward(builder, &CaseLine::cfb); }

void shape_cfna(CaseBuilder& builder) {
  set_forward(builder, &CaseLine::cfna);
  for (CaseLine& line : builder.c().lines) {
    if (!line.cfna.empty()) line.no_answer_us = builder.between(2, 15) * kUsPerSecond;
  }
}

void shape_hop_limit(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  c.hop_limit = builder.between(1, 3);
  // A chain over new lines; the last one rings a device, or loops back.
  const int length = builder.between(2, 5);
  std::vector<std::string> chain;
  for (int i = 0; i < length; ++i) chain.push_back(builder.add_line().number);
  for (int i = 0; i + 1 < length; ++i) {
    CaseLine& line = *builder.find_line(chain[static_cast<std::size_t>(i)]);
    const int kind = builder.between(0, 2);
    const std::string& next = chain[static_cast<std::size_t>(i + 1)];
    (kind == 0 ? line.cfa : kind == 1 ? line.cfb : line.cfna) = next;
  }
  if (builder.chance(30)) builder.find_line(chain.back())->cfa = chain.front();
  else builder.pick(c.devices).lines.push_back(CaseAppearance{chain.back(), 0, 0});
  // Some calls start on the chain.
  const int calls = builder.between(1, 2);
  for (int i = 0; i < calls; ++i) {
    builder.add_call(builder.time_between(kUsPerSecond, 30 * kUsPerSecond), chain[builder.random().below(chain.size())]);
  }
}

}  // namespace pbxsim
