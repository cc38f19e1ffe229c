-- A probe, not a vendor: it shows what rules read about the callee and the
-- call (scripting/policies/README.md, "Facts"). The appearance of a device
-- named "probe" is skipped with a reason listing the appearance's facts;
-- when nothing rang or nobody answered and the line has no forward, the call
-- goes to an external "number" listing the line's and the call's facts. A
-- scenario reads them in c.skipped and c.answered_by.
local policy = extend "base"
policy.name = "fact_probe"

local base_appearance = policy.appearance

-- Facts are nil outside a run (`pbxsim check` asks the hooks too).
local function text(value) return value == nil and "nil" or tostring(value) end

local function list(values)
  return values == nil and "nil" or table.concat(values, ",")
end

function policy.appearance(call, app)
  if app.device ~= "probe" then return base_appearance(call, app) end
  return "skip", "profile=" .. text(app.line_profile) .. " up=" .. text(app.line_calls_up) .. " ringing=" ..
      text(app.line_calls_ringing) .. " login=" .. text(app.logged_in_user)
end

local function facts_of(call, line)
  local skipped = {}
  for device, why in pairs(call.skipped or {}) do skipped[#skipped + 1] = device .. ":" .. why end
  table.sort(skipped)
  return to("+facts/profile=" .. text(line.profile) .. "/registrations=" .. text(line.registrations) .. "/up=" ..
      text(line.calls_up) .. "/ringing=" .. text(line.calls_ringing) .. "/login=" .. text(line.logged_in_user) ..
      "/reasons=" .. list(call.reasons) .. "/skipped=" .. table.concat(skipped, ",") .. "/open=" ..
      text(call.in_office_hours))
end

local base_none_alerted = policy.none_alerted
function policy.none_alerted(call, line)
  if line.has_cfb or line.has_cfna then return base_none_alerted(call, line) end
  return facts_of(call, line)
end

function policy.no_answer(call, line)
  if line.has_cfna then return "cfna" end
  return facts_of(call, line)
end

return policy
