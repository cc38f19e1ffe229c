// JUnit XML as Jenkins, GitLab and GitHub read it: one <testsuite> per
// scenario file, one <testcase> per scenario.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pbxsim/simulator/reporters.h"
#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {
namespace {

std::string xml_escape(std::string_view raw) {
  const std::string text = to_valid_utf8(raw);  // XML is text: the rule of valid_utf8.h
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even when escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += c;
    }
  }
  return out;
}

std::string class_name(std::string file) {
  if (file.ends_with(".lua")) file.resize(file.size() - 4);
  for (char& c : file) {
    if (c == '/' || c == '\\') c = '.';
  }
  return file;
}

}  // namespace

std::string junit_xml(const SuiteReport& suite, const RunSettings& options) {
  std::map<std::string, std::vector<const ScenarioReport*>> by_file;
  for (const ScenarioReport& report : suite.scenarios) by_file[report.file].push_back(&report);

  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  double total_seconds = 0;
  for (const ScenarioReport& report : suite.scenarios) total_seconds += report.wall_seconds;
  xml << "<testsuites name=\"pbxsim\" tests=\"" << suite.scenarios.size() + suite.input_errors.size()
      << "\" failures=\"" << suite.failed() << "\" errors=\"" << suite.errors() << "\" time=\"" << total_seconds
      << "\">\n";
  for (const auto& [file, reports] : by_file) {
    int failures = 0;
    int errors = 0;
    double seconds = 0;
    for (const ScenarioReport* report : reports) {
      failures += report->status == ScenarioReport::Status::Failed ? 1 : 0;
      errors += report->status == ScenarioReport::Status::Error ? 1 : 0;
      seconds += report->wall_seconds;
    }
    xml << "  <testsuite name=\"" << xml_escape(file) << "\" tests=\"" << reports.size() << "\" failures=\""
        << failures << "\" errors=\"" << errors << "\" time=\"" << seconds << "\">\n";
    for (const ScenarioReport* report : reports) {
      const ScenarioRunResult& result = report->result;
      xml << "    <testcase classname=\"" << xml_escape(class_name(file)) << "\" name=\""
          << xml_escape(result.decl.name) << "\" file=\"" << xml_escape(file) << "\" line=\"" << result.decl.line
          << "\" time=\"" << report->wall_seconds << "\">\n";
      if (report->status == ScenarioReport::Status::Error) {
        xml << "      <error message=\"" << xml_escape(result.error->text()) << "\" type=\"error\">"
            << xml_escape(result.error->text()) << "</error>\n";
      } else if (report->status == ScenarioReport::Status::Failed) {
        std::string details;
        std::string first;
        for (const CheckResult& check : result.checks) {
          if (check.passed) continue;
          if (first.empty()) first = describe_check(check);
          details += describe_check(check) + "\n";
        }
        xml << "      <failure message=\"" << xml_escape(first) << "\" type=\"check\">" << xml_escape(details)
            << "</failure>\n";
      }
      xml << "      <system-out>" << xml_escape("policy " + result.policy + ", seed " + std::to_string(options.seed) +
                                               ", trace " + format_hash(result.trace_hash) + "\nreproduce: " +
                                               reproduce_command(*report, options))
          << "</system-out>\n";
      xml << "    </testcase>\n";
    }
    xml << "  </testsuite>\n";
  }
  if (!suite.input_errors.empty()) {
    xml << "  <testsuite name=\"inputs\" tests=\"" << suite.input_errors.size() << "\" failures=\"0\" errors=\""
        << suite.input_errors.size() << "\">\n";
    for (const ScriptError& error : suite.input_errors) {
      xml << "    <testcase classname=\"inputs\" name=\"" << xml_escape(error.file) << "\">\n"
          << "      <error message=\"" << xml_escape(error.text()) << "\" type=\"input\"/>\n    </testcase>\n";
    }
    xml << "  </testsuite>\n";
  }
  xml << "</testsuites>\n";
  return xml.str();
}

std::optional<std::string> write_junit(const std::string& path, const SuiteReport& suite,
                                       const RunSettings& options) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + temporary;
    out << junit_xml(suite, options);
    if (!out.flush()) return "cannot write " + temporary;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return "cannot write " + path + ": " + error.message();
  return std::nullopt;
}

}  // namespace pbxsim
