#!/usr/bin/python3
"""The toy day (toy_day.lua) as a SimPy 2 model (Debian's python3-simpy), the
tool a user might pick instead of pbxsim. One process makes the arrivals; each
call is a process that rings and talks on its user's phone.

    toy_day_simpy.py [--users N] [--calls N] [--seed N]   prints one JSON object

The keys are those of `pbxsim bench --json` that bench/peers/compare.py reads."""
import argparse
import json
import random
import resource
import time

from SimPy.Simulation import Process, Simulation, hold

DAY_SECONDS = 8 * 3600
DND_SHARE = 0.10
BUSY_LIMIT = 2
ANSWER_MEAN_SECONDS = 8.0
NO_ANSWER_SECONDS = 12.0
TALK_MEAN_SECONDS = 180.0


class Day:
    def __init__(self, users, rng):
        self.rng = rng
        self.users = users
        self.dnd = [rng.random() < DND_SHARE for _ in range(users)]
        self.active = [0] * users  # calls ringing or talking on the user's phone
        self.answered = self.voicemail_no_answer = self.voicemail_busy = self.voicemail_not_rung = 0


class Call(Process):
    def live(self, day):
        user = day.rng.randrange(day.users)
        if day.dnd[user]:
            day.voicemail_not_rung += 1
            return
        if day.active[user] >= BUSY_LIMIT:
            day.voicemail_busy += 1
            return
        day.active[user] += 1
        answer_after = day.rng.expovariate(1 / ANSWER_MEAN_SECONDS)
        if answer_after < NO_ANSWER_SECONDS:
            day.answered += 1
            yield hold, self, answer_after + day.rng.expovariate(1 / TALK_MEAN_SECONDS)
        else:
            day.voicemail_no_answer += 1
            yield hold, self, NO_ANSWER_SECONDS
        day.active[user] -= 1


class Arrivals(Process):
    def generate(self, day, calls):
        rate_per_second = calls / DAY_SECONDS
        for _ in range(calls):
            yield hold, self, day.rng.expovariate(rate_per_second)
            call = Call(sim=self.sim)
            self.sim.activate(call, call.live(day))


def peak_resident_bytes():
    """VmHWM: this process's own peak (ru_maxrss would also count the parent that started it)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    day = Day(args.users, random.Random(args.seed))
    sim = Simulation()
    sim.initialize()
    arrivals = Arrivals(sim=sim)
    sim.activate(arrivals, arrivals.generate(day, args.calls))
    started = time.perf_counter()
    sim.simulate(until=10 * DAY_SECONDS)
    run_seconds = time.perf_counter() - started
    voicemail = day.voicemail_no_answer + day.voicemail_busy + day.voicemail_not_rung
    print(json.dumps({
        "workload": "toy day (SimPy 2)", "users": args.users, "calls": args.calls, "seed": args.seed,
        "run_seconds": run_seconds, "calls_per_second": args.calls / run_seconds,
        "peak_rss_bytes": peak_resident_bytes(),
        "outcomes": {"answered": day.answered, "voicemail": voicemail},
        "voicemail_reasons": {"no_answer": day.voicemail_no_answer, "busy": day.voicemail_busy,
                              "not_rung": day.voicemail_not_rung},
    }, indent=2))


if __name__ == "__main__":
    main()
