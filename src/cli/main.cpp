// The chronicle command: dispatches to a subcommand (src/cli/command_*.cpp).
#include <chronicle/version.hpp>
#include <fmt/format.h>

#include <exception>

#include "commands.hpp"

namespace {

using chronicle::cli::Command;

constexpr Command commands[] = {
    {"extract", "find times, events and their order in text or TimeML", chronicle::cli::run_extract},
    {"query", "ask a timeline JSON for relations, order and dates", chronicle::cli::run_query},
    {"batch", "JSONL documents in, JSONL timelines out, on worker threads", chronicle::cli::run_batch},
    {"eval", "score TimeML output against gold TimeML (TempEval-3)", chronicle::cli::run_eval},
    {"value", "parse TIMEX3 values; print their grain and bounds", chronicle::cli::run_value},
};

void print_usage(std::FILE* out) {
  fmt::print(out, "usage: chronicle <command> [options]\n\ncommands:\n");
  for (const auto& c : commands) fmt::print(out, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(out,
             "\n  --help      this text; `chronicle <command> --help` for a command's options\n"
             "  --version   print the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  const chronicle::cli::Args args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    print_usage(stdout);
    return 0;
  }
  if (args[0] == "--version") {
    fmt::print("chronicle {}\n", chronicle::version_string);
    return 0;
  }
  for (const auto& c : commands) {
    if (c.name != args[0]) continue;
    try {
      return c.run(chronicle::cli::Args(args.begin() + 1, args.end()));
    } catch (const std::exception& e) {
      fmt::print(stderr, "chronicle {}: {}\n", c.name, e.what());
      return 1;
    }
  }
  fmt::print(stderr, "chronicle: unknown command '{}'\n", args[0]);
  print_usage(stderr);
  return 2;
}
