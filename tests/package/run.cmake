# Installs the build tree into a fresh prefix and builds tests/package against it.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install "${CHRONICLE_BINARY_DIR}" --prefix "${prefix}")
# A sanitized chronicle needs the sanitizer runtime in the consumer's link too.
set(link_flags "")
if(SANITIZE)
  set(link_flags "-fsanitize=${SANITIZE}")
endif()
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${CMAKE_GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${prefix}
    "-DCMAKE_EXE_LINKER_FLAGS=${link_flags}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
foreach(installed bin/chronicle include/chronicle/chronicle.hpp)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "install is missing ${installed}")
  endif()
endforeach()
message(STATUS "package consumer built and ran against ${prefix}")
