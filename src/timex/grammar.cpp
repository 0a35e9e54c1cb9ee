#include "grammar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "chronicle/timex.hpp"

namespace chronicle::detail {

namespace {

constexpr std::string_view known_statements[] = {
    "type",          "tag",        "drop",         "copy",     "year",
    "year2",         "month",      "day",          "weekday",  "week",
    "quarter",       "half",       "season",       "pod",      "weekend",
    "hour",          "minute",     "clock",        "ampm",     "ampm_of_pod",
    "zone",          "decade",     "decade_word",  "century",  "century_ordinal",
    "holiday",       "shift",      "shift_by",     "grain",    "anchor",
    "direction",     "tense",      "overnight",    "duration", "duration_of",
    "ref",           "vague_past", "vague_future", "mod",      "quant",
    "freq",          "set_word",   "half_of",      "clock_of", "midnight",
    "shift_ordinal", "hhmm",       "merge",        "nth"};
static_assert(std::size(known_statements) == static_cast<std::size_t>(Op::nth) + 1,
              "one name per Op, in its order");

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// A <kind> item's kinds as the matcher tests them (PatternNode::ChunkKinds): split at '|'
// as it once split them at each test, up to the last kind (an empty one between two bars
// included).
PatternNode::ChunkKinds chunk_kinds(std::string_view kinds) {
  PatternNode::ChunkKinds out;
  out.end = kinds == "end";
  const auto bit = [](TimexType t) { return std::uint32_t{1} << static_cast<unsigned>(t); };
  while (!kinds.empty()) {
    const auto bar = kinds.find('|');
    const std::string_view want = kinds.substr(0, bar);
    kinds = bar == std::string_view::npos ? std::string_view{} : kinds.substr(bar + 1);
    if (want == "any") out.any = true;
    if (want == "date" || want == "point") out.types |= bit(TimexType::date);
    if (want == "time" || want == "point") out.types |= bit(TimexType::time);
    if (want == "duration") out.types |= bit(TimexType::duration);
    if (want == "set") out.types |= bit(TimexType::set);
    out.tags.emplace_back(want);
  }
  return out;
}

// Parses one `match` pattern.
class PatternParser {
 public:
  PatternParser(std::string_view text, Lexicon& lexicon, std::vector<std::string>& captures,
                std::string_view file_name, int line_no)
      : s_(text), lexicon_(lexicon), captures_(captures), file_(file_name), line_(line_no) {}

