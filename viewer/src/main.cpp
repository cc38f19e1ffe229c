// pbxsim-viewer: Dear ImGui (GLFW + OpenGL 3) on a results database.
//
//   pbxsim-viewer [FILE] [--run ID] [--scenario NAME] [--time T]
//                 [--view timeline|ladder|state|graph|diff] [--file-dialog]
//                 [--screenshot OUT.png] [--size WxH] [--frames N]
//   pbxsim-viewer --completion bash|zsh
//
// Without --time a scenario with a failed check opens at the moment the
// first one ran, framed on the events of the call it is about (--call N
// frames another call). --file-dialog shows the file dialog (File > Open) over the
// viewer, listing FILE's directory.
//
// With --screenshot it renders a few frames of the chosen view, writes the
// PNG and exits: 0 when written, 2 for bad arguments or a file it cannot
// open (the PNG then shows the message), 1 when no window could be made.
// Sections: arguments · window · frame loop.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "help_completion.h"
#include "pbxsim/simulator/version.h"
#include "screenshot.h"
#include "views.h"

namespace {

using namespace pbxsim;
using namespace pbxsim::viewer;

constexpr int kBadInput = 2;

// -------------------------------------------------------------------- arguments

struct Arguments {
  std::string file;
  std::optional<std::int64_t> run;
  std::string scenario;
  std::optional<TimeUs> time_us;
  std::optional<std::size_t> call;  // --call N: 1-based, as the ladder names calls
  std::optional<View> view;
  std::string screenshot;
  int width = 1280;
  int height = 800;
  int frames = 3;  // ImGui lays windows out over a couple of frames
  bool file_dialog = false;
  bool print_version = false;
  std::string completion_shell;  // --completion bash|zsh
};

// The help text; the man page (pbxsim-viewer.1) is made from it at build time.
const char* const kUsage =
    "pbxsim-viewer: the results viewer of pbxsim\n"
    "usage: pbxsim-viewer [FILE] [--run ID] [--scenario NAME] [--call N] [--time T]\n"
    "                     [--view timeline|ladder|state|graph|diff] [--file-dialog]\n"
    "                     [--screenshot OUT.png] [--size WxH] [--frames N]\n"
    "\n"
    "Browses a results database written by `pbxsim run --db FILE`: runs, scenarios, failed\n"
    "checks, the timeline, a call's ladder, the state at a moment, the forwarding graph and\n"
    "the difference between two runs.\n"
    "\n"
    "Options:\n"
    "  FILE                 the results database (without it: File > Open... in the window)\n"
    "  --run ID             the stored run to browse (default: the latest; `pbxsim report FILE --list`)\n"
    "  --scenario NAME      the scenario shown first: its exact name, else the first listed whose name or\n"
    "                       file contains NAME, any case (default: the first listed; failures first)\n"
    "  --call N             show call-N: the ladder draws it, the timeline frames its events (default:\n"
    "                       the call the first failed check is about)\n"
    "  --time T             the time cursor, e.g. 5s or 1m30s (default: when the first failed check ran)\n"
    "  --view VIEW          timeline, ladder, state, graph or diff (default: timeline)\n"
    "  --file-dialog        show the file dialog over the viewer\n"
    "  --screenshot OUT.png render the view headless, write the PNG and exit (under xvfb-run -a\n"
    "                       without a display); exit 0 written, 2 bad arguments or file, 1 no window\n"
    "  --size WxH           the window's size (default 1280x800)\n"
    "  --frames N           frames drawn before the screenshot (default 3)\n"
    "  --version            print the version and git revision\n"
    "  --completion SHELL   print a completion script for bash or zsh (installed with the viewer)\n"
    "  -h, --help           print this help\n";

std::optional<View> view_from_name(std::string_view name) {
  if (name == "timeline") return View::Timeline;
  if (name == "ladder") return View::Ladder;
  if (name == "state") return View::State;
  if (name == "graph") return View::Graph;
  if (name == "diff") return View::Diff;
  return std::nullopt;
}

// Returns a message when the arguments are wrong.
std::optional<std::string> parse_arguments(int argc, char** argv, Arguments& out) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& into) -> std::optional<std::string> {
      if (i + 1 >= argc) return arg + " needs a value";
      into = argv[++i];
      return std::nullopt;
    };
    std::string text;
    if (arg == "--help" || arg == "-h") {
      return std::string();
    } else if (arg == "--version") {
      out.print_version = true;
      return std::nullopt;
    } else if (arg == "--completion") {
      if (auto error = value(out.completion_shell)) return error;
      if (out.completion_shell != "bash" && out.completion_shell != "zsh") {
        return "--completion " + out.completion_shell + ": use bash or zsh";
      }
      return std::nullopt;
    } else if (arg == "--scenario") {
      if (auto error = value(out.scenario)) return error;
    } else if (arg == "--file-dialog") {
      out.file_dialog = true;
    } else if (arg == "--screenshot") {
      if (auto error = value(out.screenshot)) return error;
    } else if (arg == "--run") {
      if (auto error = value(text)) return error;
      char* end = nullptr;
      out.run = std::strtoll(text.c_str(), &end, 10);
      if (*end != '\0') return "--run " + text + ": not a run id (pbxsim report FILE --list shows them)";
    } else if (arg == "--call") {
      if (auto error = value(text)) return error;
      char* end = nullptr;
      const long long number = std::strtoll(text.c_str(), &end, 10);
      if (*end != '\0' || number < 1) return "--call " + text + ": a call number, 1 for call-1";
      out.call = static_cast<std::size_t>(number);
    } else if (arg == "--time") {
      if (auto error = value(text)) return error;
      std::string why;
      out.time_us = parse_duration(text, &why);
      if (!out.time_us) return "--time " + text + ": " + why;
    } else if (arg == "--view") {
      if (auto error = value(text)) return error;
      out.view = view_from_name(text);
      if (!out.view) return "--view " + text + ": use timeline, ladder, state, graph or diff";
    } else if (arg == "--size") {
      if (auto error = value(text)) return error;
      if (std::sscanf(text.c_str(), "%dx%d", &out.width, &out.height) != 2 || out.width < 200 || out.height < 150 ||
          out.width > 8192 || out.height > 8192) {
        return "--size " + text + ": use WIDTHxHEIGHT, e.g. 1280x800";
      }
    } else if (arg == "--frames") {
      if (auto error = value(text)) return error;
      out.frames = std::atoi(text.c_str());
      if (out.frames < 1) return "--frames " + text + ": at least 1";
    } else if (!arg.empty() && arg[0] == '-') {
      return arg + ": unknown option";
    } else if (out.file.empty()) {
      out.file = arg;
    } else {
      return arg + ": only one results database at a time";
    }
  }
  if (!out.screenshot.empty() && out.file.empty()) return "--screenshot needs a results database";
  return std::nullopt;
}

