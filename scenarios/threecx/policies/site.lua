-- One 3CX site's forwarding rules, on top of the vendor's (threecx.lua):
-- what each user would set in the 3CX clients' "Forwarding Rules".
local site = extend "threecx"
site.name = "threecx_site"

site._configure {
  -- Alice: every status set, an exception, and Away outside office hours.
  ["1000"] = {
    mobile = "+491701234567",
    out_of_hours_status = "Away",
    Available = {
      no_answer = { internal = "voicemail", external = "2000" },
      busy = { internal = "voicemail", external = "busy" },
    },
    Away = { internal = "voicemail", external = "mobile" },
    ["Do Not Disturb"] = { internal = "busy", external = "voicemail:2000" },
    Lunch = { internal = "2000", external = "800" },
    ["Business Trip"] = { internal = "voicemail", external = "+4930555000" },
    exceptions = {
      { caller = "+14085550199", hours = "office", to = "2000" },
      { caller = "+14085550199", to = "disconnect" },
    },
  },
  -- Bob accepts a second call while on the phone; nothing else set.
  ["2000"] = { second_call = true },
}

return site
