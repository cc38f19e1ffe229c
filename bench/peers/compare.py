#!/usr/bin/python3
"""Runs the toy day three ways -- pbxsim (toy_day.lua), a SimPy 2 model
(toy_day_simpy.py) and a bare C++ event loop (toy_day_loop) -- alternating for
several rounds on one pinned core, and prints each round's loop times and
throughput ratios, the medians, each one's calls/s and peak RSS, and the
outcome shares with a check that the three model the same day.

    bench/peers/compare.py [--rounds 5] [--users 100000] [--calls 1000000] [--cpu 0]
                           [--programs pbxsim,simpy,loop] [--build build/release]

Exit status 1 when the outcome shares disagree beyond sampling error (the
seeds differ, so counts agree only statistically), 2 for bad arguments or a
program that fails. Run from the source tree after building pbxsim and
toy_day_loop (cmake --build --preset release --target pbxsim toy_day_loop)."""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
NAMES = {"pbxsim": "pbxsim (toy_day.lua, base policy)", "simpy": "SimPy 2 model", "loop": "bare C++ loop"}


def command(program, args, seed):
    sizes = ["--users", str(args.users), "--calls", str(args.calls), "--seed", str(seed)]
    if program == "pbxsim":
        return [os.path.join(args.build, "simulator", "pbxsim"), "bench", os.path.join(HERE, "toy_day.lua"), "--json"] + sizes
    if program == "simpy":
        return ["/usr/bin/python3", os.path.join(HERE, "toy_day_simpy.py")] + sizes  # Debian's python3-simpy
    return [os.path.join(args.build, "bench", "toy_day_loop")] + sizes


def run(program, args, seed):
    pinned = ["taskset", "-c", str(args.cpu)] if args.cpu >= 0 else []
    done = subprocess.run(pinned + command(program, args, seed), capture_output=True, text=True, cwd=SOURCE)
    if done.returncode != 0:
        sys.exit(f"compare.py: {program} failed (exit {done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def shares(figures):
    """The outcome counts as the model's shares, each with its denominator."""
    calls = figures["calls"]
    reasons = figures["voicemail_reasons"]
    offered = calls - reasons["not_rung"]          # calls to users not in DND
    rung = offered - reasons["busy"]               # calls that rang
    return {
        "in DND (rang nowhere)": (reasons["not_rung"], calls),
        "busy (of calls to users not in DND)": (reasons["busy"], offered),
        "unanswered (of calls that rang)": (reasons["no_answer"], rung),
        "answered (of calls that rang)": (figures["outcomes"].get("answered", 0), rung),
    }


def agree(name, a, b, users, calls):
    """Whether two runs' shares agree within five standard errors. DND is drawn
    per user, so its share varies with the users in DND, not only the calls."""
    (count_a, of_a), (count_b, of_b) = a, b
    if of_a == 0 or of_b == 0:
        return True
    p = (count_a + count_b) / (of_a + of_b)
    variance = p * (1 - p) * (1 / of_a + 1 / of_b)
    if name.startswith("in DND"):
        variance += 2 * p * (1 - p) / users
    return abs(count_a / of_a - count_b / of_b) <= 5 * math.sqrt(variance) + 1e-12


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--cpu", type=int, default=0, help="the core to pin to (taskset -c); -1: no pinning")
    parser.add_argument("--programs", default="pbxsim,simpy,loop")
    parser.add_argument("--build", default=os.path.join(SOURCE, "build", "release"))
    args = parser.parse_args()
    programs = args.programs.split(",")
    if args.rounds < 1 or args.users < 1 or args.calls < 1 or not programs or any(p not in NAMES for p in programs):
        parser.error("--rounds, --users and --calls must be positive; --programs a list of pbxsim, simpy, loop")

    print(f"toy day: {args.users} users, {args.calls} calls, {args.rounds} rounds, "
          f"{'core ' + str(args.cpu) if args.cpu >= 0 else 'not pinned'}; load average {os.getloadavg()[0]:.2f}")
    results = {program: [] for program in programs}
    for round_index in range(args.rounds):
        order = programs[round_index % len(programs):] + programs[:round_index % len(programs)]  # alternate who goes first
        for program in order:
            results[program].append(run(program, args, seed=round_index + 1))
        cells = [f"{p} {results[p][-1]['run_seconds']:.3f} s" for p in programs]
        if "pbxsim" in programs:
            ours = results["pbxsim"][-1]["calls_per_second"]
            cells += [f"pbxsim/{p} {ours / results[p][-1]['calls_per_second']:.3f}x" for p in programs if p != "pbxsim"]
        print(f"round {round_index + 1}: " + ", ".join(cells))

    print("\nmedians (loop time: the event loop alone; calls/s = calls / loop time; peak RSS: the whole process)")
    print(f"{'program':36} {'loop time':>10} {'calls/s':>12} {'peak RSS':>10}")
    for program in programs:
        runs = results[program]
        print(f"{NAMES[program]:36} {statistics.median(r['run_seconds'] for r in runs):9.3f}s "
              f"{statistics.median(r['calls_per_second'] for r in runs) / 1e3:10.0f} k "
              f"{statistics.median(r['peak_rss_bytes'] for r in runs) / 2**20:8.0f} MiB")
    if "pbxsim" in programs:
        for program in programs:
            if program == "pbxsim":
                continue
            ratios = [a["calls_per_second"] / b["calls_per_second"] for a, b in zip(results["pbxsim"], results[program])]
            print(f"pbxsim's throughput / {NAMES[program]}'s: median {statistics.median(ratios):.3f}x "
                  f"(rounds {', '.join(f'{r:.3f}' for r in ratios)})")

    print("\noutcomes, first round (seeds differ: shares agree within sampling error)")
    first = {program: shares(results[program][0]) for program in programs}
    all_agree = True
    for name in first[programs[0]]:
        cells = []
        for program in programs:
            count, of = first[program][name]
            cells.append(f"{program} {count} ({100 * count / of if of else 0:.2f} %)")
        ok = all(agree(name, first[programs[0]][name], first[p][name], args.users, args.calls) for p in programs[1:])
        all_agree = all_agree and ok
        print(f"  {name:38} " + ", ".join(cells) + ("" if ok else "   <-- DISAGREE"))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if not all_agree:
        print("compare.py: the programs' outcome shares disagree beyond sampling error", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
