---@meta
-- Type definitions of the scenario API for lua-language-server (editor
-- completion and warnings for misspelt fields and methods). Not run by
-- pbxsim. docs/scenarios.md is the reference; this file follows it.
-- tests/scripting/scenario_editor_types_test.cpp holds it to the engine:
-- every global, table field, sim method and call field the engine offers is
-- declared here, and nothing the engine lacks. Index:
--   times · the scenario table (users, lines, devices, groups) · sim ·
--   calls, trace records, snapshots · expect · globals

---A time: a string with a unit ("250ms", "2s", "1m30s", "1.5h", "1d"), the
---clock notation "8:00" / "1:30:00", or 0.
---@alias pbxsim.Time string|0

---A scenario: its topology, its steps and what it covers.
---@class pbxsim.Scenario
---@field name string? what it checks (`scenario "name" { ... }` gives it)
---@field description string? a sentence for reports
---@field policy string? a standard policy ("cisco_cucm") or a path ending in .lua, beside the scenario
---@field covers string|string[]? catalogue IDs ("CUC-3")
---@field users table<string, pbxsim.UserSpec>|string[]? user IDs, or their settings by ID
---@field lines table<string, pbxsim.LineSpec>? directory numbers
---@field devices table<string, pbxsim.DeviceSpec>? devices by name
---@field externals table<string, "answer"|"busy"|"unreachable"|"no-answer">? what an external number does
---@field hop_limit integer? forwards a call may take (overrides the policy's)
---@field max_events_per_instant integer? events at one simulated instant before the run ends as an error
---@field max_events integer? events in the whole run (default 50 000 000)
---@field engine_kept_mib integer? MiB the run keeps for its results, 1 to 1048576 (default: --engine-kept-mib, 128)
---@field steps fun(sim: pbxsim.Sim)? schedules stimuli, runs time on and checks
---@field groups table<string, pbxsim.GroupSpec>? hunt, ring-all and UCD groups by name
---@field profiles table? profiles (presence statuses, client profiles) by name, for every user
---@field calendar string|{ start: string?, office_hours: table? }? "Mon 09:00", or the start and office hours
---@field pcm table? Metaswitch PCM configuration (system, service_levels, gateway_models, profiles, business_groups, lines)
---@field expect_findings string[]? routing findings of `pbxsim check` the scenario intends ("PBX-LOOP")
---@field expect_load_error string? the text the load error must contain (a scenario that checks a refusal)
---@field device_profiles table? extension-mobility device profiles by name
---@field extension_mobility table? the site's EM service parameters (the policy's, overridden)
---@field dialing table? dial rules: { normalize, keep_plus, application = {...}, directory_lookup = {...} }
---@field licences table? { authorised = n }
---@field directory table? { attribute_map, entries, max_contacts }
---@field servers table? servers by name: { kind = "cti"|"tftp"|"ldap"|"presence", up = true }
---@field client_timing table? the client's timers (the policy's, overridden)
---@field call_park { numbers: string?, reversion: pbxsim.Time? }? park numbers ("701-705") and the reversion timer

---@class pbxsim.UserSpec
---@field mode "softphone"|"deskphone"?
---@field roles string[]?
---@field presence_profiles boolean?
---@field disable_dee_ucd_when_logged_out boolean? (PP-8)
---@field primary string? the user's primary extension (a device)
---@field profile string? the profile selected at time 0
---@field profiles table? the user's own profiles
---@field default_profile string? extension mobility: the user's device profile
---@field pin string? extension mobility PIN
---@field headset string|table? a headset's serial (headset sign-in)
---@field cup boolean? Unified CM IM and Presence licence
---@field cupc boolean? Unified Personal Communicator licence
---@field contacts table? the user's contact list
---@field client table? the user's soft client (servers, desk phone)

---@class pbxsim.LineSpec
---@field cfa string? forward all: a DN, "voicemail", "none" or an external "+..." number
---@field cfb string? forward busy
---@field cfna string? forward no answer
---@field no_answer pbxsim.Time? the CFNA timer (policy default 12 s)
---@field max_registrations integer? 0: no limit (CORE-2)
---@field user string? whose soft-phone / desk-phone mode decides

