# What `cmake --install` puts where, and the Debian package (`cpack -G DEB`):
# the two programs, the shipped policies and example scenarios, a man page for
# each program and bash/zsh completion, the last three made at build time by
# running the programs just built (their help text is the one source).
include(GNUInstallDirs)

set(PBXSIM_GENERATED_DIR "${PROJECT_BINARY_DIR}/generated")
set(PBXSIM_MAN_PAGES "${PBXSIM_GENERATED_DIR}/pbxsim.1" "${PBXSIM_GENERATED_DIR}/pbxsim-viewer.1")
set(PBXSIM_COMPLETIONS "${PBXSIM_GENERATED_DIR}/pbxsim.bash" "${PBXSIM_GENERATED_DIR}/_pbxsim")
add_custom_command(
  OUTPUT "${PBXSIM_GENERATED_DIR}/pbxsim.1"
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:pbxsim> -DHELP_FLAG=--help-all
          -DOUTPUT=${PBXSIM_GENERATED_DIR}/pbxsim.1 "-DSEE_ALSO=pbxsim-viewer(1)"
          -P "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
  DEPENDS pbxsim "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
  COMMENT "Man page of pbxsim from its --help-all" VERBATIM)
add_custom_command(
  OUTPUT "${PBXSIM_GENERATED_DIR}/pbxsim-viewer.1"
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:pbxsim-viewer> -DHELP_FLAG=--help
          -DOUTPUT=${PBXSIM_GENERATED_DIR}/pbxsim-viewer.1 "-DSEE_ALSO=pbxsim(1)"
          -P "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
  DEPENDS pbxsim-viewer "${PROJECT_SOURCE_DIR}/cmake/man_page.cmake"
  COMMENT "Man page of pbxsim-viewer from its --help" VERBATIM)
add_custom_command(
  OUTPUT ${PBXSIM_COMPLETIONS}
  COMMAND pbxsim completion bash > "${PBXSIM_GENERATED_DIR}/pbxsim.bash"
  COMMAND pbxsim completion zsh > "${PBXSIM_GENERATED_DIR}/_pbxsim"
  DEPENDS pbxsim
  COMMENT "Shell completion of pbxsim from its command line" VERBATIM)
add_custom_target(pbxsim_man_pages_and_completion ALL DEPENDS ${PBXSIM_MAN_PAGES} ${PBXSIM_COMPLETIONS})

install(TARGETS pbxsim pbxsim-viewer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PBXSIM_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${PBXSIM_GENERATED_DIR}/pbxsim.bash" DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME pbxsim)
install(FILES "${PBXSIM_GENERATED_DIR}/_pbxsim" DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
# The policies are compiled into pbxsim too; installed for reading and as a
# start for your own (`pbxsim run --policy my_pbx.lua`).
install(DIRECTORY scripting/policies/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pbxsim/policies)
install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pbxsim/scenarios)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "pbxsim")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "pbxsim maintainers <pbxsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "deterministic simulator and conformance test bench for PBX behaviour")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries the programs link (dpkg-shlibdeps)
set(CPACK_STRIP_FILES ON)
include(CPack)
