-- A 3CX site whose rules name a status 3CX does not have.
local site = extend "threecx"
site._configure {
  ["1000"] = { Away = { external = "voicemail" }, Lunchbreak = { external = "2000" } },
}
return site