---@class pbxsim.DeviceSpec
---@field kind "deskphone"|"softphone"|"mobile"?
---@field owner string? the device's user
---@field users string[]? further users associated with it (a shared endpoint)
---@field lines (string|pbxsim.AppearanceSpec)[]? appearances; a DN on two devices is a shared line
---@field register boolean|pbxsim.Time|{ at_start: boolean?, lifetime: pbxsim.Time? }? registration at time 0
---@field dee_main boolean? a Dynamic Extension Express main device (PP-1)
---@field workplace boolean? rings only for the user it is the workplace of (PAS-7)
---@field user_agent string? the SIP User-Agent it registers with (MS-5)
---@field model string? product type, matched by device profiles (EM-8)
---@field extension_mobility boolean? "Enable Extension Mobility" (EM-3)
---@field restriction string? calling restriction
---@field button_template string?
---@field speed_dials table?
---@field services string[]?
---@field settings table?
---@field device_name string? provisioning name (CUC-1)
---@field primary string? the desk phone a secondary soft phone belongs to (CUC-11)

---@class pbxsim.AppearanceSpec
---@field dn string the line's number
---@field max_calls integer? 1-200
---@field busy_trigger integer? at most max_calls

---@class pbxsim.GroupSpec
---@field number string what callers dial (not a line)
---@field strategy "ring-all"|"hunt"?
---@field members (string|pbxsim.GroupMemberSpec)[]?
---@field member_ring pbxsim.Time? a hunt's time per member
---@field no_answer pbxsim.Time? the group's no-answer timer
---@field overflow string? where an unanswered group call goes

---@class pbxsim.GroupMemberSpec
---@field dn string
---@field logged_in boolean?
---@field paused boolean?

---The simulation a scenario's steps drive. Methods take a colon: sim:at(...).
---@class pbxsim.Sim
---@field seed integer the run's seed
local Sim = {}

---Schedules a stimulus: a function, a call's hangup, or an action of a
---device, user, group, server, DN or "admin" (the actions: docs/scenarios.md,
---Steps): "answer", "hangup", "dnd", "register", "unregister", "mode",
---"profile", "pickup", "park", "login", "logout", "down", "up", ...
---@param t pbxsim.Time
---@param subject string|pbxsim.Call|fun()
---@param action string?
---@param ... any the action's arguments
function Sim:at(t, subject, action, ...) end

---Places a call and returns its handle.
---@param t pbxsim.Time
---@param from string|{ from: string?, to: string, device: string?, client: string? }
---@param to string?
---@return pbxsim.Call
function Sim:call_at(t, from, to) end

---Runs every event up to t.
---@param t pbxsim.Time
function Sim:run_until(t) end

---Runs until nothing is pending, at most `limit` (default 1 day) on; false when events remain.
---@param limit pbxsim.Time?
---@return boolean
function Sim:run(limit) end

---The current simulated time in microseconds.
---@return integer
function Sim:now() end

---@param name string
---@return pbxsim.DeviceSnapshot
function Sim:device(name) end

---@param id string
---@return pbxsim.UserSnapshot
function Sim:user(id) end

---@param dn string
---@return pbxsim.LineSnapshot
function Sim:line(dn) end

---Trace records in order; a filter names the kind, subject, call or any typed field.
---@param filter table?
---@return pbxsim.TraceRecord[]
function Sim:trace(filter) end

---A group's state: name, number, strategy, members, available.
---@param name string
---@return table
function Sim:group(name) end

---A user's profile's fields, or nil.
---@param user string
---@param name string
---@return table?
function Sim:profile(user, name) end

---A line's effective PCM values with their sources.
---@param dn string
---@return table
function Sim:pcm(dn) end

---The simulated calendar: now, weekday, time, date, in_office_hours.
---@return table
function Sim:calendar() end

---A user's client: running, presence, config, health, cti, searches, sessions, ...
---@param user string
---@return table
function Sim:client(user) end

---A server: name, kind, up.
---@param name string
---@return table
function Sim:server(name) end

---Licences: declared, used, authorised, remaining.
---@return table
function Sim:licences() end

---The dial analysis `pbxsim dial` prints, without a call: input, result, steps, route, detail.
---@param number string
---@param options { device: string? }?
---@return table
function Sim:dial(number, options) end

---A caller-ID lookup: input, result, steps, name.
---@param caller_id string
---@return table
function Sim:lookup(caller_id) end

---A call, read live from the engine (nil: has not happened yet).
---@class pbxsim.Call
---@field id integer the call's number (call-3 in traces)
---@field from string
---@field to string the number as dialed
---@field state "scheduled"|"alerting"|"connected"|"parked"|"ended"
---@field outcome string? answered, busy, rejected, voicemail, no-answer, forward-limit, unreachable, abandoned
---@field detail string the engine's detail ("voicemail of 1000")
---@field path string[] lines visited, then voicemail or an external number
---@field forwards integer
---@field alerted string[] devices alerted, in order
---@field silent string[] alerted without ringing
---@field skipped table<string, string> device -> why it was skipped
---@field answered_by string?
---@field offered_at integer? microseconds
---@field answered_at integer?
---@field ended_at integer? when the outcome was decided
---@field released_at integer?
---@field gateway_model string? the PCM media gateway model (MS-6)
---@field routed string? the number after the dial rules
---@field parked_on string? the park number while parked
---@field dial_steps { name: string, result: string, note: string }[]
---@field caller_lookup string?
---@field caller_name string?
---@field from_device string?
---@field via_client string?

