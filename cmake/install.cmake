# What `cmake --install` puts where, and the Debian package (`cpack -G DEB`):
# the two programs, the shipped policies and example scenarios, a man page for
# each program and bash/zsh completion, the last three made at build time by
# running the programs just built (their help text is the one source).
include(GNUInstallDirs)
set(PBXSIM_PACKAGE_CONTACT "pbxsim maintainers <maintainers@pbxsim.invalid>" CACHE STRING
    "The package's Maintainer (a packager sets their own)")

set(PBXSIM_GENERATED_DIR "${PROJECT_BINARY_DIR}/generated")
# Man pages are installed gzipped (Debian policy 12.1; man reads either);
# gzip -n leaves the name and time out, so the page is the same in every build.
find_program(GZIP_PROGRAM gzip REQUIRED)
set(PBXSIM_MAN_PAGES "${PBXSIM_GENERATED_DIR}/pbxsim.1.gz" "${PBXSIM_GENERATED_DIR}/pbxsim-viewer.1.gz")
set(PBXSIM_COMPLETIONS "${PBXSIM_GENERATED_DIR}/pbxsim.bash" "${PBXSIM_GENERATED_DIR}/_pbxsim"
    "${PBXSIM_GENERATED_DIR}/pbxsim-viewer.bash" "${PBXSIM_GENERATED_DIR}/_pbxsim-viewer")
# pbxsim_man_page(PROGRAM_TARGET HELP_FLAG SEE_ALSO): PROGRAM.1 from its help, and PROGRAM.1.gz.
function(pbxsim_man_page program help_flag see_also)
  set(page "${PBXSIM_GENERATED_DIR}/${program}.1")
  add_custom_command(
    OUTPUT "${page}.gz"
    BYPRODUCTS "${page}"
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${program}> -DHELP_FLAG=${help_flag}
            -DOUTPUT=${page} "-DSEE_ALSO=${see_also}"
            -P "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
    COMMAND ${GZIP_PROGRAM} -9 -n -f -k "${page}"
    DEPENDS ${program} "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
    COMMENT "Man page of ${program} from its ${help_flag}" VERBATIM)
endfunction()
pbxsim_man_page(pbxsim --help-all "pbxsim-viewer(1)")
pbxsim_man_page(pbxsim-viewer --help "pbxsim(1)")
add_custom_command(
  OUTPUT ${PBXSIM_COMPLETIONS}
  COMMAND pbxsim completion bash > "${PBXSIM_GENERATED_DIR}/pbxsim.bash"
  COMMAND pbxsim completion zsh > "${PBXSIM_GENERATED_DIR}/_pbxsim"
  COMMAND pbxsim-viewer --completion bash > "${PBXSIM_GENERATED_DIR}/pbxsim-viewer.bash"
  COMMAND pbxsim-viewer --completion zsh > "${PBXSIM_GENERATED_DIR}/_pbxsim-viewer"
  DEPENDS pbxsim pbxsim-viewer
  COMMENT "Shell completion of pbxsim and pbxsim-viewer from their command lines" VERBATIM)
add_custom_target(pbxsim_man_pages_and_completion ALL DEPENDS ${PBXSIM_MAN_PAGES} ${PBXSIM_COMPLETIONS})

install(TARGETS pbxsim pbxsim-viewer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PBXSIM_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
foreach(program pbxsim pbxsim-viewer)
  install(FILES "${PBXSIM_GENERATED_DIR}/${program}.bash" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ${program})
  install(FILES "${PBXSIM_GENERATED_DIR}/_${program}" DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
endforeach()
# The policies are compiled into pbxsim too; installed for reading and as a
# start for your own (`pbxsim run --policy my_pbx.lua`).
install(DIRECTORY scripting/policies/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pbxsim/policies)
install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pbxsim/scenarios)

# Debian's two documentation files (policy 12.5 and 12.7): the copyright
# notice and the changelog, gzipped like the man pages; changelog.gz, not
# changelog.Debian.gz, since the package's version has no Debian revision
# (a native package).
set(PBXSIM_DEBIAN_CHANGELOG "${PBXSIM_GENERATED_DIR}/changelog")
file(WRITE "${PBXSIM_DEBIAN_CHANGELOG}"
  "pbxsim (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
  "  * Built by CPack from the pbxsim source tree; what changed is in\n"
  "    docs/changelog.md of the source.\n\n"
  " -- ${PBXSIM_PACKAGE_CONTACT}  Mon, 07 Dec 2026 00:00:00 +0000\n")
add_custom_command(
  OUTPUT "${PBXSIM_DEBIAN_CHANGELOG}.gz"
  COMMAND ${GZIP_PROGRAM} -9 -n -f -k "${PBXSIM_DEBIAN_CHANGELOG}"
  DEPENDS "${PBXSIM_DEBIAN_CHANGELOG}" VERBATIM)
add_custom_target(pbxsim_debian_changelog ALL DEPENDS "${PBXSIM_DEBIAN_CHANGELOG}.gz")
install(FILES cmake/debian/copyright "${PBXSIM_DEBIAN_CHANGELOG}.gz" DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "pbxsim")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${PBXSIM_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "deterministic simulator and conformance test bench for PBX behaviour")
set(CPACK_PACKAGE_DESCRIPTION "pbxsim models phones, lines, shared line appearances, registrations,
DND, call forwarding and voicemail, groups, profiles, extension mobility, dial
rules and provisioning, with vendor differences as Lua policies. Scenario files
describe a topology, a timeline of stimuli and the expected outcome; pbxsim run
checks them deterministically and stores the results in SQLite, and
pbxsim-viewer browses them.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
# pbxsim-viewer renders through Mesa where there is no GPU driver (and under
# xvfb-run for headless screenshots).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xvfb")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries the programs link (dpkg-shlibdeps)
set(CPACK_STRIP_FILES ON)
include(CPack)
