// Client failover. Sections: INV-CTI-RECONNECT · INV-TFTP-ORDER · INV-LDAP-ORDER.
//
// INV-CTI-RECONNECT (CUC-16): a client's CTI attempts follow the policy's
// interval list. After the connection is lost the first attempt comes after
// the first interval, and after each failed attempt the next comes after the
// next interval (the last repeats; a first connection that fails starts the
// list from its beginning); attempts go round-robin over the user's CTI
// servers from the primary; an attempt connects exactly when its server is
// up. Read from the trace's typed records: `attempt` (service in `target`,
// server, outcome in `reason`), `client` (`reason` cti-lost, cti-off,
// stopped) and `server` (`reason` up or down).
#include <algorithm>
#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

namespace {

struct CtiEpisode {
  bool expecting = false;  // an attempt is due at `due_us`
  TimeUs due_us = 0;
  std::size_t failures = 0;  // failed attempts counted for the next interval
  std::size_t next = 0;      // the server the next attempt goes to (index in the list)
};

TimeUs interval_us(const ClientTiming& timing, std::size_t failures) {
  const std::vector<TimeUs>& intervals = timing.cti_reconnect_us;
  return intervals[std::min(failures, intervals.size() - 1)];
}

// `servers = { "cti1", "cti2" }, down = { cti2 = true }`: a client's servers
// and those down at the start, for a reproducer's Lua.
std::string servers_lua(const Topology& topology, const std::vector<std::string>& servers) {
  std::string text = "servers = {";
  for (const std::string& server : servers) text += " " + quote(server) + ",";
  text += " }, down = {";
  for (const ServerSpec& server : topology.servers) {
    if (!server.up) text += " [" + quote(server.name) + "] = true,";
  }
  return text + " }";
}

// `{ intervals = { 4000000, ... }, servers = { "cti1", "cti2" }, down = { cti2 = true } }`
std::string cti_facts_lua(const Topology& topology, const std::vector<std::string>& servers) {
  std::string text = "{ intervals = {";
  for (const TimeUs interval : topology.client_timing.cti_reconnect_us) text += " " + std::to_string(interval) + ",";
  return text + " }, " + servers_lua(topology, servers) + " }";
}

}  // namespace

void check_cti_reconnect(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, const std::vector<std::string>*> servers_of;  // user -> CTI servers, primary first
  for (const UserSpec& user : run.topology.users) {
    const ClientSpec& client = user.presence.client.get();
    if (client.present && !client.cti.empty()) servers_of[user.id] = &client.cti;
  }
  if (servers_of.empty() || run.topology.client_timing.cti_reconnect_us.empty()) return;
  std::map<std::string, bool> up;
  for (const ServerSpec& server : run.topology.servers) up[server.name] = server.up;
  std::map<std::string, CtiEpisode> episodes;
  std::set<std::string> reported;
  auto violated = [&](const TraceEvent& event, const std::string& what) {
    if (!reported.insert(event.user).second) return;
    InvariantViolation violation{"INV-CTI-RECONNECT", event.user + "'s CTI " + what + " at " + at_text(event.time_us),
                                 event.time_us};
    violation.user = event.user;
    violation.expected = cti_facts_lua(run.topology, *servers_of[event.user]);
    violations.push_back(violation);
  };
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::Server) {
      up[event.server] = event.reason == "up";
      continue;
    }
    if (!servers_of.count(event.user)) continue;
    CtiEpisode& episode = episodes[event.user];
    if (event.kind == TraceKind::Client) {
      if (event.reason == "cti-lost") episode = CtiEpisode{true, event.time_us + interval_us(run.topology.client_timing, 0), 1, 0};
      if (event.reason == "cti-off" || event.reason == "stopped") episode = CtiEpisode{};
      continue;
    }
    if (event.kind != TraceKind::Attempt || event.target != "cti") continue;
    const std::vector<std::string>& servers = *servers_of[event.user];
    if (!episode.expecting) {
      episode = CtiEpisode{};  // a first connection (the client started): the list from its beginning
    } else if (event.time_us != episode.due_us) {
      violated(event, "attempt came " + at_text(event.time_us - episode.due_us) + " away from its interval (due at " +
                          at_text(episode.due_us) + ")");
    }
    const std::string& expected_server = servers[episode.next % servers.size()];
    if (event.server != expected_server) {
      violated(event, "attempt went to " + event.server + ", not to " + expected_server + " (round-robin from the primary)");
    }
    const bool connected = event.reason == "connected";
    if (connected != up[event.server]) {
      violated(event, "attempt at " + event.server + " " + event.reason + " while the server was " +
                          (up[event.server] ? "up" : "down"));
    }
    if (connected) {
      episode = CtiEpisode{};
      continue;
    }
    episode.expecting = true;
    episode.due_us = event.time_us + interval_us(run.topology.client_timing, episode.failures);
    ++episode.failures;
    ++episode.next;
  }
}

