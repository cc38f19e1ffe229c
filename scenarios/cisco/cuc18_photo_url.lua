-- CUC-18: a photo URL template in the attribute map's Photo field: %%attr%%
-- is replaced by that LDAP attribute's value of the contact
-- (http://host/photos/%%uid%%.jpg with uid=johndoe -> .../johndoe.jpg); the
-- template is at most 50 characters (a longer one is a configuration error:
-- tests/bad_input/cuc18_photo_url_too_long.lua). Without a template the photo
-- is the jpegPhoto attribute in the directory.

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-18" }
  def.users = { alice = { contacts = { "johndoe", "nophoto" } } }
  def.directory = {
    attribute_map = { Photo = def.photo },
    entries = {
      { uid = "johndoe", sAMAccountName = "JDOE01", givenName = "John", sn = "Doe", jpegPhoto = "<jpeg>" },
      { uid = "nophoto", givenName = "No", sn = "Photo" },
    },
  }
  def.photo = nil
  return def
end

scenario "the seed's example: %%uid%% becomes johndoe" (office {
  photo = "http://mycompany.com/photos/%%uid%%.jpg",
  steps = function(sim)
    expect(sim:user("alice").contacts[1].photo).is("http://mycompany.com/photos/johndoe.jpg")
  end,
})

scenario "a template of exactly 50 characters is accepted" (office {
  photo = "https://tinyurl.com/2rwkf9/%%sAMAccountName%%.jpeg",  -- 50 characters
  steps = function(sim)
    expect(#"https://tinyurl.com/2rwkf9/%%sAMAccountName%%.jpeg").is(50)
    expect(sim:user("alice").contacts[1].photo).is("https://tinyurl.com/2rwkf9/JDOE01.jpeg")
  end,
})

scenario "an entry without the attribute gets an empty substitution" (office {
  photo = "http://h/p/%%sAMAccountName%%.jpg",
  steps = function(sim)
    expect(sim:user("alice").contacts[2].photo).is("http://h/p/.jpg")
  end,
})

scenario "the default Photo mapping is the jpegPhoto attribute in the directory" (office {
  steps = function(sim)
    expect(sim:user("alice").contacts[1].photo).is("ldap:jpegPhoto")
    expect(sim:user("alice").contacts[2].photo, "no jpegPhoto: no photo").is_nil()
  end,
})