void glfw_error(int code, const char* description) {
  std::cerr << "pbxsim-viewer: GLFW error " << code << ": " << description << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (auto error = parse_arguments(argc, argv, args)) {
    if (error->empty()) {
      std::cout << kUsage;
      return 0;
    }
    std::cerr << "pbxsim-viewer: " << *error << "\n" << kUsage;
    return kBadInput;
  }
  if (!args.completion_shell.empty()) {
    CompletionSpec spec = completion_spec_from_help("pbxsim-viewer", kUsage);
    for (CompletionOption& option : spec.options) {
      if (option.name == "--view") option.values = {"timeline", "ladder", "state", "graph", "diff"};
      if (option.name == "--completion") option.values = {"bash", "zsh"};
    }
    if (args.completion_shell == "zsh") write_zsh_completion(spec, std::cout);
    else write_bash_completion(spec, std::cout);
    return 0;
  }
  if (args.print_version) {
    std::cout << version_text("pbxsim-viewer") << "\n";
    return 0;
  }
  const bool headless = !args.screenshot.empty();

  // Open the file before making a window: its errors are the common case.
  Model model;
  ViewerUi ui;
  int exit_code = 0;
  if (!args.file.empty()) {
    if (!model.open(args.file)) {
      std::cerr << "pbxsim-viewer: " << model.error() << "\n";
      exit_code = kBadInput;
    } else {
      std::cerr << "pbxsim-viewer: opened " << args.file << ": " << model.run()->suite.scenarios.size()
                << " scenarios in " << static_cast<long>(model.open_ms) << " ms\n";
      if (args.run && !model.select_run(*args.run)) {
        std::cerr << "pbxsim-viewer: " << model.error() << "\n";
        return kBadInput;
      }
      if (!args.scenario.empty()) {
        if (!model.select_scenario_named(args.scenario)) {
          std::cerr << "pbxsim-viewer: " << model.error() << "\n";
          return kBadInput;
        }
      } else if (!model.visible().empty()) {
        model.select_scenario(model.visible().front());
      }
    }
  } else {
    model.open("");  // no file given: shows the "cannot open" window with a path box
  }
  if (args.time_us) {
    model.cursor_us = *args.time_us;
  } else {
    // Without --time, a failing scenario opens at its first failed check,
    // framed on the call that check is about.
    model.jump_to_first_failed_check();
  }
  if (args.call && model.scenario()) {
    if (!model.focus_call(*args.call - 1)) {
      std::cerr << "pbxsim-viewer: --call " << *args.call << ": the scenario has "
                << model.scenario()->result.calls.size() << " call(s)\n";
      return kBadInput;
    }
  }
  if (args.view == View::Diff && model.is_open() && model.runs().size() > 1) {
    // Headless, nobody presses Compare: compare with the first other run.
    for (const RunInfo& info : model.runs()) {
      if (info.id != model.run()->info.id) {
        ui.diff_before = info.id;
        break;
      }
    }
    ui.diff_error = model.diff_against(ui.diff_before).value_or("");
  }
  if (args.file_dialog) ui.file_dialog = true;
  if (!args.file.empty()) ui.file_dialog_start = std::filesystem::path(args.file).parent_path().string();
  if (args.view) {
    ui.view = *args.view;
    ui.forced_view = *args.view;
  }

  // ----------------------------------------------------------------------- window
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::cerr << "pbxsim-viewer: cannot open a window (no display? run it under xvfb-run -a)\n";
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (headless) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(args.width, args.height, "pbxsim-viewer", nullptr, nullptr);
  if (window == nullptr) {
    std::cerr << "pbxsim-viewer: cannot create an OpenGL 3.3 core window\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(headless ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // fixed layout: nothing to remember, screenshots stay comparable
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  // ------------------------------------------------------------------ frame loop
  int frame = 0;
  double total_ms = 0;
  while (!glfwWindowShouldClose(window)) {
    const auto started = std::chrono::steady_clock::now();
    if (headless) glfwPollEvents();
    else glfwWaitEventsTimeout(0.25);  // idle when nothing happens
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    draw_viewer(model, ui, static_cast<float>(width), static_cast<float>(height));
    ImGui::Render();
    glViewport(0, 0, width, height);
    glClearColor(0.08f, 0.08f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (headless) glFinish();  // count the rendering in the frame time
    ui.last_frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++frame;
    if (!headless && frame >= 3) ui.forced_view.reset();
    total_ms += ui.last_frame_ms;
    ui.mean_frame_ms = total_ms / frame;

    if (headless && frame >= args.frames) {
      if (auto error = write_framebuffer_png(args.screenshot, width, height)) {
        std::cerr << "pbxsim-viewer: " << *error << "\n";
        exit_code = 1;
      } else {
        std::cerr << "pbxsim-viewer: wrote " << args.screenshot << " (" << width << "x" << height << "), "
                  << frame << " frames, mean frame time " << ui.mean_frame_ms << " ms\n";
      }
      break;
    }
    glfwSwapBuffers(window);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