std::vector<std::string> lua_cti_reconnect(const InvariantViolation& violation) {
  // The same walk in Lua, with the policy's intervals, the user's servers and
  // the servers down at the start carried in `expected` (a Lua table).
  return {"local cti = " + violation.expected,
          "local up, due, failures, next = {}, nil, 0, 0",
          "for _, name in ipairs(cti.servers) do up[name] = not cti.down[name] end",
          "local function interval(n) return cti.intervals[math.min(n + 1, #cti.intervals)] end",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.kind == \"server\" then up[event.server] = event.reason == \"up\" end",
          "  if event.user == " + quote(violation.user) + " then",
          "    if event.kind == \"client\" and event.reason == \"cti-lost\" then due, failures, next = event.time + interval(0), 1, 0 end",
          "    if event.kind == \"client\" and (event.reason == \"cti-off\" or event.reason == \"stopped\") then due = nil end",
          "    if event.kind == \"attempt\" and event.target == \"cti\" then",
          "      if due == nil then failures, next = 0, 0 end",
          "      local what = \"CTI attempt of " + violation.user + " (\" .. event.details .. \")\"",
          "      if due ~= nil then expect(event.time, what .. \": its time\").is(due) end",
          "      expect(event.server, what .. \": its server\").is(cti.servers[next % #cti.servers + 1])",
          "      expect(event.reason == \"connected\", what .. \": connected\").is(up[event.server] == true)",
          "      if event.reason == \"connected\" then due = nil",
          "      else due, failures, next = event.time + interval(failures), failures + 1, next + 1 end",
          "    end",
          "  end",
          "end"};
}

}  // namespace pbxsim::invariant_checks

