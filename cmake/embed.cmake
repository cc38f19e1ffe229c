# pbxsim_embed(TARGET NAME FILES...): compiles the files into TARGET as
# pbxsim::embedded::NAME(), a list of {path, text} pairs, so the binary needs
# no data files at run time. Paths are relative to the source tree, which is
# also how Lua error messages name them.
function(pbxsim_embed target name)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
  set(inputs "")
  foreach(file IN LISTS ARGN)
    list(APPEND inputs "${CMAKE_CURRENT_SOURCE_DIR}/${file}")
  endforeach()
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DOUTPUT=${output}
            -DROOT=${PROJECT_SOURCE_DIR} "-DINPUTS=${inputs}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${inputs} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
