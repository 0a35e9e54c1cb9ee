// Every TIMEX3 value in the TempEval-3 training corpus parses and prints back unchanged.
#include <chronicle/time_value.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The value="..." attributes of every TIMEX3 start tag in a TimeML file. A deliberately small
// scan: this test is about values, not about reading TimeML.
std::vector<std::string> timex_values(const std::string& xml) {
  std::vector<std::string> values;
  for (std::size_t at = xml.find("<TIMEX3"); at != std::string::npos;
       at = xml.find("<TIMEX3", at + 1)) {
    const std::size_t close = xml.find('>', at);
    const std::string tag = xml.substr(at, close - at);
    const std::size_t v = tag.find(" value=\"");
    if (v == std::string::npos) continue;
    const std::size_t begin = v + 8;
    values.push_back(tag.substr(begin, tag.find('"', begin) - begin));
  }
  return values;
}

}  // namespace

TEST_CASE("every TIMEX3 value in tbaq round-trips") {
  const fs::path root = fs::path(CHRONICLE_SHARED_DIR) / "data" / "tbaq";
  if (!fs::exists(root)) {
    WARN("no corpus at " << root << "; skipped");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".tml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t total = 0, failures = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    for (const auto& text : timex_values(buffer.str())) {
      ++total;
      const auto v = chronicle::TimeValue::parse(text);
      if (!v.ok() || v->str() != text) {
        ++failures;
        UNSCOPED_INFO(file.filename().string()
                      << ": " << text << " -> " << (v.ok() ? v->str() : v.error().message));
      }
    }
  }
  CHECK(files.size() == 256);
  CHECK(total >= 2000);
  CHECK(failures == 0);
}