// INV-TFTP-ORDER (CUC-14): each time a client starts, its configuration is
// fetched from the primary TFTP server, then from the backups in their
// configured order, each attempt the TFTP timeout after the one before; an
// attempt downloads exactly when its server is up, and the first download
// ends it. Only once every server has failed, one timeout after the last
// attempt, does the client load its cached configuration (if it ever had
// one: configured as cached, or downloaded earlier in the run) or enter
// Disabled mode (if not). Read from `client` records (`reason` started,
// stopped, config-cached, config-disabled), `attempt` records with target
// tftp, and `server` records.
namespace pbxsim::invariant_checks {

namespace {

struct TftpDownload {
  bool active = false;
  std::size_t next = 0;  // the server the next attempt goes to (index in the list)
  TimeUs due_us = 0;
  bool cached = false;   // a configuration is on disk
};

std::string tftp_facts_lua(const Topology& topology, const ClientSpec& client) {
  return "{ timeout = " + std::to_string(topology.client_timing.tftp_timeout_us) + ", cached = " +
         (client.cached_config ? "true" : "false") + ", " + servers_lua(topology, client.tftp) + " }";
}

}  // namespace

void check_tftp_order(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, const ClientSpec*> clients;  // user -> a client with TFTP servers
  for (const UserSpec& user : run.topology.users) {
    const ClientSpec& client = user.presence.client.get();
    if (client.present && !client.tftp.empty()) clients[user.id] = &client;
  }
  if (clients.empty()) return;
  std::map<std::string, bool> up;
  for (const ServerSpec& server : run.topology.servers) up[server.name] = server.up;
  std::map<std::string, TftpDownload> downloads;
  for (const auto& [user, client] : clients) downloads[user].cached = client->cached_config;
  std::set<std::string> reported;
  auto violated = [&](const TraceEvent& event, const std::string& what) {
    if (!reported.insert(event.user).second) return;
    InvariantViolation violation{"INV-TFTP-ORDER", event.user + "'s configuration download: " + what + " at " +
                                                       at_text(event.time_us), event.time_us};
    violation.user = event.user;
    violation.expected = tftp_facts_lua(run.topology, *clients[event.user]);
    violations.push_back(violation);
  };
  const TimeUs timeout_us = run.topology.client_timing.tftp_timeout_us;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::Server) {
      up[event.server] = event.reason == "up";
      continue;
    }
    const auto client = clients.find(event.user);
    if (client == clients.end()) continue;
    const std::vector<std::string>& servers = client->second->tftp;
    TftpDownload& download = downloads[event.user];
    if (event.kind == TraceKind::Client && event.reason == "started") {
      download.active = true;
      download.next = 0;
      download.due_us = event.time_us;
    } else if (event.kind == TraceKind::Client && event.reason == "stopped") {
      download.active = false;
    } else if (event.kind == TraceKind::Attempt && event.target == "tftp") {
      const bool downloaded = event.reason == "downloaded";
      if (!download.active || download.next >= servers.size()) {
        violated(event, "an attempt at " + event.server + " with no download under way");
      } else if (event.time_us != download.due_us) {
        violated(event, "the attempt at " + event.server + " came " + at_text(event.time_us - download.due_us) +
                            " away from its time (due at " + at_text(download.due_us) + ")");
      } else if (event.server != servers[download.next]) {
        violated(event, "the attempt went to " + event.server + ", not to " + servers[download.next] +
                            " (primary, then the backups in order)");
      } else if (downloaded != up[event.server]) {
        violated(event, "the attempt at " + event.server + " " + event.reason + " while the server was " +
                            (up[event.server] ? "up" : "down"));
      }
      if (downloaded) {
        download.active = false;
        download.cached = true;
      } else {
        ++download.next;
        download.due_us = event.time_us + timeout_us;
      }
    } else if (event.kind == TraceKind::Client && (event.reason == "config-cached" || event.reason == "config-disabled")) {
      if (!download.active || download.next != servers.size() || event.time_us != download.due_us) {
        violated(event, "gave up (" + event.reason + ") before every server had failed and timed out");
      } else if ((event.reason == "config-cached") != download.cached) {
        violated(event, event.reason + " though " + (download.cached ? "a configuration was cached" : "none was cached"));
      }
      download.active = false;
    }
  }
}

std::vector<std::string> lua_tftp_order(const InvariantViolation& violation) {
  return {"local tftp = " + violation.expected,
          "local up, active, next, due, cached = {}, false, 1, 0, tftp.cached",
          "for _, name in ipairs(tftp.servers) do up[name] = not tftp.down[name] end",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.kind == \"server\" then up[event.server] = event.reason == \"up\" end",
          "  if event.user == " + quote(violation.user) + " then",
          "    local what = \"configuration download of " + violation.user + " (\" .. event.details .. \")\"",
          "    if event.kind == \"client\" and event.reason == \"started\" then active, next, due = true, 1, event.time end",
          "    if event.kind == \"client\" and event.reason == \"stopped\" then active = false end",
          "    if event.kind == \"attempt\" and event.target == \"tftp\" then",
          "      expect(active and next <= #tftp.servers, what .. \": a download under way\").is_true()",
          "      expect(event.time, what .. \": its time\").is(due)",
          "      expect(event.server, what .. \": its server\").is(tftp.servers[next])",
          "      expect(event.reason == \"downloaded\", what .. \": downloaded\").is(up[event.server] == true)",
          "      if event.reason == \"downloaded\" then active, cached = false, true",
          "      else next, due = next + 1, event.time + tftp.timeout end",
          "    end",
          "    if event.kind == \"client\" and (event.reason == \"config-cached\" or event.reason == \"config-disabled\") then",
          "      expect(active and next == #tftp.servers + 1 and event.time == due, what .. \": every server tried\").is_true()",
          "      expect(event.reason, what).is(cached and \"config-cached\" or \"config-disabled\")",
          "      active = false",
          "    end",
          "  end",
          "end"};
}

}  // namespace pbxsim::invariant_checks

