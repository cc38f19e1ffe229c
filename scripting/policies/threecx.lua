-- threecx.lua: 3CX status-based forwarding rules (TCX-1 … TCX-10 in
-- simulator/catalogue/extra.md), written against the policy API alone.
--
-- Sources, cited by section at each rule:
--   [UM]  3CX user manual, "Configuring your Forwarding Rules":
--         https://www.3cx.com/user-manual/forwarding/
--   [MP]  3CX MyPhone user manual, "Call Forwarding Rules":
--         http://www.3cx.com/blog/um9en/myphone/forwarding-rules/
--   [PS7] 3CX Phone System 7 manual, "Forwarding rules":
--         http://www.3cx.com/manual/3CXPhoneSystemManual7/phone-system29.html
--         http://www.3cx.com/manual/3CXExtensionmanual7/extension11.html
--
-- A site describes its extensions' rules once, by extension number:
--
--   local site = extend "threecx"
--   site._configure {
--     ["1000"] = {
--       mobile = "+491701234567",
--       second_call = false,                      -- TCX-4: busy while on a call
--       out_of_hours_status = "Away",             -- TCX-10
--       Available = { no_answer = { internal = "voicemail", external = "2000" },
--                     busy = { internal = "voicemail", external = "busy" } },
--       Away = { internal = "voicemail", external = "mobile" },
--       ["Do Not Disturb"] = { internal = "voicemail", external = "voicemail:2000" },
--       exceptions = { { caller = "+14085550100", hours = "office", to = "2000" } },
--     },
--   }
--   return site
--
-- A destination is "voicemail" (the extension's), "voicemail:NNNN" (another
-- extension's), "busy" (send busy), "disconnect", "mobile" (the extension's
-- mobile), or a number: an extension, a ring group or queue, an external
-- number (TCX-8). What a site leaves out falls back to the line's own
-- forward targets (cfna, cfb) and then to voicemail.
local policy = extend "base"

policy.name = "threecx"

