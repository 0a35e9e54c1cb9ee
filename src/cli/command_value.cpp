// chronicle value VALUE...: parse TIMEX3 values, print each with its grain and bounds.
#include <chronicle/calendar.hpp>
#include <chronicle/time_value.hpp>
#include <fmt/format.h>

#include "commands.hpp"

namespace chronicle::cli {

int run_value(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? stderr : stdout,
               "usage: chronicle value VALUE...\n\n"
               "Parses TIMEX3 values (2022-01-05TNI, P3D, XXXX-WXX-3, ...) and prints, tab-separated:\n"
               "the value as chronicle prints it, its grain, and its earliest and latest bounds.\n");
    return args.empty() ? 2 : 0;
  }
  int status = 0;
  for (auto arg : args) {
    const auto v = TimeValue::parse(arg);
    if (!v) {
      fmt::print(stderr, "chronicle: {}\n", v.error().message);
      status = 1;
      continue;
    }
    const auto b = v->bounds();
    fmt::print("{}\t{}\t{}\t{}\n", v->str(), to_string(v->grain()),
               b ? calendar::to_iso(b->earliest) : "", b ? calendar::to_iso(b->latest) : "");
  }
  return status;
}

}  // namespace chronicle::cli