  PatternNode parse() {
    PatternNode seq = sequence();
    skip_space();
    if (i_ < s_.size()) fail(fmt::format("unexpected '{}'", s_[i_]));
    if (seq.children.empty()) fail("empty pattern");
    return seq;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(
        fmt::format("{}:{}: pattern column {}: {}", file_, line_, i_ + 1, why));
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  bool at(char c) {
    skip_space();
    return i_ < s_.size() && s_[i_] == c;
  }
  static bool is_syntax(char c) {
    return c == '(' || c == ')' || c == '|' || c == '?' || c == '=' || c == '~' || c == ' ' ||
           c == '\t';
  }

  PatternNode sequence() {
    PatternNode seq;
    seq.kind = PatternNode::Kind::sequence;
    while (true) {
      skip_space();
      if (i_ >= s_.size() || s_[i_] == ')' || s_[i_] == '|') break;
      seq.children.push_back(item());
    }
    return seq;
  }

  PatternNode item() {
    bool glued = false;
    if (at('~')) {
      glued = true;
      ++i_;
    }
    skip_space();
    // Assertions.
    if (s_.compare(i_, 2, "<!") == 0 || s_.compare(i_, 2, "<&") == 0) {
      PatternNode n;
      n.kind = s_[i_ + 1] == '!' ? PatternNode::Kind::not_before : PatternNode::Kind::is_before;
      i_ += 2;
      n.children.push_back(item());
      return n;
    }
    if (at('!') || at('&')) {
      PatternNode n;
      n.kind = s_[i_] == '!' ? PatternNode::Kind::not_next : PatternNode::Kind::is_next;
      ++i_;
      n.children.push_back(item());
      return n;
    }
    // A capture name: letters followed by '='.
    int capture = -1;
    {
      std::size_t j = i_;
      while (j < s_.size() &&
             ((s_[j] >= 'a' && s_[j] <= 'z') || s_[j] == '_' || (s_[j] >= '0' && s_[j] <= '9'))) {
        ++j;
      }
      if (j > i_ && j < s_.size() && s_[j] == '=') {
        const std::string name(s_.substr(i_, j - i_));
        if (std::find(captures_.begin(), captures_.end(), name) != captures_.end()) {
          fail(fmt::format("capture '{}' used twice", name));
        }
        captures_.push_back(name);
        capture = static_cast<int>(captures_.size() - 1);
        i_ = j + 1;
      }
    }
    PatternNode n = atom();
    n.glued = n.glued || glued;
    if (capture >= 0) n.capture = capture;
    if (at('?')) {
      ++i_;
      n.optional = true;
    }
    return n;
  }

  PatternNode atom() {
    skip_space();
    if (i_ >= s_.size()) fail("pattern ends early");
    PatternNode n;
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      n.kind = PatternNode::Kind::alternatives;
      n.children.push_back(sequence());
      while (at('|')) {
        ++i_;
        n.children.push_back(sequence());
      }
      if (!at(')')) fail("missing ')'");
      ++i_;
      n.word_set = std::all_of(n.children.begin(), n.children.end(), [](const PatternNode& alt) {
        if (alt.children.size() != 1) return false;
        const PatternNode& w = alt.children[0];
        return w.kind == PatternNode::Kind::word && !w.optional && w.capture < 0;
      });
      return n;
    }
    if (c == '<') {
      const std::size_t close = s_.find('>', i_);
      if (close == std::string_view::npos) fail("missing '>'");
      n.kind = PatternNode::Kind::chunk;
      n.chunk_kind = std::string(s_.substr(i_ + 1, close - i_ - 1));
      n.chunk_kinds = chunk_kinds(n.chunk_kind);
      i_ = close + 1;
      return n;
    }
    std::size_t j = i_;
    while (j < s_.size() && !is_syntax(s_[j])) ++j;
    const std::string_view word = s_.substr(i_, j - i_);
    i_ = j;
    if (word.size() > 1 && word[0] == '@') {
      n.kind = PatternNode::Kind::word_class;
      if (!lexicon_.has_class(word.substr(1))) fail(fmt::format("unknown class '{}'", word));
      n.cls = lexicon_.class_id(word.substr(1));
      return n;
    }
    if (word.size() > 1 && word[0] == '#') {
      n.kind = PatternNode::Kind::shape;
      const std::string_view shape = word.substr(1);
      if (shape == "int")
        n.shape = Shape::int_;
      else if (shape == "year")
        n.shape = Shape::year;
      else if (shape == "year2")
        n.shape = Shape::year2;
      else if (shape == "day")
        n.shape = Shape::day;
      else if (shape == "month")
        n.shape = Shape::month;
      else if (shape == "hour")
        n.shape = Shape::hour;
      else if (shape == "clock")
        n.shape = Shape::clock;
      else if (shape == "clock_dot")
        n.shape = Shape::clock_dot;
      else if (shape == "n")
        n.shape = Shape::number;
      else if (shape == "cap")
        n.shape = Shape::cap;
      else if (shape == "word")
        n.shape = Shape::word;
      else if (shape == "punct")
        n.shape = Shape::punct;
      else
        fail(fmt::format("unknown shape '{}'", word));
      return n;
    }
    if (word.empty()) fail("expected a pattern item");
    n.kind = PatternNode::Kind::word;
    n.word = lexicon_.intern(word);
    return n;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  Lexicon& lexicon_;
  std::vector<std::string>& captures_;
  std::string_view file_;  // where the pattern is, for errors
  int line_;
};

}  // namespace

bool is_known_statement(std::string_view op) {
  return std::find(std::begin(known_statements), std::end(known_statements), op) !=
         std::end(known_statements);
}

void Grammar::load(std::string_view file_name, std::string_view text, Lexicon& lexicon) {
  int line_no = 0;
  Rule* current = nullptr;
  auto finish = [&] {
    if (current && current->pattern.children.empty()) {
      throw std::runtime_error(
          fmt::format("{}:{}: rule '{}' has no match", file_name, current->line, current->name));
    }
  };
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    // Strip a comment (a '#' at the start of a word, not a #shape inside a pattern).
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '#' && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t') &&
          (k + 1 >= line.size() || line[k + 1] == ' ' || line[k + 1] == '#')) {
        line = line.substr(0, k);
        break;
      }
    }
    line = trim(line);
    if (line.empty()) continue;
    // "file:line", for errors only: formatted when one is thrown.
    const auto where = [&] { return fmt::format("{}:{}", file_name, line_no); };
    const auto words = split_words(line);
    const std::string_view op = words[0];
    if (op == "rule") {
      finish();
      if (words.size() != 2) throw std::runtime_error(where() + ": expected 'rule <name>'");
      rules_.emplace_back();
      current = &rules_.back();
      current->name = std::string(words[1]);
      current->file = std::string(file_name);
      current->line = line_no;
      current->priority = static_cast<int>(rules_.size());
      continue;
    }
    if (!current) throw std::runtime_error(where() + ": statement outside a rule");
    if (op == "match") {
      if (!current->pattern.children.empty()) throw std::runtime_error(where() + ": second match");
      const std::string_view pattern = trim(line.substr(5));
      current->pattern =
          PatternParser(pattern, lexicon, current->captures, file_name, line_no).parse();
      continue;
    }
    if (op == "layer") {
      if (words.size() != 2) throw std::runtime_error(where() + ": expected 'layer <n>'");
      current->layer = std::stoi(std::string(words[1]));
      if (current->layer < 1 || current->layer > 9) {
        throw std::runtime_error(where() + ": layers are 1..9");
      }
      max_layer_ = std::max(max_layer_, current->layer);
      continue;
    }
    if (!is_known_statement(op)) {
      throw std::runtime_error(fmt::format("{}: unknown statement '{}'", where(), op));
    }
    Statement st;
    st.op = std::string(op);
    st.code =
        static_cast<Op>(std::find(std::begin(known_statements), std::end(known_statements), op) -
                        std::begin(known_statements));
    st.line = line_no;
    for (std::size_t k = 1; k < words.size(); ++k) {
      Statement::Arg arg;
      std::string_view w = words[k];
      if (w.size() > 2 && w[0] == '-' && w[1] == '$') {
        arg.negate = true;
        w.remove_prefix(1);
      }
      if (w.size() > 1 && w[0] == '$') {
        const std::string name(w.substr(1));
        const auto it = std::find(current->captures.begin(), current->captures.end(), name);
        if (it == current->captures.end()) {
          throw std::runtime_error(fmt::format("{}: no capture named '{}'", where(), name));
        }
        arg.capture = static_cast<int>(it - current->captures.begin());
      } else {
        arg.text = std::string(w);
      }
      st.args.push_back(std::move(arg));
    }
    if (st.code == Op::type && st.args.size() == 1 && st.args[0].capture < 0) {
      if (const auto t = parse_timex_type(st.args[0].text)) st.literal_type = static_cast<int>(*t);
    }
    current->body.push_back(std::move(st));
  }
  finish();
}

}  // namespace chronicle::detail