---One trace record, with the typed fields it has.
---@class pbxsim.TraceRecord
---@field time integer microseconds
---@field seq integer its place in the whole trace
---@field kind string
---@field subject string
---@field details string the text rendered for people (check fields rather than text)
---@field call integer?
---@field device string?
---@field line string?
---@field user string?
---@field group string?
---@field server string?
---@field reason string? one word: a DND or user mode, forward kind, skip reason, outcome, ...
---@field previous string?
---@field target string?
---@field caller string?
---@field note string?
---@field rule string? the policy's file:line behind a decision
---@field duration integer? microseconds
---@field count integer?

---@class pbxsim.DeviceSnapshot
---@field name string
---@field kind string
---@field owner string
---@field dnd "off"|"ringer-off"|"reject"
---@field registered boolean
---@field lines string[]
---@field registered_lines string[]
---@field calls integer
---@field ringing integer
---@field recent { call: integer, from: string, at: integer, silent: boolean, answered: boolean }[]
---@field active boolean an active destination
---@field workplace_of string?
---@field user_agent string?
---@field user string? logged in (extension mobility)
---@field profile string?
---@field last_user string?
---@field logged_in_at integer?
---@field headset string?
---@field model string
---@field extension_mobility boolean
---@field button_template string
---@field speed_dials table
---@field services string[]
---@field settings table
---@field restriction string
---@field device_name string
---@field deleted boolean
---@field primary string?
---@field secondaries string[]

---@class pbxsim.UserSnapshot
---@field id string
---@field mode "softphone"|"deskphone"
---@field dnd boolean DND on any of the user's devices
---@field devices string[]
---@field profile string? the selected profile
---@field previous_profile string?
---@field profiles string[] offered to the user, in order
---@field mismatch string? how the devices differ from the profile
---@field gsm boolean
---@field in_meeting boolean
---@field phone_manager string?
---@field presence_icon string?
---@field logged_in string[] devices the user is logged in to
---@field contacts { id: string, name: string, photo: string? }[]

---@class pbxsim.LineSnapshot
---@field number string
---@field registrations integer
---@field registered_devices string[]
---@field cfa string
---@field cfb string
---@field cfna string
---@field voicemail boolean

---What expect(...) returns: one relation checks it (expect(x).is(y) or expect(x):is(y)).
---@class pbxsim.Expectation
---@field is fun(expected: any): pbxsim.Expectation deep equality
---@field is_not fun(expected: any): pbxsim.Expectation
---@field contains fun(item: any): pbxsim.Expectation a list holds it (a string: the substring)
---@field lacks fun(item: any): pbxsim.Expectation
---@field is_empty fun(): pbxsim.Expectation
---@field has_size fun(n: integer): pbxsim.Expectation
---@field is_true fun(): pbxsim.Expectation
---@field is_false fun(): pbxsim.Expectation
---@field is_nil fun(): pbxsim.Expectation
---@field at_least fun(n: number): pbxsim.Expectation
---@field at_most fun(n: number): pbxsim.Expectation
---@field matches fun(pattern: string): pbxsim.Expectation a Lua pattern finds a match
---@field one_of fun(choices: any[]): pbxsim.Expectation
---@field before fun(other: pbxsim.TraceRecord|pbxsim.Call): pbxsim.Expectation
---@field after fun(other: pbxsim.TraceRecord|pbxsim.Call): pbxsim.Expectation

---A workload for `pbxsim bench` (a run ignores it); fields in docs/scenarios.md, Throughput workloads.
---@class pbxsim.Workload
---@field policy string?
---@field users integer?
---@field calls integer?
---@field phones_per_user 1|2?
---@field duration pbxsim.Time?
---@field arrivals "uniform"|"poisson"?

---Declares a scenario: scenario "what it checks" { ... } (or scenario { name = ..., ... }).
---@param name string|pbxsim.Scenario
---@return fun(def: pbxsim.Scenario)
function scenario(name) end

---Declares a throughput workload for `pbxsim bench`: workload "name" { ... }.
---@param name string
---@return fun(def: pbxsim.Workload)
function workload(name) end

---Starts a check; a relation must follow.
---@param actual any
---@param what string? what it is, for the report
---@return pbxsim.Expectation
function expect(actual, what) end

---A time string in microseconds: time("1m30s") == 90000000.
---@param text pbxsim.Time
---@return integer
function time(text) end