// INV-LDAP-ORDER (CUC-15): a search starts at the client's current LDAP
// server — the primary, or the backup the last search was answered by until
// the client returns to the primary (one primary-retry period after that
// answer) — and goes on in the configured order (primary, backup 1, backup
// 2, round) each time a server does not answer within the LDAP timeout, or
// at once when the server it is searching goes down; an attempt searches
// exactly when its server is up; a search is answered one search time after
// its attempt, by that server; it fails only when every server was tried.
// Read from `attempt` records with target ldap (`reason` searching,
// no-answer, went-down) and `client` records (`reason` ldap-found with its
// `server`, ldap-failed, ldap-primary-again, stopped). A user's searches do
// not overlap in the generated cases; the walk follows one at a time.
namespace pbxsim::invariant_checks {

namespace {

struct LdapWalk {
  std::size_t current = 0;  // where the next search starts (index in the list)
  TimeUs return_due_us = -1;  // when the client returns to the primary; -1: not pending
  bool searching = false;   // a search is under way
  std::size_t next = 0;     // its attempts so far (the next goes to current + next)
  TimeUs due_us = 0;        // when its next record is due
  bool answered_pending = false;  // its last attempt is searching: an answer is due at due_us
};

std::string ldap_facts_lua(const Topology& topology, const ClientSpec& client) {
  const ClientTiming& timing = topology.client_timing;
  return "{ timeout = " + std::to_string(timing.ldap_timeout_us) + ", search = " + std::to_string(timing.ldap_search_us) +
         ", retry = " + std::to_string(timing.ldap_primary_retry_us) + ", " + servers_lua(topology, client.ldap) + " }";
}

}  // namespace

void check_ldap_order(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  std::map<std::string, const ClientSpec*> clients;  // user -> a client with LDAP servers
  for (const UserSpec& user : run.topology.users) {
    const ClientSpec& client = user.presence.client.get();
    if (client.present && !client.ldap.empty()) clients[user.id] = &client;
  }
  if (clients.empty()) return;
  std::map<std::string, bool> up;
  for (const ServerSpec& server : run.topology.servers) up[server.name] = server.up;
  std::map<std::string, LdapWalk> walks;
  const ClientTiming& timing = run.topology.client_timing;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::Server) {
      up[event.server] = event.reason == "up";
      continue;
    }
    const auto client = clients.find(event.user);
    if (client == clients.end()) continue;
    const std::vector<std::string>& servers = client->second->ldap;
    LdapWalk& walk = walks[event.user];
    std::string wrong;
    if (event.kind == TraceKind::Client && event.reason == "stopped") {
      walk = LdapWalk{};
    } else if (event.kind == TraceKind::Client && event.reason == "ldap-primary-again") {
      if (event.time_us != walk.return_due_us) wrong = "returned to the primary at another time than one retry period after the answer of a backup";
      walk.current = 0;
      walk.return_due_us = -1;
    } else if (event.kind == TraceKind::Attempt && event.target == "ldap") {
      const bool went_down = event.reason == "went-down";
      if (!walk.searching) {
        walk.searching = true;
        walk.next = 0;
        walk.due_us = event.time_us;
      }
      const std::string& expected = servers[(walk.current + walk.next) % servers.size()];
      if (went_down) {
        if (!walk.answered_pending || event.server != expected || up[event.server]) {
          wrong = "a search went over from " + event.server + " though it was not searching there, or it is up";
        }
        walk.answered_pending = false;
        ++walk.next;
        walk.due_us = event.time_us;  // the next server at once
      } else if (walk.answered_pending || walk.next >= servers.size()) {
        wrong = "an attempt at " + event.server + " while " + (walk.answered_pending ? "an answer was due" : "every server had been tried");
      } else if (event.time_us != walk.due_us) {
        wrong = "the attempt at " + event.server + " came " + at_text(event.time_us - walk.due_us) + " away from its time";
      } else if (event.server != expected) {
        wrong = "the attempt went to " + event.server + ", not to " + expected + " (the current server, then in order)";
      } else if ((event.reason == "searching") != up[event.server]) {
        wrong = "the attempt at " + event.server + " " + event.reason + " while the server was " + (up[event.server] ? "up" : "down");
      } else if (event.reason == "searching") {
        walk.answered_pending = true;
        walk.due_us = event.time_us + timing.ldap_search_us;
      } else {
        ++walk.next;
        walk.due_us = event.time_us + timing.ldap_timeout_us;
      }
    } else if (event.kind == TraceKind::Client && event.reason == "ldap-found") {
      const std::string& expected = servers[(walk.current + walk.next) % servers.size()];
      if (!walk.answered_pending || event.time_us != walk.due_us || event.server != expected) {
        wrong = "answered by " + event.server + " with no search there due now";
      }
      const std::size_t position = static_cast<std::size_t>(
          std::find(servers.begin(), servers.end(), event.server) - servers.begin());
      if (position == 0) {
        walk.return_due_us = -1;
      } else if (walk.return_due_us < 0) {
        walk.return_due_us = event.time_us + timing.ldap_primary_retry_us;
      }
      walk.current = position % servers.size();
      walk.searching = walk.answered_pending = false;
    } else if (event.kind == TraceKind::Client && event.reason == "ldap-failed") {
      if (walk.answered_pending || walk.next != servers.size() || event.time_us != walk.due_us) {
        wrong = "a search failed before every server had been tried";
      }
      walk.searching = walk.answered_pending = false;
    }
    if (wrong.empty()) continue;
    InvariantViolation violation{"INV-LDAP-ORDER", event.user + "'s LDAP search: " + wrong + " at " + at_text(event.time_us),
                                 event.time_us};
    violation.user = event.user;
    violation.expected = ldap_facts_lua(run.topology, *client->second);
    violations.push_back(violation);
    clients.erase(client);  // one finding a user
  }
}

