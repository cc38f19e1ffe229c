// LDAP (CUC-15): the client connects per search. A search starts at the
// current server (the primary, or the backup it failed over to) and moves on
// to the next one when a server does not answer within the LDAP timeout; a
// search in flight when its server goes down is processed on the next one at
// once. After a failover the client returns to the primary periodically.
// When no server answers the search fails and the failure is reported.
#include "pbxsim/engine/clients.h"
#include "pbxsim/engine/pbx.h"

#include <algorithm>

namespace pbxsim {

void Clients::search(UserIndex user, const std::string& query) {
  ClientState& client = state(user);
  if (!client.running) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id(client), .note = "search: the client is not running"});
    return;
  }
  LdapSearch search;
  search.query = query;
  search.started_us = core_.now_us();
  const std::vector<std::string>& servers = client.spec.ldap;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    search.order.push_back(servers[(client.ldap_current + i) % servers.size()]);
  }
  client.searches.push_back(std::move(search));
  ldap_attempt(client, client.searches.size() - 1);
}

void Clients::ldap_attempt(ClientState& client, std::size_t index) {
  LdapSearch& search = client.searches[index];
  const std::string quoted = "'" + search.query + "'";
  if (search.next >= search.order.size()) {
    search.done = true;
    search.ok = false;
    search.finished_us = core_.now_us();
    std::string tried;
    for (const std::string& server : search.tried) tried += (tried.empty() ? "" : ", ") + server;
    report(client, "ldap: search " + quoted + " failed: no LDAP server answered" +
                       (tried.empty() ? " (none configured)" : " (tried " + tried + ")"),
           "ldap-failed");
    return;
  }
  const std::string server = search.order[search.next];
  search.tried.push_back(server);
  const UserIndex user = client.user;
  if (core_.servers().up(server)) {
    search.server = server;
    attempt(client, "ldap", server, "searching", "searching " + quoted);
    search.timer = core_.schedule_timer(core_.now_us() + core_.client_timing().ldap_search_us, "ldap search", [this, user, index] {
      ClientState& searching = state(user);
      searching.searches[index].timer = {};
      ldap_complete(searching, index);
    });
    return;
  }
  const TimeUs timeout_us = core_.client_timing().ldap_timeout_us;
  attempt(client, "ldap", server, "no-answer", "no answer within " + format_duration(timeout_us));
  ++search.next;
  search.timer = core_.schedule_timer(core_.now_us() + timeout_us, "ldap search timeout", [this, user, index] {
    ClientState& searching = state(user);
    searching.searches[index].timer = {};
    ldap_attempt(searching, index);
  });
}

void Clients::ldap_complete(ClientState& client, std::size_t index) {
  LdapSearch& search = client.searches[index];
  search.done = true;
  search.ok = true;
  search.finished_us = core_.now_us();
  search.results = core_.directory().search(search.query);
  core_.record(TraceKind::Client, {.about = TraceAbout::User, .user = user_id(client), .server = search.server,
                                   .reason = "ldap-found",
                                   .note = "ldap: search '" + search.query + "' found " +
                                           std::to_string(search.results.size()) + " on " + search.server});
  const std::vector<std::string>& servers = client.spec.ldap;
  const auto position = static_cast<std::size_t>(std::find(servers.begin(), servers.end(), search.server) - servers.begin());
  if (position == 0) {
    core_.cancel_timer(client.ldap_return_timer);
    client.ldap_current = 0;
    return;
  }
  client.ldap_current = position;
  if (client.ldap_return_timer.pending()) return;
  const UserIndex user = client.user;
  client.ldap_return_timer =
      core_.schedule_timer(core_.now_us() + core_.client_timing().ldap_primary_retry_us, "ldap primary retry", [this, user] {
        ClientState& returning = state(user);
        returning.ldap_return_timer = {};
        returning.ldap_current = 0;
        report(returning, "ldap: the next search tries the primary " + returning.spec.ldap.front() + " again",
               "ldap-primary-again");
      });
}

void Clients::ldap_lost(ClientState& client, const std::string& server) {
  for (std::size_t index = 0; index < client.searches.size(); ++index) {
    LdapSearch& search = client.searches[index];
    if (search.done || search.server != server) continue;
    core_.cancel_timer(search.timer);
    search.server.clear();
    attempt(client, "ldap", server, "went-down", "went down during the search '" + search.query + "'");
    ++search.next;
    ldap_attempt(client, index);
  }
}

}  // namespace pbxsim
