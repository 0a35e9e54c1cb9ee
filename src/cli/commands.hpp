// The chronicle command's subcommands. Each lives in its own command_*.cpp and takes the
// arguments after its name. Exit codes: 0 ok, 1 input error, 2 usage error.
#pragma once

#include <string_view>
#include <vector>

namespace chronicle::cli {

using Args = std::vector<std::string_view>;

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `chronicle --help`
  int (*run)(const Args& args);
};

int run_eval(const Args& args);
int run_extract(const Args& args);
int run_query(const Args& args);
int run_batch(const Args& args);
int run_value(const Args& args);

}  // namespace chronicle::cli
