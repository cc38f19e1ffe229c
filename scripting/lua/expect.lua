-- expect(actual [, what]) for scenario files. Each check records pass or
-- fail with the scenario's file:line and never stops the scenario, so one
-- run shows every difference. Loaded by pbxsim before the scenario file;
-- `record` is pbxsim's C function that stores the result; `opened` notes
-- where an expect(...) stands, so one left without a relation (which checks
-- nothing) is an error when the steps end.
local record, opened = ...

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end   -- pairs is already stable
  return keys
end

local function is_array(t)
  local n = #t
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local function show(v, depth)
  depth = depth or 0
  local kind = type(v)
  if kind == "string" then return string.format("%q", v) end
  if kind ~= "table" then return tostring(v) end
  if depth > 4 then return "{...}" end
  local parts = {}
  if is_array(v) then
    for i = 1, #v do parts[#parts + 1] = show(v[i], depth + 1) end
  else
    for _, k in ipairs(sorted_keys(v)) do
      local key = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. show(k, depth + 1) .. "]"
      parts[#parts + 1] = key .. " = " .. show(v[k], depth + 1)
    end
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function contains(container, item)
  if type(container) == "string" then
    return type(item) == "string" and container:find(item, 1, true) ~= nil
  end
  if type(container) ~= "table" then return false end
  for _, v in pairs(container) do if equal(v, item) then return true end end
  return false
end

local function size(v)
  if type(v) == "string" then return #v end
  if type(v) ~= "table" then return nil end
  local n = 0
  for _ in pairs(v) do n = n + 1 end
  return n
end

-- Ordering (before/after): a trace record from sim:trace (its time, then its
-- place in the trace) or a call (when it was offered, then its id).
local function order_of(v)
  if type(v) ~= "table" then return nil end
  -- rawget: a call handle raises on a field it does not have.
  local seq, time, id = rawget(v, "seq"), rawget(v, "time"), rawget(v, "id")
  if math.type(seq) == "integer" and math.type(time) == "integer" then return time, seq, "record" end
  if math.type(id) ~= "integer" then return nil end
  local ok, offered = pcall(function() return v.offered_at end)
  if ok then return offered or math.maxinteger, id, "call" end
  return nil
end

local function show_ordered(v)
  local time, _, kind = order_of(v)
  if kind == "record" then return v.kind .. " " .. tostring(v.subject) .. " at " .. tostring(time) .. "us" end
  if kind == "call" then return "call-" .. v.id .. (time ~= math.maxinteger and (" offered at " .. time .. "us") or "") end
  return show(v) .. " (not a trace record or a call)"
end

local function precedes(a, b)
  local a_time, a_seq = order_of(a)
  local b_time, b_seq = order_of(b)
  if a_time == nil or b_time == nil then return false end
  return a_time < b_time or (a_time == b_time and a_seq < b_seq)
end

local relation_names = "is, is_not, one_of, contains, lacks, is_empty, has_size, is_true, is_false, is_nil, " ..
                       "at_least, at_most, matches, before, after"

function expect(actual, what)
  local e = {}
  local id = opened()
  -- Both expect(x).is(y) and expect(x):is(y) work.
  local function arg(...)
    if select("#", ...) >= 1 and (...) == e then return select(2, ...) end
    return ...
  end
  local function check(ok, relation, expected_text, actual_text)
    record(ok and true or false, what, relation, expected_text, actual_text or show(actual), id)
    return e
  end
  function e.is(...)
    local expected = arg(...)
    return check(equal(actual, expected), "is", show(expected))
  end
  function e.is_not(...)
    local expected = arg(...)
    return check(not equal(actual, expected), "is not", show(expected))
  end
  function e.contains(...)
    local item = arg(...)
    return check(contains(actual, item), "contains", show(item))
  end
  function e.lacks(...)
    local item = arg(...)
    return check(not contains(actual, item), "lacks", show(item))
  end
  function e.is_empty()
    return check(size(actual) == 0, "is empty", "{}")
  end
  function e.has_size(...)
    local n = arg(...)
    local actual_size = size(actual)
    return check(actual_size == n, "has size", tostring(n),
                 actual_size and (tostring(actual_size) .. ": " .. show(actual)) or show(actual))
  end
  function e.is_true() return check(actual == true, "is", "true") end
  function e.is_false() return check(actual == false, "is", "false") end
  function e.is_nil() return check(actual == nil, "is", "nil") end
  function e.at_least(...)
    local n = arg(...)
    return check(type(actual) == "number" and actual >= n, "is at least", show(n))
  end
  function e.at_most(...)
    local n = arg(...)
    return check(type(actual) == "number" and actual <= n, "is at most", show(n))
  end
  function e.matches(...)
    local pattern = arg(...)
    return check(type(actual) == "string" and actual:find(pattern) ~= nil, "matches", show(pattern))
  end
  function e.one_of(...)
    local choices = arg(...)
    if type(choices) ~= "table" then error("one_of takes a list: expect(x).one_of({ \"busy\", \"voicemail\" })", 2) end
    local found = false
    for _, choice in ipairs(choices) do found = found or equal(actual, choice) end
    return check(found, "is one of", show(choices))
  end
  function e.before(...)
    local other = arg(...)
    return check(precedes(actual, other), "comes before", show_ordered(other), show_ordered(actual))
  end
  function e.after(...)
    local other = arg(...)
    return check(precedes(other, actual), "comes after", show_ordered(other), show_ordered(actual))
  end
  -- A typo in a relation names the valid ones instead of "attempt to call a nil value".
  return setmetatable(e, { __index = function(_, name)
    error("expect(...)." .. tostring(name) .. ": no such relation (relations: " .. relation_names .. ")", 2)
  end })
end