std::vector<std::string> lua_ldap_order(const InvariantViolation& violation) {
  return {"local ldap = " + violation.expected,
          "local up, n = {}, #ldap.servers",
          "for _, name in ipairs(ldap.servers) do up[name] = not ldap.down[name] end",
          "local current, return_due, searching, next, due, pending = 0, nil, false, 0, 0, false",
          "local function expected() return ldap.servers[(current + next) % n + 1] end",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.kind == \"server\" then up[event.server] = event.reason == \"up\" end",
          "  if event.user == " + quote(violation.user) + " then",
          "    local what = \"LDAP search of " + violation.user + " (\" .. event.details .. \")\"",
          "    if event.kind == \"client\" and event.reason == \"stopped\" then",
          "      current, return_due, searching, next, due, pending = 0, nil, false, 0, 0, false",
          "    elseif event.kind == \"client\" and event.reason == \"ldap-primary-again\" then",
          "      expect(event.time, what .. \": back to the primary\").is(return_due)",
          "      current, return_due = 0, nil",
          "    elseif event.kind == \"attempt\" and event.target == \"ldap\" then",
          "      if not searching then searching, next, due = true, 0, event.time end",
          "      if event.reason == \"went-down\" then",
          "        expect(pending and event.server == expected() and not up[event.server], what .. \": over from a server it searched\").is_true()",
          "        pending, next, due = false, next + 1, event.time",
          "      else",
          "        expect(not pending and next < n, what .. \": an attempt is due\").is_true()",
          "        expect(event.time, what .. \": its time\").is(due)",
          "        expect(event.server, what .. \": its server\").is(expected())",
          "        expect(event.reason == \"searching\", what .. \": searching\").is(up[event.server] == true)",
          "        if event.reason == \"searching\" then pending, due = true, event.time + ldap.search",
          "        else next, due = next + 1, event.time + ldap.timeout end",
          "      end",
          "    elseif event.kind == \"client\" and event.reason == \"ldap-found\" then",
          "      expect(pending and event.time == due and event.server == expected(), what .. \": answered as due\").is_true()",
          "      local position = 0",
          "      for i, name in ipairs(ldap.servers) do if name == event.server then position = i - 1 end end",
          "      if position == 0 then return_due = nil elseif return_due == nil then return_due = event.time + ldap.retry end",
          "      current, searching, pending = position, false, false",
          "    elseif event.kind == \"client\" and event.reason == \"ldap-failed\" then",
          "      expect(not pending and next == n and event.time == due, what .. \": every server tried\").is_true()",
          "      searching, pending = false, false",
          "    end",
          "  end",
          "end"};
}

}  // namespace pbxsim::invariant_checks
