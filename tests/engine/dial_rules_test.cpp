// Dial rules (CUC-9, CUC-10) as pure functions.
#include <catch2/catch.hpp>

#include "pbxsim/engine/dial_rules.h"

using namespace pbxsim;

namespace {

DialPlan cisco_plan() {
  DialPlan plan;
  plan.normalize = true;
  plan.keep_plus = true;
  return plan;
}

}  // namespace

TEST_CASE("dial rules: keypad letters map to the US English keypad", "[engine][dialing]") {
  CHECK(keypad_digit('A') == '2');
  CHECK(keypad_digit('c') == '2');
  CHECK(keypad_digit('P') == '7');
  CHECK(keypad_digit('S') == '7');
  CHECK(keypad_digit('T') == '8');
  CHECK(keypad_digit('W') == '9');
  CHECK(keypad_digit('Z') == '9');
  CHECK(keypad_digit('5') == '5');
}

TEST_CASE("dial rules: 1800-GOTMILK becomes 18004686455", "[engine][dialing]") {
  const DialAnalysis analysis = analyze_dialed(cisco_plan(), "1800-GOTMILK");
  CHECK(analysis.result == "18004686455");
  REQUIRE(analysis.steps.size() == 4);
  CHECK(analysis.steps[1].result == "1800GOTMILK");
  CHECK(analysis.steps[2].result == "18004686455");
}

TEST_CASE("dial rules: a leading plus is kept only when the plan says so, and only leading", "[engine][dialing]") {
  DialPlan plan = cisco_plan();
  CHECK(analyze_dialed(plan, "+1 (408) 555-0100").result == "+14085550100");
  CHECK(analyze_dialed(plan, "1+2").result == "12");
  plan.keep_plus = false;
  CHECK(analyze_dialed(plan, "+1 (408) 555-0100").result == "14085550100");
}

TEST_CASE("dial rules: without normalisation the dialed string is routed as written", "[engine][dialing]") {
  DialPlan plan;
  const DialAnalysis analysis = analyze_dialed(plan, "1800-GOTMILK");
  CHECK(analysis.result == "1800-GOTMILK");
  CHECK(analysis.steps.size() == 2);  // dialed, then "no rules"
}

TEST_CASE("dial rules: the first rule matching leading digits and length applies, only it", "[engine][dialing]") {
  DialPlan plan = cisco_plan();
  plan.application.push_back({"outside line", "", 7, 0, "9"});
  plan.application.push_back({"second", "", 7, 0, "8"});
  CHECK(analyze_dialed(plan, "555-1234").result == "95551234");
  CHECK(analyze_dialed(plan, "5551-2345").result == "55512345");  // 8 digits: no rule
}

TEST_CASE("dial rules: a directory lookup rule removes the area code and two prefix digits", "[engine][dialing]") {
  DialPlan plan = cisco_plan();
  plan.directory_lookup.push_back({"", "408", 10, 5, ""});
  CHECK(analyze_caller_id(plan, "4089023139").result == "23139");
  CHECK(analyze_caller_id(plan, "6509023139").result == "6509023139");
  CHECK(analyze_caller_id(plan, "408902313").result == "408902313");
}

TEST_CASE("dial rules: removing more digits than a number has leaves just the prefix", "[engine][dialing]") {
  const DialRule rule{"", "", 0, 10, "0"};
  CHECK(apply_rule(rule, "123") == "0");
  CHECK(rule_matches(rule, ""));
}

TEST_CASE("dial rules: routing a call gives the same number as the full analysis", "[engine][dialing]") {
  DialPlan plan = cisco_plan();
  plan.application.push_back({"outside line", "", 7, 0, "9"});
  plan.directory_lookup.push_back({"", "408", 10, 5, ""});
  for (const char* text : {"1800-GOTMILK", "+1 (408) 555-0100", "555-1234", "5551-2345", "4089023139", "", "+", "abc"}) {
    CAPTURE(text);
    CHECK(dialed_number(plan, text) == analyze_dialed(plan, text).result);
    CHECK(caller_id_number(plan, text) == analyze_caller_id(plan, text).result);
  }
  plan.normalize = false;
  CHECK(dialed_number(plan, "555-1234") == analyze_dialed(plan, "555-1234").result);
}
