// Sections: keypad · rules · analyses.
#include "pbxsim/engine/dial_rules.h"

#include <algorithm>

namespace pbxsim {
namespace {

// ASCII, as std::isalpha/isdigit in the "C" locale pbxsim runs in (it never
// calls setlocale), without a call into the C library per character.
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Normalisation in two visible steps, so an analysis shows where a
// mistransformation comes from (the seed: "you must correct the dialing rules").
// `steps` null: only the number is wanted (routing a call), so no step text is built.
// Routing a call wants only the number: the same two steps in one pass, in
// place, without building strings (every call's dialed and caller numbers
// pass through here).
void normalize_in_place(const DialPlan& plan, std::string& number) {
  std::size_t kept = 0;
  for (const char c : number) {
    if (is_digit(c)) number[kept++] = c;
    else if (is_letter(c)) number[kept++] = keypad_digit(c);
    else if (c == '+' && plan.keep_plus && kept == 0) number[kept++] = c;
  }
  number.resize(kept);
}

void normalize(const DialPlan& plan, std::string& number, std::vector<DialStep>* steps) {
  if (!plan.normalize) return;
  if (steps == nullptr) {
    normalize_in_place(plan, number);
    return;
  }
  std::string kept;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (is_letter(c) || is_digit(c)) kept += c;
    else if (c == '+' && plan.keep_plus && kept.empty()) kept += c;
  }
  if (steps != nullptr) {
    std::string note = "everything but letters and digits removed";
    if (plan.keep_plus) note += "; a leading '+' is kept";
    steps->push_back({"keep letters and digits", kept, kept == number ? "nothing to remove" : note});
  }
  number = kept;

  std::string digits;
  bool had_letters = false;
  for (char c : number) {
    had_letters = had_letters || is_letter(c);
    digits += keypad_digit(c);
  }
  if (steps != nullptr) {
    steps->push_back({"keypad letters", digits, had_letters ? "letters to the digits of a US English keypad" : "no letters"});
  }
  number = digits;
}

void apply_first_rule(const std::vector<DialRule>& rules, std::string_view list_name, std::string& number,
                      std::vector<DialStep>* steps) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!rule_matches(rules[i], number)) continue;
    std::string after = apply_rule(rules[i], number);
    if (steps != nullptr) {
      std::string name = std::string(list_name) + " rule " + std::to_string(i + 1);
      if (!rules[i].name.empty()) name += " (" + rules[i].name + ")";
      steps->push_back({name, after, describe_rule(rules[i])});
    }
    number = std::move(after);
    return;
  }
  if (steps == nullptr) return;
  steps->push_back({std::string(list_name) + " rules", number,
                    rules.empty() ? "none configured"
                                  : "no rule matches a number of " + std::to_string(number.size()) + " characters"});
}

}  // namespace

// ------------------------------------------------------------------------ keypad

char keypad_digit(char letter) {
  static constexpr char kKeypad[] = "22233344455566677778889999";  // A ... Z
  const char upper = letter >= 'a' && letter <= 'z' ? static_cast<char>(letter - 'a' + 'A') : letter;
  if (upper < 'A' || upper > 'Z') return letter;
  return kKeypad[upper - 'A'];
}

// ------------------------------------------------------------------------- rules

bool rule_matches(const DialRule& rule, std::string_view number) {
  if (rule.length > 0 && static_cast<int>(number.size()) != rule.length) return false;
  return number.substr(0, rule.begins_with.size()) == rule.begins_with;
}

std::string apply_rule(const DialRule& rule, std::string_view number) {
  const std::size_t remove = std::min(number.size(), static_cast<std::size_t>(std::max(rule.remove, 0)));
  return rule.prefix + std::string(number.substr(remove));
}

std::string describe_rule(const DialRule& rule) {
  std::string text = "begins with " + (rule.begins_with.empty() ? std::string("anything") : "'" + rule.begins_with + "'");
  text += rule.length > 0 ? ", " + std::to_string(rule.length) + " characters" : ", any length";
  text += ": remove " + std::to_string(rule.remove);
  if (!rule.prefix.empty()) text += ", prefix '" + rule.prefix + "'";
  return text;
}

// ---------------------------------------------------------------------- analyses

DialAnalysis analyze_dialed(const DialPlan& plan, std::string_view dialed) {
  DialAnalysis analysis{std::string(dialed), {{"dialed", std::string(dialed), ""}}, std::string(dialed)};
  normalize(plan, analysis.result, &analysis.steps);
  apply_first_rule(plan.application, "application dial", analysis.result, &analysis.steps);
  return analysis;
}

DialAnalysis analyze_caller_id(const DialPlan& plan, std::string_view caller) {
  DialAnalysis analysis{std::string(caller), {{"caller ID", std::string(caller), ""}}, std::string(caller)};
  normalize(plan, analysis.result, &analysis.steps);
  apply_first_rule(plan.directory_lookup, "directory lookup", analysis.result, &analysis.steps);
  return analysis;
}

std::string dialed_number(const DialPlan& plan, std::string_view dialed) {
  std::string number(dialed);
  normalize(plan, number, nullptr);
  apply_first_rule(plan.application, "application dial", number, nullptr);
  return number;
}

std::string caller_id_number(const DialPlan& plan, std::string_view caller) {
  std::string number(caller);
  normalize(plan, number, nullptr);
  apply_first_rule(plan.directory_lookup, "directory lookup", number, nullptr);
  return number;
}

}  // namespace pbxsim
