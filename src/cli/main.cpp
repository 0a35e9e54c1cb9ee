// The chronicle command.
#include <chronicle/chronicle.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* usage = R"(usage: chronicle <command> [options]

commands:
  value VALUE...   parse TIMEX3 values; print each with its grain and bounds

options:
  --help           this text
  --version        the version
)";

int command_value(const std::vector<std::string_view>& args) {
  int status = 0;
  for (auto arg : args) {
    const auto v = chronicle::TimeValue::parse(arg);
    if (!v) {
      fmt::print(stderr, "chronicle: {}\n", v.error().message);
      status = 1;
      continue;
    }
    const auto b = v->bounds();
    fmt::print("{}\t{}\t{}\t{}\n", v->str(), chronicle::to_string(v->grain()),
               b ? chronicle::calendar::to_iso(b->earliest) : "",
               b ? chronicle::calendar::to_iso(b->latest) : "");
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(usage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    fmt::print("chronicle {}\n", chronicle::version_string);
    return 0;
  }
  if (args[0] == "value") return command_value({args.begin() + 1, args.end()});
  fmt::print(stderr, "chronicle: unknown command '{}'\n{}", args[0], usage);
  return 2;
}
