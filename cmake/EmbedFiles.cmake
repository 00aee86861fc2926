# embed_files(OUTPUT file ROOT dir FUNCTION qualified::name [DEPENDS files...])
#
# Generates a C++ source that holds every file below ROOT as bytes, and a
# function `std::span<const byline::EmbeddedFile> qualified::name()` listing
# them. It is generated again whenever a file below ROOT changes, or one of
# DEPENDS (for ROOTs filled by the build itself).
function(embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;ROOT;FUNCTION" "DEPENDS" ${ARGN})
  file(GLOB_RECURSE inputs CONFIGURE_DEPENDS "${ARG_ROOT}/*")
  list(APPEND inputs ${ARG_DEPENDS})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND}
      -DROOT=${ARG_ROOT} -DOUTPUT=${ARG_OUTPUT} -DFUNCTION=${ARG_FUNCTION}
      -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_ROOT}"
    VERBATIM)
endfunction()
