-- expect(actual [, what]) for scenario files. Each check records pass or
-- fail with the scenario's file:line and never stops the scenario, so one
-- run shows every difference. Loaded by pbxsim before the scenario file;
-- `record` is pbxsim's C function that stores the result.
local record = ...

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

function expect(actual, what)
  local e = {}
  -- Both expect(x).is(y) and expect(x):is(y) work.
  local function arg(...)
    if select("#", ...) >= 1 and (...) == e then return select(2, ...) end
    return ...
  end
  local function check(ok, relation, expected_text, actual_text)
    record(ok and true or false, what, relation, expected_text, actual_text or show(actual))
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
  return e
end