-- TCX-2 (assumed): 20 s of ringing before a call counts as unanswered when
-- the extension sets no time of its own (the line's no_answer).
policy.line_defaults = { no_answer = "20s" }

-- TCX-1: the five statuses, one selected per user, kept as the user's
-- profiles ([UM] "Call Forwarding": "There are five statuses to select
-- from"). They carry no device settings: the rules below read the selected
-- one (line.profile, app.line_profile). Assumed: a user starts Available.
local kAvailable = "Available"
local kStatuses = { kAvailable, "Away", "Do Not Disturb", "Lunch", "Business Trip" }
local defaults = {}
for _, status in ipairs(kStatuses) do defaults[#defaults + 1] = { name = status, system = true } end
policy.profiles = { defaults = defaults, initial = kAvailable, fallback = kAvailable }

-- ------------------------------------------------------------ site settings

local extensions = {}  -- by extension number, filled by _configure

local kExtensionFields = {
  mobile = "string", second_call = "boolean", out_of_hours_status = "string", exceptions = "table",
}
for _, status in ipairs(kStatuses) do kExtensionFields[status] = "table" end
local kHours = { all = true, office = true, outside = true }

-- A problem in the site's rules; _configure reports it at the site's line.
local function refuse(where, message) error(where .. ": " .. message, 0) end

local function check_pair(where, pair, fields)
  for key, value in pairs(pair) do
    if not fields[key] then
      local known = {}
      for name in pairs(fields) do known[#known + 1] = name end
      table.sort(known)
      refuse(where, "unknown field '" .. tostring(key) .. "' (known: " .. table.concat(known, ", ") .. ")")
    end
    if type(value) ~= "string" then refuse(where .. "." .. key, "expected a destination such as \"voicemail\"") end
  end
end

local function is_status(name)
  for _, status in ipairs(kStatuses) do if status == name then return true end end
  return false
end

local function check_site(site)
  if type(site) ~= "table" then refuse("_configure", "expected a table of extensions by number") end
  for number, ext in pairs(site) do
    local where = "_configure[\"" .. tostring(number) .. "\"]"
    if type(number) ~= "string" then refuse(where, "extension numbers are strings, e.g. [\"1000\"]") end
    if type(ext) ~= "table" then refuse(where, "expected the extension's rules as a table") end
    for key, value in pairs(ext) do
      local expected = kExtensionFields[key]
      if expected == nil then
        refuse(where, "unknown field '" .. tostring(key) .. "' (the statuses " .. table.concat(kStatuses, ", ") ..
            "; mobile, second_call, out_of_hours_status, exceptions)")
      end
      if type(value) ~= expected then refuse(where .. "." .. key, "expected a " .. expected) end
    end
    if ext.out_of_hours_status and not is_status(ext.out_of_hours_status) then
      refuse(where .. ".out_of_hours_status", "'" .. ext.out_of_hours_status .. "' is not a status")
    end
    if ext.Available then
      for key, rule in pairs(ext.Available) do
        if key ~= "no_answer" and key ~= "busy" then refuse(where .. ".Available", "unknown rule '" .. tostring(key) .. "' (no_answer, busy)") end
        check_pair(where .. ".Available." .. key, rule, { internal = true, external = true })
      end
    end
    for _, status in ipairs(kStatuses) do
      if status ~= kAvailable and ext[status] then
        check_pair(where .. "." .. status, ext[status], { internal = true, external = true })
      end
    end
    for i, exception in ipairs(ext.exceptions or {}) do
      local at = where .. ".exceptions[" .. i .. "]"
      if type(exception.caller) ~= "string" or type(exception.to) ~= "string" then
        refuse(at, "expected { caller = \"+1408...\", to = destination, hours = \"all\" | \"office\" | \"outside\" }")
      end
      if exception.hours ~= nil and not kHours[exception.hours] then
        refuse(at .. ".hours", "expected \"all\", \"office\" or \"outside\"")
      end
    end
  end
end

-- The site's rules, checked when the site's policy loads: a misspelt field
-- is an error naming it and the site's file:line, like a misspelt setting
-- of the policy API.
function policy._configure(site)
  local ok, problem = pcall(check_site, site)
  if not ok then error(problem, 2) end
  for number, ext in pairs(site) do extensions[number] = ext end
end

-- ----------------------------------------------------------------- the rules

-- The status that decides (TCX-1), with the office-hours switch (TCX-10):
-- [UM] "Introduction": "automatically switch between Available and other
-- statuses based on your office hours". A line without a user is Available.
local function status_of(call, ext, selected)
  local status = (selected == nil or selected == "") and kAvailable or selected
  if status == kAvailable and ext.out_of_hours_status and call.in_office_hours == false then
    return ext.out_of_hours_status
  end
  return status
end

-- TCX-9: the first exception whose caller and hours match ([PS7]: "The
-- first rule that meets the conditions will be triggered!").
local function exception_for(call, ext)
  for _, exception in ipairs(ext.exceptions or {}) do
    local hours = exception.hours or "all"
    local open = call.in_office_hours
    local in_hours = hours == "all" or (hours == "office" and open == true) or (hours == "outside" and open == false)
    if in_hours and exception.caller == call.caller then return exception end
  end
  return nil
end

-- TCX-8: a destination as the site wrote it.
local function destination(ext, target)
  if target == "voicemail" then return voicemail() end
  if target == "busy" then return reject("busy") end            -- [MP] "Give busy tone to caller"
  if target == "disconnect" then return reject("rejected") end  -- [MP] "Disconnect", [PS7] "End Call"
  if target == "mobile" then
    if not ext.mobile then error("the rule sends the call to the mobile, but the extension has no mobile number") end
    return to(ext.mobile)
  end
  local of = target:match("^voicemail:(.+)$")
  if of then return voicemail(of) end
  return to(target)
end

-- TCX-3: internal and external callers each have their destination.
local function for_caller(call, pair)
  if pair == nil then return nil end
  if call.internal then return pair.internal end
  return pair.external
end

local function ext_of(number) return extensions[number] or {} end

local base_appearance = policy.appearance

function policy.appearance(call, app)
  local ext = ext_of(app.line)
  -- TCX-9: an exception takes the call before the phone rings.
  if exception_for(call, ext) then return "skip", "exception" end
  -- TCX-6, TCX-7: in any status but Available the phone does not ring
  -- ([UM] "Away and Do Not Disturb", "Lunch and Business Trip").
  local status = status_of(call, ext, app.line_profile)
  if status ~= kAvailable then return "skip", "status " .. status end
  -- TCX-4: busy as the PBX sees it: a call up on the extension, unless the
  -- user accepts a second call ([MP] "Phone is Busy"; [PS7] "Use PBX status").
  if not ext.second_call and app.registered and app.line_calls_up and app.line_calls_up > 0 then
    return "skip", "busy"
  end
  return base_appearance(call, app)
end

-- The line's own targets stand in for rules the site left out, then voicemail.
local function fallback(line, kind)
  if kind == "busy" and line.has_cfb then return "cfb" end
  if line.has_cfna then return "cfna" end
  return voicemail()
end

local function available_rule(call, line, ext, kind)
  local rules = ext.Available or {}
  local target = for_caller(call, rules[kind])
  if target then return destination(ext, target) end
  return fallback(line, kind)
end

function policy.none_alerted(call, line)
  local ext = ext_of(line.number)
  local exception = exception_for(call, ext)
  if exception then return destination(ext, exception.to) end
  local status = status_of(call, ext, line.profile)
  if status ~= kAvailable then
    -- TCX-6, TCX-7: the status's own destination for this caller.
    local target = for_caller(call, ext[status])
    if target then return destination(ext, target) end
    return voicemail()
  end
  -- TCX-4, TCX-5: busy, or no phone registered: the busy rule ([MP]
  -- "Phone is Busy"; [PS7] "Phone not registered").
  local busy = line.busy > 0 and line.busy + line.unregistered == line.appearances
  if busy or line.unregistered == line.appearances then return available_rule(call, line, ext, "busy") end
  -- Nothing could ring for another reason (DND on the phones): nobody can
  -- answer, so the no-answer rule applies.
  return available_rule(call, line, ext, "no_answer")
end

-- TCX-2, TCX-3: rang and nobody answered within the line's time.
function policy.no_answer(call, line)
  return available_rule(call, line, ext_of(line.number), "no_answer")
end

return policy
