---@meta
-- Type definitions of the policy API for lua-language-server (editor
-- completion and warnings for misspelt hooks and fact fields). Not run by
-- pbxsim. tests/scripting/editor_types_test.cpp checks that every hook,
-- setting and fact field the engine offers is listed here.

---The facts of the call a hook is asked about (read-only; nil outside a run).
---@class pbxsim.CallFacts
---@field caller string the caller's number (external, or the calling line)
---@field forwards integer forwards so far
---@field internal boolean? dialed on a device or from a line of this topology
---@field caller_user string? the calling line's or device's user, "" for none
---@field dialed string? the number as dialed
---@field path string[]? the lines (and groups) visited so far
---@field alerted string[]? the devices that already rang
---@field weekday string? "Mon" ... "Sun" on the simulated calendar
---@field time string? "18:05" or "18:05:30" on the simulated calendar
---@field in_office_hours boolean? within the office hours the topology declares (calendar.office_hours); nil when it declares none
---@field reasons string[]? each forward's kind so far, in order: "cfa", "cfb", "cfna", "policy", "try", "overflow"
---@field skipped table<string, string>? device (or group member) -> the first reason it was skipped

---One appearance of the called line.
---@class pbxsim.AppearanceFacts
---@field registered boolean
---@field dnd "off"|"ringer-off"|"reject"
---@field active_calls integer calls alerting or connected here
---@field busy_trigger integer
---@field max_calls integer
---@field line string
---@field device string
---@field kind string the device kind
---@field owner string "" when the device has no owner
---@field owner_mode "softphone"|"deskphone"
---@field active boolean false when a profile switched the destination off
---@field gsm boolean a mobile whose user is in GSM mode
---@field logged_in_user string? the user logged in to this device (extension mobility), "" for none
---@field line_profile string? the profile (status) the line's user has selected, "" for none
---@field line_calls_up integer? calls connected on any appearance of the line
---@field line_calls_ringing integer? calls ringing on any appearance of the line (not the call asked about)

---The called line after the appearance decisions (or at its no-answer timeout).
---@class pbxsim.LineFacts
---@field number string
---@field user string
---@field user_mode "softphone"|"deskphone"
---@field appearances integer
---@field alerted integer
---@field alerted_silently integer
---@field unregistered integer skipped as unregistered
---@field dnd_reject integer skipped as dnd-reject
---@field busy integer skipped as busy
---@field other integer skipped for another reason
---@field has_cfb boolean
---@field has_cfna boolean
---@field inactive integer skipped as inactive (also counted in other)
---@field voicemail boolean the line's voicemail destination is on
---@field profile string? the profile (status) the line's user has selected, "" for none
---@field registrations integer? registrations the line has now
---@field calls_up integer? calls connected on any appearance of the line
---@field calls_ringing integer? calls ringing on any appearance of the line (not the call asked about)
---@field logged_in_user string? the user logged in (extension mobility) to a device presenting the line, "" for none

---A member of a group a call is offered to.
---@class pbxsim.MemberFacts
---@field group string
---@field strategy "ring-all"|"hunt"
---@field line string
---@field user string
---@field logged_in boolean
---@field paused boolean

---A profile change about to happen.
---@class pbxsim.ProfileChangeFacts
---@field change "select"|"trigger"|"add"|"edit"|"delete"
---@field by "user"|"admin"|"timer"|"teams"|"start"
---@field trigger string
---@field user string
---@field profile string
---@field current string
---@field current_sticky boolean
---@field exists boolean
---@field system boolean
---@field selected boolean
---@field personal boolean
---@field offered boolean
---@field presence_profiles boolean
---@field dee_main boolean
---@field roles string[]

---A DND change on a device.
---@class pbxsim.DndChangeFacts
---@field device string
---@field mode "off"|"ringer-off"|"reject"
---@field previous "off"|"ringer-off"|"reject"
---@field user string
---@field user_devices string[]

---@class pbxsim.Registration
---@field line string
---@field device string
---@field registered integer
---@field max integer

---@class pbxsim.Contact
---@field in_directory boolean
---@field edited_name string?
---@field display_name string?
---@field nickname string?
---@field first_name string?
---@field last_name string?
---@field user_id string?

---A destination a rule names (to, voicemail, reject, tries).
---@class pbxsim.Destination

---One of ordered tries: a destination, with how long it rings before the next try.
---@class pbxsim.Try
---@field [1] pbxsim.Destination to(number) (voicemail() only as the last try)
---@field ring string a time such as "10s"; every try but the last has one

---@alias pbxsim.Divert "cfna"|"cfb"|"busy"|"rejected"|"no-answer"|"voicemail"|"unreachable"|pbxsim.Destination

---A policy's table: its hooks and settings. Names starting with "_" are the policy's own.
---@class pbxsim.Policy
---@field name string
---@field hop_limit integer
---@field line_defaults { cfna: string?, cfb: string?, no_answer: string? }
---@field appearance_defaults { max_calls: integer?, busy_trigger: integer? }
---@field groups table
---@field profiles table
---@field pcm table
---@field extension_mobility table
---@field dialing { normalize: boolean?, keep_plus: boolean? }
---@field provisioning table
---@field client_timing table
---@field call_park { reversion: string? }
---@field appearance fun(call: pbxsim.CallFacts, app: pbxsim.AppearanceFacts): ("alert"|"silent"|"skip"), string?
---@field none_alerted fun(call: pbxsim.CallFacts, line: pbxsim.LineFacts): pbxsim.Divert
---@field no_answer fun(call: pbxsim.CallFacts, line: pbxsim.LineFacts): pbxsim.Divert
---@field registrations_full fun(reg: pbxsim.Registration): "refuse"|"replace-oldest"
---@field dnd_changed fun(change: pbxsim.DndChangeFacts): { device: string, mode: string }[]?
---@field group_member fun(call: pbxsim.CallFacts, member: pbxsim.MemberFacts): ("offer"|"skip"), string?
---@field profile_change fun(change: pbxsim.ProfileChangeFacts): ("allow"|"refuse"), string?
---@field softphone_device_name fun(user: string): string?
---@field contact_name fun(contact: pbxsim.Contact): string

---A copy of a standard (or another) policy's table to change.
---@param name string "base", "cisco_cucm", ... or a path
---@return pbxsim.Policy
function extend(name) end

---Send the call to a number as if dialed (a line, group or external number);
---to a line with { only = { devices } }: ring only those devices' appearances.
---@param number string
---@param options { only: string[] }?
---@return pbxsim.Destination
function to(number, options) end

---End the call in a line's voicemail (none: the called line's).
---@param line string?
---@return pbxsim.Destination
function voicemail(line) end

---End the call with a cause.
---@param cause "busy"|"rejected"|"unreachable"|"no-answer"
---@return pbxsim.Destination
function reject(cause) end

---Ordered tries: ring each in turn, every try but the last for its ring time
---({ to("2000"), ring = "10s" }); nothing ringing moves on at once; the last
---try (to(number) or voicemail()) ends by its line's own rules.
---@param list (pbxsim.Try|pbxsim.Destination)[]
---@return pbxsim.Destination
function tries(list) end

---Write a line with a level into the scenario's output.
---@param level "debug"|"info"|"warn"|"error"
---@param ... any
function log(level, ...) end
