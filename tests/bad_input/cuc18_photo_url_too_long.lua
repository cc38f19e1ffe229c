-- expect-error: cuc18_photo_url_too_long.lua:7: directory.attribute_map.Photo: the photo URL template has 55 characters; at most 50 are allowed
-- also-from-check
scenario "the seed's long photo URL, before shortening" {
  policy = "cisco_cucm",
  directory = {
    attribute_map = {
      Photo = "http://wwwin.cisco.com/photo/std/%%sAMAccountName%%.jpg",
    },
  },
  steps = function(sim) expect(1).is(1) end,
}
