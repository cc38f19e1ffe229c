// Dialing (CUC-9, CUC-10): what a dialed string becomes before it is routed,
// and what a caller ID becomes before it is looked up in the directory.
//
// Normalisation keeps letters and digits only (a leading '+' too, when the
// plan says so) and turns letters into the digits of a US English keypad.
// Then the first rule of the ordered list that matches applies: a rule
// matches by the number's leading characters and its length, removes leading
// characters and adds a prefix (Unified CM's application dial rules and
// directory lookup rules). Pure functions: no state, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pbxsim {

struct DialRule {
  std::string name;         // for reports; may be empty
  std::string begins_with;  // empty: any number
  int length = 0;           // the number's length in characters ('+' counts); 0: any
  int remove = 0;           // leading characters removed
  std::string prefix;       // then prepended
};

struct DialPlan {
  bool normalize = false;  // letters and digits only, letters to keypad digits
  bool keep_plus = true;   // a leading '+' survives normalisation
  std::vector<DialRule> application;       // numbers the user dials
  std::vector<DialRule> directory_lookup;  // caller IDs before a directory lookup
};

struct DialStep {
  std::string name;    // "dialed", "keep letters and digits", "keypad letters", "rule 2 (...)"
  std::string result;  // the number after this step
  std::string note;    // why, or what did not match
};

struct DialAnalysis {
  std::string input;
  std::vector<DialStep> steps;  // the first step is the input itself
  std::string result;
};

// The digit a letter has on a US English telephone keypad (ABC=2 ... WXYZ=9);
// the character itself when it is not a letter.
char keypad_digit(char letter);

bool rule_matches(const DialRule& rule, std::string_view number);
std::string apply_rule(const DialRule& rule, std::string_view number);
std::string describe_rule(const DialRule& rule);

// A number the user dials: normalisation, then the application dial rules.
DialAnalysis analyze_dialed(const DialPlan& plan, std::string_view dialed);
// A caller ID: normalisation, then the directory lookup rules.
DialAnalysis analyze_caller_id(const DialPlan& plan, std::string_view caller);
// Their results alone, without the steps: what routing a call needs.
std::string dialed_number(const DialPlan& plan, std::string_view dialed);
std::string caller_id_number(const DialPlan& plan, std::string_view caller);

}  // namespace pbxsim
