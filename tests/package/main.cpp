// Uses the installed library the way a user would; exits non-zero if anything is off.
#include <chronicle/chronicle.hpp>

#include <iostream>

int main() {
  const auto value = chronicle::TimeValue::parse("2022-01-05TNI");
  if (!value || value->str() != "2022-01-05TNI" || !value->bounds()) {
    std::cerr << "installed chronicle misparsed a TIMEX3 value\n";
    return 1;
  }
  std::cout << "chronicle " << chronicle::version_string << ": " << value->str() << '\n';
  return 0;
}
