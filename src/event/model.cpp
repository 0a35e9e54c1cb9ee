#include "model.hpp"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <stdexcept>

#include "../model_file.hpp"
#include "chronicle/event_finder.hpp"

namespace chronicle::detail {
extern const EmbeddedFile event_data_files[];
extern const std::size_t event_data_file_count;
}  // namespace chronicle::detail

namespace chronicle::detail::event {

namespace {

constexpr std::string_view magic = "chronicle-event-model 1";
constexpr unsigned max_bits = 24;
constexpr unsigned max_classes = 16;

// Reads lines from a model file, counting them for error messages.
class Reader {
 public:
  Reader(std::string_view& text, std::size_t& line) : text_(text), line_(line) {}
  bool next(std::string_view& line) {
    if (text_.empty()) return false;
    const auto nl = text_.find('\n');
    line = text_.substr(0, nl);
    text_.remove_prefix(nl == std::string_view::npos ? text_.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_;
    return true;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(fmt::format("event model, line {}: {}", line_, what));
  }
  std::size_t line() const { return line_; }

 private:
  std::string_view& text_;
  std::size_t& line_;
};

// Parses a whitespace-separated integer from `s`, advancing it.
template <typename T>
bool take(std::string_view& s, T& value) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr == s.data()) return false;
  s.remove_prefix(static_cast<std::size_t>(ptr - s.data()));
  return true;
}

bool take_word(std::string_view& s, std::string_view word) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.substr(0, word.size()) != word) return false;
  s.remove_prefix(word.size());
  return s.empty() || s.front() == ' ';
}

}  // namespace

std::uint64_t new_model_serial() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

LinearModel::LinearModel(unsigned bits, unsigned classes)
    : bits_(bits),
      classes_(classes),
      mask_((1u << bits) - 1u),
      // One weight more than the rows hold: score() reads eight lanes of a seven-class row.
      weights_((std::size_t{1} << bits) * classes + 1, 0) {}

void LinearModel::write(std::string& out, std::string_view name) const {
  out += fmt::format("model {} bits {} classes {}\n", name, bits_, classes_);
  std::uint32_t last = 0;
  const std::size_t rows = std::size_t{1} << bits_;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int16_t* w = weights(static_cast<std::uint32_t>(r));
    bool any = false;
    for (unsigned c = 0; c < classes_; ++c) any = any || w[c] != 0;
    if (!any) continue;
    out += fmt::format("{}", static_cast<std::uint32_t>(r) - last);
    for (unsigned c = 0; c < classes_; ++c) out += fmt::format(" {}", w[c]);
    out += '\n';
    last = static_cast<std::uint32_t>(r);
  }
  out += "end\n";
}

LinearModel LinearModel::read(std::string_view& text, std::string_view name, std::size_t& line_no) {
  Reader in(text, line_no);
  std::string_view line;
  if (!in.next(line)) in.fail(fmt::format("expected the '{}' model", name));
  unsigned bits = 0, classes = 0;
  if (!take_word(line, "model") || !take_word(line, name) || !take_word(line, "bits") ||
      !take(line, bits) || !take_word(line, "classes") || !take(line, classes) || !line.empty()) {
    in.fail(fmt::format("expected 'model {} bits N classes N'", name));
  }
  if (bits < 8 || bits > max_bits || classes < 1 || classes > max_classes) {
    in.fail("bits must be 8-24 and classes 1-16");
  }
  LinearModel m(bits, classes);
  std::uint64_t row = 0;
  bool first = true;
  while (true) {
    if (!in.next(line)) in.fail("missing 'end'");
    if (line == "end") break;
    std::uint32_t delta = 0;
    if (!take(line, delta)) in.fail("expected a row: 'index-delta weight...'");
    row = first ? delta : row + delta;
    if ((!first && delta == 0) || row >= (std::uint64_t{1} << bits)) {
      in.fail("row index out of order or out of range");
    }
    first = false;
    std::int16_t* w = m.weights(static_cast<std::uint32_t>(row));
    for (unsigned c = 0; c < classes; ++c) {
      if (!take(line, w[c])) in.fail(fmt::format("expected {} weights of -32768..32767", classes));
    }
    if (!line.empty()) in.fail("trailing characters");
  }
  return m;
}

std::string EventModelData::str() const {
  std::string out(magic);
  out += fmt::format("\nthreshold {}\n", threshold);
  detect.write(out, "detect");
  event_class.write(out, "class");
  return out;
}

EventModelData EventModelData::parse(std::string_view text) {
  EventModelData m;
  std::size_t line_no = 0;
  Reader in(text, line_no);
  std::string_view line;
  if (!in.next(line) || line != magic) {
    throw std::runtime_error("event model, line 1: expected 'chronicle-event-model 1'");
  }
  if (!in.next(line) || !take_word(line, "threshold") || !take(line, m.threshold) ||
      !line.empty()) {
    in.fail("expected 'threshold N'");
  }
  m.detect = LinearModel::read(text, "detect", line_no);
  if (m.detect.classes() != 1) throw std::runtime_error("event model: detect has one class");
  m.event_class = LinearModel::read(text, "class", line_no);
  if (m.event_class.classes() != 7) {
    throw std::runtime_error("event model: class has seven classes");
  }
  return m;
}

const EventModelData& builtin_model() {
  return EventModel::builtin().data();
}

}  // namespace chronicle::detail::event

namespace chronicle {

EventModel::EventModel(std::shared_ptr<const detail::event::EventModelData> data)
    : data_(std::move(data)) {}

const EventModel& EventModel::builtin() {
  static const EventModel model = parse(detail::embedded_text(
      detail::event_data_files, detail::event_data_file_count, "events.model"));
  return model;
}

EventModel EventModel::parse(std::string_view text) {
  return EventModel(std::make_shared<const detail::event::EventModelData>(
      detail::event::EventModelData::parse(text)));
}

EventModel EventModel::read_file(const std::string& path) {
  return detail::parse_model_file(path, [](std::string_view text) { return parse(text); });
}

std::string EventModel::str() const {
  return data_->str();
}

}  // namespace chronicle
