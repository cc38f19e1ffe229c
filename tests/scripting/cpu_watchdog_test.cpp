// The CPU watchdog (cpu_watchdog.h): the last net under the instruction
// budget. The Lua side (a budget tick fails with the watchdog's message) is
// tested through pbxsim in tests/hostile/cpu_watchdog_scenario_loop.lua;
// here the part no Lua reaches: C++ stuck between two budget ticks.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "pbxsim/scripting/cpu_watchdog.h"

namespace {

struct ChildEnd {
  int exit_code = -1;
  std::string stderr_text;
};

// Runs `body` in a child process with its stderr captured.
template <typename Body>
ChildEnd in_child(Body body) {
  int pipe_ends[2];
  REQUIRE(pipe(pipe_ends) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_ends[0]);
    dup2(pipe_ends[1], STDERR_FILENO);
    body();
    _exit(0);
  }
  close(pipe_ends[1]);
  ChildEnd end;
  char buffer[512];
  for (ssize_t got; (got = read(pipe_ends[0], buffer, sizeof buffer)) > 0;) end.stderr_text.append(buffer, got);
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  end.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return end;
}

}  // namespace

TEST_CASE("CPU watchdog: C++ stuck past the limit and its grace ends the process with exit 2 and the subject",
          "[watchdog]") {
  const ChildEnd end = in_child([] {
    const pbxsim::CpuWatch watch("stuck.lua", 1);
    for (volatile bool forever = true; forever;) {
    }
  });
  CHECK(end.exit_code == 2);
  CHECK(end.stderr_text.find("stuck.lua: stopped by the CPU watchdog: the run used more than 1 s of CPU time") !=
        std::string::npos);
}

TEST_CASE("CPU watchdog: a run within its limit ends normally, and a limit of 0 watches nothing", "[watchdog]") {
  const ChildEnd end = in_child([] {
    {
      const pbxsim::CpuWatch watch("quick.lua", 5);
      if (pbxsim::CpuWatch::expired_on_this_thread()) _exit(3);
    }
    const pbxsim::CpuWatch unwatched("unwatched.lua", 0);
    if (pbxsim::CpuWatch::expired_on_this_thread()) _exit(4);
  });
  CHECK(end.exit_code == 0);
  CHECK(end.stderr_text.empty());
}
