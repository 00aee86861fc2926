# embed_files(OUTPUT file ROOT dir NAMESPACE ns)
#
# Generates a C++ source that holds every file below ROOT as a byte array,
# with a lookup table `files()` of {relative path, bytes}. The generation runs
# at build time and again whenever a file below ROOT changes.
function(embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;ROOT;NAMESPACE" "" ${ARGN})
  file(GLOB_RECURSE inputs CONFIGURE_DEPENDS "${ARG_ROOT}/*")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND}
      -DROOT=${ARG_ROOT} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
      -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_ROOT}"
    VERBATIM)
endfunction()
