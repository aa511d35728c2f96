# Helpers shared by every module's CMakeLists.txt.

# cp_module(NAME SOURCES... DEPS ...) defines the static library cp_NAME.
# Modules include each other as "module/header.h" from generator/.
function(cp_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(cp_${name} STATIC ${ARG_SOURCES})
  target_include_directories(cp_${name} PUBLIC ${PROJECT_SOURCE_DIR}/generator)
  target_link_libraries(cp_${name} PUBLIC ${ARG_DEPS})
endfunction()

# cp_unit_test(NAME SOURCES... DEPS ...) builds one doctest executable and
# registers it with ctest. The test runs from the repository root so that it
# can read ../shared and the shipped content.
function(cp_unit_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/tests/doctest_main.cc)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} doctest::doctest)
  target_compile_definitions(${name} PRIVATE
    COMMONPLACE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    COMMONPLACE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
