#include "matcher.hpp"

#include <algorithm>
#include <atomic>
#include <new>
#include <type_traits>

namespace chronicle::detail {

namespace {

// A non-owning reference to a callable, so that the backtracking matcher allocates nothing.
template <class Signature>
class FunctionRef;
template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor)
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

using Continue = FunctionRef<void(std::uint32_t)>;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t digits_value(std::string_view s) {
  std::int64_t v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

// "HH<sep>MM" with one or two digits of hours in [min_hour, max_hour] and two of minutes:
// minutes since midnight in `value`.
bool clock_minutes(std::string_view t, char sep, std::int64_t min_hour, std::int64_t max_hour,
                   std::int64_t& value) {
  const std::size_t at = t.find(sep);
  if (at == std::string_view::npos || at == 0 || at > 2 || t.size() != at + 3 ||
      !all_digits(t.substr(0, at)) || !all_digits(t.substr(at + 1))) {
    return false;
  }
  const std::int64_t h = digits_value(t.substr(0, at));
  const std::int64_t m = digits_value(t.substr(at + 1));
  if (h < min_hour || h > max_hour || m > 59) return false;
  value = h * 60 + m;
  return true;
}

}  // namespace

bool number_shape(Shape shape, std::string_view t, std::int64_t& value) {
  switch (shape) {
    case Shape::number: {  // digits, with thousands separators: 24, 1,000
      std::int64_t v = 0;
      int digits = 0;
      for (const char c : t) {
        if (c == ',') continue;
        if (c < '0' || c > '9' || ++digits > 9) return false;
        v = v * 10 + (c - '0');
      }
      value = v;
      return true;
    }
    case Shape::int_:
      if (!all_digits(t) || t.size() > 9) return false;
      value = digits_value(t);
      return true;
    case Shape::year:
      if (!all_digits(t) || t.size() != 4) return false;
      value = digits_value(t);
      return value >= 1000 && value <= 2999;
    case Shape::year2:
      if (!all_digits(t) || t.size() != 2) return false;
      value = digits_value(t);
      return true;
    case Shape::day:
      if (!all_digits(t) || t.size() > 2) return false;
      value = digits_value(t);
      return value >= 1 && value <= 31;
    case Shape::month:
      if (!all_digits(t) || t.size() > 2) return false;
      value = digits_value(t);
      return value >= 1 && value <= 12;
    case Shape::hour:
      if (!all_digits(t) || t.size() > 2) return false;
      value = digits_value(t);
      return value <= 24;
    case Shape::clock_dot:  // "10.30": hours 1-12 (an am/pm follows), two digits of minutes
      return clock_minutes(t, '.', 1, 12, value);
    case Shape::clock:  // "14:00", "9:30"
      return clock_minutes(t, ':', 0, 24, value);
    case Shape::cap:
    case Shape::word:
    case Shape::punct:
      return false;
  }
  return false;
}

std::uint16_t number_shapes(std::string_view t) {
  std::int32_t value = 0;
  return number_shapes(t, value);
}

std::uint16_t number_shapes(std::string_view t, std::int32_t& number) {
  const auto bit = [](Shape s) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(s));
  };
  std::uint16_t mask = 0;
  std::int64_t value = 0;
  // Digits, maybe with commas: count the digits, take the value of plain digits. A colon
  // makes it a #clock or nothing (a clock has digits and one colon only: any other byte
  // before the colon rules it out as it rules out every other shape).
  std::size_t digits = 0;
  for (const char c : t) {
    if (c == ',') continue;
    if (c < '0' || c > '9') {
      if (c == '.' && number_shape(Shape::clock_dot, t, value)) {
        number = static_cast<std::int32_t>(value);  // at most 12 * 60 + 59
        return bit(Shape::clock_dot);
      }
      if (c != ':' || !number_shape(Shape::clock, t, value)) return 0;
      number = static_cast<std::int32_t>(value);  // at most 24 * 60 + 59
      return bit(Shape::clock);
    }
    if (++digits <= 9) value = value * 10 + (c - '0');
  }
  if (digits <= 9) mask |= bit(Shape::number);
  number = static_cast<std::int32_t>(value);         // nine digits at most: below 10^9
  if (t.empty() || digits != t.size()) return mask;  // commas: #n only
  if (digits <= 9) mask |= bit(Shape::int_);
  if (digits == 4 && value >= 1000 && value <= 2999) mask |= bit(Shape::year);
  if (digits == 2) mask |= bit(Shape::year2);
  if (digits <= 2) {
    if (value >= 1 && value <= 31) mask |= bit(Shape::day);
    if (value >= 1 && value <= 12) mask |= bit(Shape::month);
    if (value <= 24) mask |= bit(Shape::hour);
  }
  return mask;
}

namespace {
std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> made{0};
  return ++made;
}
}  // namespace

Matcher::Matcher(const Grammar& grammar, const Lexicon& lexicon)
    : grammar_(grammar),
      lexicon_(lexicon),
      rule_count_(static_cast<std::uint32_t>(grammar.rules().size())),
      serial_(next_serial()) {
  number_cls_ = lexicon.class_id("number");
  tens_cls_ = lexicon.class_id("tens");
  scale_cls_ = lexicon.class_id("scale");
  dozen_cls_ = lexicon.class_id("dozen");
  a_ = lexicon.find("a");
  an_ = lexicon.find("an");
  hyphen_ = lexicon.find("-");
  and_ = lexicon.find("and");
  // Words that are no name when they open a sentence: function words ("In 1991") and units
  // ("Hours later", "Days of unrest").
  for (const char* name : {"function_word", "unit", "units", "unit_adj"}) {
    plain_openers_ |= std::uint64_t{1} << lexicon.class_id(name);
  }
  layers_.resize(static_cast<std::size_t>(grammar.layers()));
  chunk_starts_.resize(static_cast<std::size_t>(grammar.layers()));
  for (auto& l : layers_) l.by_word.resize(lexicon.size());
  word_layers_.assign(lexicon.size(), 0);
  const auto& rules = grammar.rules();
  one_word_class_.assign(max_classes, true);
  class_phrases_.resize(max_classes);
  for (WordId w = 0; w < static_cast<WordId>(lexicon.size()); ++w) {
    for (const auto p : lexicon.info(w).phrases) {
      one_word_class_[lexicon.phrase(p).cls] = false;
      class_phrases_[lexicon.phrase(p).cls].push_back(p);
    }
  }
  // Per class: the words that start one of its entries, in word order (index_rule reads
  // them for each class item of a pattern, rather than the whole lexicon).
  class_starts_.resize(max_classes);
  for (WordId w = 0; w < static_cast<WordId>(lexicon.size()); ++w) {
    const WordInfo& info = lexicon.info(w);
    std::uint64_t starts = info.classes | info.cap_classes;
    for (const auto p : info.phrases) starts |= std::uint64_t{1} << lexicon.phrase(p).cls;
    for (; starts != 0; starts &= starts - 1) {
      class_starts_[static_cast<std::size_t>(__builtin_ctzll(starts))].push_back(w);
    }
  }
  word_presence_.assign(lexicon.size() + 1, Presence{});
  for (WordId w = 0; w < static_cast<WordId>(lexicon.size()); ++w) {
    const WordInfo& info = lexicon.info(w);
    std::uint64_t mask = info.classes | info.cap_classes;
    for (const auto p : info.phrases) mask |= std::uint64_t{1} << lexicon.phrase(p).cls;
    word_presence_[static_cast<std::size_t>(w) + 1].classes = mask;
    word_presence_[static_cast<std::size_t>(w) + 1].words = std::uint64_t{1}
                                                            << (static_cast<std::uint64_t>(w) % 63);
  }
  prefixes_.resize(rules.size());
  needs_.resize(rules.size());
  needs_one_of_.resize(rules.size());
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    build_prefix(r);
    build_needs(r);
  }
  build_trie();
  build_root_tables();
  most_items_.resize(rules.size());
  for (std::uint32_t r = 0; r < rules.size(); ++r) most_items_[r] = most_items(rules[r].pattern);
  for (const Rule& rule : rules) most_captures_ = std::max(most_captures_, rule.captures.size());
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    std::vector<bool> seen(lexicon.size(), false);
    bool nullable = true;
    index_rule(r, rules[r].pattern, seen, nullable);
    if (nullable && prefixes_[r].empty()) {
      layers_[static_cast<std::size_t>(rules[r].layer - 1)].anything.push_back(r);
    }
    if (nullable) any_layers_ |= layer_bit(rules[r].layer);
  }
  build_follows();
}

// The tables StartTest reads, per layer, from the same lists and trie best_match uses: an
// item is worth a call unless every way best_match has in from it is closed.
void Matcher::build_follows() {
  const auto layers = static_cast<std::size_t>(grammar_.layers());
  word_classes_.resize(lexicon_.size());
  for (WordId w = 0; w < static_cast<WordId>(lexicon_.size()); ++w) {
    const WordInfo& info = lexicon_.info(w);
    word_classes_[static_cast<std::size_t>(w)] = info.classes | info.cap_classes;
  }
  word_follow_.assign(layers, std::vector<std::uint32_t>(lexicon_.size(), never));
  chunk_follow_.assign(layers, never);
  number_follow_.assign(layers, {});
  for (auto& table : number_follow_) table.fill(never);
  // Adds node's edges to `f`.
  const auto merge = [&](Follow& f, std::uint32_t node) {
    const TrieNode& n = trie_[node];
    f.words |= n.word_mask[0] | n.word_mask[1];
    f.classes |= n.class_mask[0] | n.class_mask[1];
    for (const auto& edges : n.numbers) {
      for (const auto& [shape, to] : edges) {
        f.shapes |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(shape));
      }
    }
    f.chunk = f.chunk || n.chunk != none;
    f.ends = f.ends || !n.rules.empty();
  };
  const auto add = [&](const Follow& f) {
    follows_.push_back(f);
    return static_cast<std::uint32_t>(follows_.size() - 1);
  };
  const auto follow_of = [&](std::uint32_t node) {
    Follow f;
    merge(f, node);
    return add(f);
  };
  for (std::size_t l = 0; l < layers; ++l) {
    const int layer = static_cast<int>(l) + 1;
    const TrieNode& root = trie_[roots_[l]];
    const StartIndex& index = layers_[l];
    // Rules that may start at any item, or end at the root: every item is worth a call.
    if ((any_layers_ & layer_bit(layer)) != 0 || !root.rules.empty() || !index.anything.empty()) {
      open_layers_ |= layer_bit(layer);
      continue;
    }
    // An expression: the rules listed for expressions, else the root's edge for them.
    if (!index.chunks.empty()) {
      chunk_follow_[l] = maybe;
    } else if (root.chunk != none) {
      chunk_follow_[l] = follow_of(root.chunk);
    }
    // A number (one not in the lexicon), when no rule the trie cannot test starts at one: per
    // shape, the nodes the root's number edges of that shape lead to, glued or not.
    // (Shape has fewer than 16 values: number_shapes gives them as a 16-bit mask.)
    for (unsigned shape = 0; shape < 16; ++shape) {
      Follow f;
      bool reached = false;
      for (const auto& edges : root.numbers) {
        for (const auto& [edge_shape, to] : edges) {
          if (static_cast<unsigned>(edge_shape) != shape) continue;
          merge(f, to);
          reached = true;
        }
      }
      if (reached) number_follow_[l][shape] = add(f);
    }
    // A word: the rules listed for it, else the nodes its edges from the root lead to (in
    // the root's table, the root's own word edges, its class edges for the word's classes),
    // taken together.
    for (WordId w = 0; w < static_cast<WordId>(lexicon_.size()); ++w) {
      const auto k = static_cast<std::size_t>(w);
      if ((word_layers_[k] & layer_bit(layer)) == 0) continue;  // never
      if (!index.by_word[k].empty()) {
        word_follow_[l][k] = maybe;
        continue;
      }
      Follow f;
      bool reached = false;
      const auto take = [&](std::uint32_t node) {
        merge(f, node);
        reached = true;
      };
      if (root_words_[l][k] != none) take(root_words_[l][k]);
      for (int g = 0; g < 2; ++g) {
        for (const auto& [word, to] : root.words[g]) {
          if (word == w) take(to);
        }
        for (const auto& [cls, to] : root.classes[g]) {
          if ((word_classes_[k] >> cls) & 1) take(to);
        }
      }
      if (reached) word_follow_[l][k] = add(f);
    }
  }
  // The tests themselves, now that the tables they point into are complete; index 0 (no
  // layer) stays open.
  start_tests_.assign(layers + 1, StartTest{});
  start_test_count_ = start_tests_.size();
  for (std::size_t l = 0; l < layers; ++l) {
    StartTest& t = start_tests_[l + 1];
    t.open_ = (open_layers_ & layer_bit(static_cast<int>(l) + 1)) != 0;
    t.word_follow_ = word_follow_[l].data();
    t.chunk_follow_ = chunk_follow_[l];
    t.numbers_open_ = !layers_[l].numbers.empty();
    t.number_follow_ = number_follow_[l].data();
    for (unsigned shape = 0; shape < 16; ++shape) {
      if (number_follow_[l][shape] != never)
        t.number_edges_ |= static_cast<std::uint16_t>(1u << shape);
    }
    t.follows_ = follows_.data();
    t.word_classes_ = word_classes_.data();
  }
}

// Adds rule r to the start lists of every item its pattern can begin with. `nullable` comes
// back true when the node can match nothing (so the items after it can begin the rule too).
void Matcher::index_rule(std::uint32_t r, const PatternNode& node, std::vector<bool>& seen,
                         bool& nullable) {
  auto& layer = layers_[static_cast<std::size_t>(grammar_.rules()[r].layer - 1)];
  const std::uint32_t layer_mask = layer_bit(grammar_.rules()[r].layer);
  // Rules the trie tests only mark the words they may start at.
  const bool listed = prefixes_[r].empty();
  auto add_word = [&](WordId w) {
    if (w < 0 || seen[static_cast<std::size_t>(w)]) return;
    seen[static_cast<std::size_t>(w)] = true;
    if (listed) layer.by_word[static_cast<std::size_t>(w)].push_back(r);
    word_layers_[static_cast<std::size_t>(w)] |= layer_mask;
  };
  auto add_unique = [&](std::vector<std::uint32_t>& list) {
    if (listed && (list.empty() || list.back() != r)) list.push_back(r);
  };
  auto add_class = [&](ClassId cls) {
    for (const WordId w : class_starts_[cls]) add_word(w);
  };
  using Kind = PatternNode::Kind;
  switch (node.kind) {
    case Kind::word:
      add_word(node.word);
      nullable = node.optional;
      return;
    case Kind::word_class:
      add_class(node.cls);
      nullable = node.optional;
      return;
    case Kind::shape:
      if (node.shape == Shape::cap || node.shape == Shape::word || node.shape == Shape::punct) {
        any_layers_ |= layer_mask;
        add_unique(layer.anything);
        nullable = node.optional;
        return;
      }
      number_layers_ |= layer_mask;
      add_unique(layer.numbers);
      if (node.shape == Shape::number) {
        add_class(number_cls_);
        add_class(tens_cls_);
        add_class(dozen_cls_);
        add_word(a_);
        add_word(an_);
      }
      nullable = node.optional;
      return;
    case Kind::chunk:
      chunk_layers_ |= layer_mask;
      chunk_starts_[static_cast<std::size_t>(grammar_.rules()[r].layer - 1)].add(node.chunk_kind);
      add_unique(layer.chunks);
      nullable = node.optional;
      return;
    case Kind::not_next:
    case Kind::is_next:
    case Kind::not_before:
    case Kind::is_before:
      nullable = true;
      return;
    case Kind::sequence: {
      bool all_nullable = true;
      for (const auto& child : node.children) {
        bool child_nullable = true;
        index_rule(r, child, seen, child_nullable);
        if (!child_nullable) {
          all_nullable = false;
          break;
        }
      }
      nullable = all_nullable || node.optional;
      return;
    }
    case Kind::alternatives: {
      bool any_nullable = false;
      for (const auto& child : node.children) {
        bool child_nullable = true;
        index_rule(r, child, seen, child_nullable);
        any_nullable = any_nullable || child_nullable;
      }
      nullable = any_nullable || node.optional;
      return;
    }
  }
}

std::uint32_t Matcher::most_items(const PatternNode& n) const {
  using Kind = PatternNode::Kind;
  switch (n.kind) {
    case Kind::word:
      return 1;
    case Kind::word_class: {
      // One word, or one of the class's phrases word by word.
      std::uint32_t most = 1;
      for (const std::uint32_t p : class_phrases_[n.cls]) {
        most = std::max(most, static_cast<std::uint32_t>(lexicon_.phrase(p).words.size()));
      }
      return most;
    }
    case Kind::shape:
      return n.shape == Shape::number ? unbounded : 1;  // #n: "two hundred and fifty"
    case Kind::chunk:
      return n.chunk_kinds.end ? 0 : 1;
    case Kind::sequence: {
      std::uint32_t sum = 0;
      for (const PatternNode& child : n.children) {
        sum = std::min(unbounded, sum + most_items(child));
      }
      return sum;
    }
    case Kind::alternatives: {
      std::uint32_t most = 0;
      for (const PatternNode& alt : n.children) most = std::max(most, most_items(alt));
      return most;
    }
    case Kind::not_next:
    case Kind::is_next:
    case Kind::not_before:
    case Kind::is_before:
      return 0;  // assertions take no item
  }
  return unbounded;
}

// A test of exactly one item, for a node that always consumes exactly one item.
bool Matcher::fixed_check(const PatternNode& n, Check& out) const {
  using Kind = PatternNode::Kind;
  out = Check{};
  out.glued = n.glued;
  switch (n.kind) {
    case Kind::word:
      out.kind = Check::Kind::words;
      out.words = {n.word};
      return true;
    case Kind::alternatives:
      out.kind = Check::Kind::words;
      for (const auto& alt : n.children) {
        if (alt.children.size() != 1 || alt.children[0].kind != Kind::word ||
            alt.children[0].optional || alt.children[0].glued) {
          return false;
        }
        out.words.push_back(alt.children[0].word);
      }
      return true;
    case Kind::word_class:
      out.kind = Check::Kind::word_class;
      out.cls = n.cls;
      return one_word_class_[n.cls];
    case Kind::shape:
      out.kind = Check::Kind::number;
      out.shape = n.shape;
      return n.shape != Shape::number && n.shape != Shape::cap && n.shape != Shape::word &&
             n.shape != Shape::punct;
    case Kind::chunk:
      out.kind = Check::Kind::chunk;
      return n.chunk_kind != "end";
    default:
      return false;
  }
}

constexpr std::size_t prefix_depth = 3;
constexpr std::size_t max_prefixes = 64;

void Matcher::expand(const std::vector<const PatternNode*>& items, std::size_t index,
                     std::size_t depth, Prefix& current, std::vector<Prefix>& out) const {
  if (out.size() > max_prefixes) return;
  if (current.size() == depth || index == items.size()) {
    out.push_back(current);
    return;
  }
  const PatternNode& n = *items[index];
  using Kind = PatternNode::Kind;
  if (n.kind == Kind::not_next || n.kind == Kind::is_next || n.kind == Kind::not_before ||
      n.kind == Kind::is_before) {
    expand(items, index + 1, depth, current, out);  // zero-width
    return;
  }
  if (n.optional) expand(items, index + 1, depth, current, out);
  Check c;
  if (fixed_check(n, c)) {
    current.push_back(c);
    expand(items, index + 1, depth, current, out);
    current.pop_back();
  } else if (n.kind == Kind::shape && n.shape == Shape::number && a_ >= 0 && an_ >= 0) {
    // #n: digits (one item), or a number in words, whose first word ends the test; an
    // article only before a scale ("a hundred", "a dozen"), which ends it then.
    // The test so far, ended by a scale word ("hundred", "dozen").
    auto end_with_scale = [&] {
      for (const ClassId cls : {scale_cls_, dozen_cls_}) {
        Check scale;
        scale.kind = Check::Kind::word_class;
        scale.cls = cls;
        current.push_back(scale);
        out.push_back(current);
        current.pop_back();
      }
    };
    c.kind = Check::Kind::number;
    c.shape = Shape::number;
    current.push_back(c);
    expand(items, index + 1, depth, current, out);
    current.back().kind = Check::Kind::words;
    current.back().words = {a_, an_};
    end_with_scale();
    current.back().kind = Check::Kind::word_class;
    for (const ClassId cls : {number_cls_, tens_cls_, dozen_cls_}) {
      current.back().cls = cls;
      if (cls != number_cls_) {
        out.push_back(current);
        continue;
      }
      // "two days": a number word is the whole number unless a scale follows it ("two
      // hundred", "two dozen"), which ends the test.
      expand(items, index + 1, depth, current, out);
      end_with_scale();
    }
    current.pop_back();
  } else if (n.kind == Kind::word_class) {
    // A class with phrases: one of its one-word entries, or one of its phrases word by word
    // ("the end of" for @mod_point), as far as the prefix reaches.
    c.kind = Check::Kind::word_class;
    current.push_back(c);
    expand(items, index + 1, depth, current, out);
    current.pop_back();
    for (const std::uint32_t p : class_phrases_[n.cls]) {
      const std::size_t size = current.size();
      for (const WordId w : lexicon_.phrase(p).words) {
        if (current.size() == depth) break;
        Check word;
        word.kind = Check::Kind::words;
        word.glued = current.size() == size && n.glued;
        word.words = {w};
        current.push_back(word);
      }
      if (current.size() == depth) {
        out.push_back(current);
      } else {
        expand(items, index + 1, depth, current, out);
      }
      current.resize(size);
    }
  } else if (n.kind == Kind::sequence && !n.glued) {
    // A group: its items first, then the rest.
    std::vector<const PatternNode*> spliced;
    for (const auto& child : n.children) spliced.push_back(&child);
    for (std::size_t k = index + 1; k < items.size(); ++k) spliced.push_back(items[k]);
    expand(spliced, 0, depth, current, out);
  } else if (n.kind == Kind::alternatives && !n.glued) {
    for (const auto& alt : n.children) {
      std::vector<const PatternNode*> spliced;
      for (const auto& child : alt.children) spliced.push_back(&child);
      for (std::size_t k = index + 1; k < items.size(); ++k) spliced.push_back(items[k]);
      expand(spliced, 0, depth, current, out);
    }
  } else {
    out.push_back(current);  // variable width: the test ends here
  }
}

void Matcher::build_prefix(std::uint32_t r) {
  std::vector<const PatternNode*> items;
  for (const auto& child : grammar_.rules()[r].pattern.children) items.push_back(&child);
  // The deepest test that stays within max_prefixes ways (phrases multiply them).
  for (std::size_t depth = prefix_depth; depth > 0; --depth) {
    Prefix current;
    std::vector<Prefix> out;
    expand(items, 0, depth, current, out);
    const bool useless =
        out.size() > max_prefixes ||
        std::any_of(out.begin(), out.end(), [](const Prefix& p) { return p.empty(); });
    if (!useless) {
      prefixes_[r] = std::move(out);
      return;
    }
  }
}

// The items every match of rule r contains: its items that are neither optional nor
// alternatives, those of its groups, and those of its positive assertions (not of negative
// ones): "<&((every | each) @weekday (and | or)) @weekday" needs "every" or "each" in the
// sentence, and is not run at every weekday of sentences without.
void Matcher::build_needs(std::uint32_t r) {
  Presence& need = needs_[r];
  const auto add = [&](const auto& self, const std::vector<PatternNode>& items) -> void {
    for (const PatternNode& n : items) {
      if (n.optional) continue;
      switch (n.kind) {
        case PatternNode::Kind::word:
          need.words |= std::uint64_t{1} << (static_cast<std::uint64_t>(n.word) % 63);
          break;
        case PatternNode::Kind::word_class:
          need.classes |= std::uint64_t{1} << n.cls;
          break;
        case PatternNode::Kind::shape:
          if (n.shape != Shape::number && n.shape != Shape::cap && n.shape != Shape::word &&
              n.shape != Shape::punct) {
            need.words |= std::uint64_t{1} << 63;
          }
          break;
        case PatternNode::Kind::sequence:  // a group: its items are there too
        case PatternNode::Kind::is_next:   // &'s: the word must be there too
        case PatternNode::Kind::is_before:
          self(self, n.children);
          break;
        case PatternNode::Kind::alternatives: {
          if (n.children.size() == 1) {  // a group in brackets: its items are there
            self(self, n.children[0].children);
            break;
          }
          // Each alternative needs a word or class of its own: the sentence needs one of them.
          Presence one_of;
          bool all = true;
          for (const PatternNode& alt : n.children) {
            bool found = false;
            for (const PatternNode& c : alt.children) {
              if (c.optional) continue;
              if (c.kind == PatternNode::Kind::word) {
                one_of.words |= std::uint64_t{1} << (static_cast<std::uint64_t>(c.word) % 63);
                found = true;
                break;
              }
              if (c.kind == PatternNode::Kind::word_class) {
                one_of.classes |= std::uint64_t{1} << c.cls;
                found = true;
                break;
              }
            }
            all = all && found;
          }
          if (all && !n.children.empty()) needs_one_of_[r].push_back(one_of);
          break;
        }
        default:
          break;
      }
    }
  };
  add(add, grammar_.rules()[r].pattern.children);
}

void Matcher::StartKinds::add(std::string_view kinds) {
  while (!kinds.empty()) {
    const auto bar = kinds.find('|');
    const std::string_view want = kinds.substr(0, bar);
    kinds = bar == std::string_view::npos ? std::string_view{} : kinds.substr(bar + 1);
    const auto bit = [](TimexType t) { return std::uint32_t{1} << static_cast<unsigned>(t); };
    if (want == "any") any = true;
    if (want == "date" || want == "point") types |= bit(TimexType::date);
    if (want == "time" || want == "point") types |= bit(TimexType::time);
    if (want == "duration") types |= bit(TimexType::duration);
    if (want == "set") types |= bit(TimexType::set);
    if (std::find(tags.begin(), tags.end(), want) == tags.end()) tags.push_back(want);
  }
}

inline bool Matcher::has_needs(const Presence& present, std::uint32_t rule) const {
  if (!present.covers(needs_[rule])) return false;
  for (const Presence& one_of : needs_one_of_[rule]) {
    if ((present.words & one_of.words) == 0 && (present.classes & one_of.classes) == 0) {
      return false;
    }
  }
  return true;
}

std::uint32_t Matcher::child(std::uint32_t node, const Check& c, WordId w) {
  const int g = c.glued ? 1 : 0;
  auto find_or_add = [&](auto& edges, auto key) {
    for (const auto& [k, to] : edges) {
      if (k == key) return to;
    }
    const auto to = static_cast<std::uint32_t>(trie_.size());
    edges.emplace_back(key, to);
    trie_.emplace_back();
    return to;
  };
  switch (c.kind) {
    case Check::Kind::words: {
      trie_[node].word_mask[g] |= std::uint64_t{1} << (static_cast<std::uint64_t>(w) % 64);
      // Kept sorted by word as they come (collect searches them), not sorted after each.
      auto& edges = trie_[node].words[g];
      const auto at =
          std::lower_bound(edges.begin(), edges.end(), w,
                           [](const auto& edge, WordId key) { return edge.first < key; });
      if (at != edges.end() && at->first == w) return at->second;
      const auto to = static_cast<std::uint32_t>(trie_.size());
      trie_[node].words[g].insert(at, {w, to});
      trie_.emplace_back();  // after the insert: it may move trie_[node]
      return to;
    }
    case Check::Kind::word_class:
      trie_[node].class_mask[g] |= std::uint64_t{1} << c.cls;
      return find_or_add(trie_[node].classes[g], c.cls);
    case Check::Kind::number:
      return find_or_add(trie_[node].numbers[g], c.shape);
    case Check::Kind::chunk:
      if (trie_[node].chunk == none) {
        trie_[node].chunk = static_cast<std::uint32_t>(trie_.size());
        trie_.emplace_back();
      }
      return trie_[node].chunk;
  }
  return none;
}

void Matcher::insert(std::uint32_t node, const Prefix& prefix, std::size_t k, std::uint32_t rule,
                     int layer) {
  if (k == prefix.size()) {
    auto& rules = trie_[node].rules;
    if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    return;
  }
  const Check& c = prefix[k];
  if (c.kind == Check::Kind::words) {
    for (const WordId w : c.words) {
      std::uint32_t to;
      if (node == roots_[static_cast<std::size_t>(layer - 1)] && !c.glued) {
        auto& slot = root_words_[static_cast<std::size_t>(layer - 1)][static_cast<std::size_t>(w)];
        if (slot == none) {
          slot = static_cast<std::uint32_t>(trie_.size());
          trie_.emplace_back();
        }
        to = slot;
      } else {
        to = child(node, c, w);
      }
      insert(to, prefix, k + 1, rule, layer);
    }
    return;
  }
  insert(child(node, c, -1), prefix, k + 1, rule, layer);
}

void Matcher::build_trie() {
  const auto& rules = grammar_.rules();
  const auto layers = static_cast<std::size_t>(grammar_.layers());
  roots_.resize(layers);
  root_words_.assign(layers, std::vector<std::uint32_t>(lexicon_.size(), none));
  // At most a node per root and per word (or other test) of each prefix: reserved, so that
  // the nodes (large) are not moved as the trie grows.
  std::size_t most = layers;
  for (const auto& ways : prefixes_) {
    for (const Prefix& p : ways) {
      for (const Check& c : p) most += std::max<std::size_t>(c.words.size(), 1);
    }
  }
  trie_.reserve(most);
  for (std::size_t l = 0; l < layers; ++l) {
    roots_[l] = static_cast<std::uint32_t>(trie_.size());
    trie_.emplace_back();
  }
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    const int layer = rules[r].layer;
    for (const Prefix& p : prefixes_[r])
      insert(roots_[static_cast<std::size_t>(layer - 1)], p, 0, r, layer);
  }
}

void Matcher::build_root_tables() {
  const std::size_t words = lexicon_.size();
  root_tabled_.assign(roots_.size(), false);
  root_class_edges_.at.assign(roots_.size() * words * 2 + 1, 0);
  for (std::size_t l = 0; l < roots_.size(); ++l) {
    const TrieNode& root = trie_[roots_[l]];
    root_tabled_[l] = root.rules.empty() && root.words[0].empty() && root.words[1].empty() &&
                      root.classes[1].empty() && root.numbers[1].empty();
    for (std::size_t w = 0; w < words; ++w) {
      const WordInfo& info = lexicon_.info(static_cast<WordId>(w));
      for (std::size_t capitalized = 0; capitalized < 2; ++capitalized) {
        // As collect() reads the root's class edges for the word.
        const std::uint64_t classes = info.classes | (capitalized ? info.cap_classes : 0);
        for (const auto& [cls, to] : root.classes[0]) {
          if ((classes >> cls) & 1) root_class_edges_.children.push_back(to);
        }
        root_class_edges_.at[(l * words + w) * 2 + capitalized + 1] =
            static_cast<std::uint32_t>(root_class_edges_.children.size());
      }
    }
  }
}

// The sentence as raw arrays, read at every node of the walk: no indirection through the
// vectors, and the item count kept (a vector of 12-byte items computes its size with a
// multiply each time).
struct Matcher::Walk {
  const Item* items;
  std::uint32_t size;
  const Token* tokens;
  const WordId* word_ids;
  const std::uint16_t* shapes;
  std::vector<std::uint32_t>& out;
  std::uint32_t* stamp;
  std::uint32_t generation;
};

void Matcher::collect(const Walk& walk, std::uint32_t node, std::uint32_t pos) const {
  const TrieNode& n = trie_[node];
  for (const std::uint32_t r : n.rules) {
    if (walk.stamp[r] != walk.generation) {
      walk.stamp[r] = walk.generation;
      walk.out.push_back(r);
    }
  }
  if (pos >= walk.size) return;
  const Item& item = walk.items[pos];
  if (item.chunk >= 0) {
    if (n.chunk != none) collect(walk, n.chunk, pos + 1);
    return;
  }
  const Token& token = walk.tokens[item.first_token];
  const int glued = token.has(Token::glued) ? 1 : 0;
  if (token.kind == TokenKind::number) {
    const std::uint16_t shapes = walk.shapes[item.first_token];
    for (int g = 0; g <= glued; ++g) {
      for (const auto& [shape, to] : n.numbers[g]) {
        if (shapes & (1u << static_cast<unsigned>(shape))) collect(walk, to, pos + 1);
      }
    }
  }
  const WordId w = walk.word_ids[item.first_token];
  if (w < 0) return;
  for (int g = 0; g <= glued; ++g) {
    // Most words have no edge here: one mask test before the binary search.
    if (n.word_mask[g] & (std::uint64_t{1} << (static_cast<std::uint64_t>(w) % 64))) {
      const auto& edges = n.words[g];
      const auto it =
          std::lower_bound(edges.begin(), edges.end(), std::make_pair(w, std::uint32_t{0}));
      if (it != edges.end() && it->first == w) collect(walk, it->second, pos + 1);
    }
    if (n.class_mask[g] != 0) {
      const WordInfo& info = lexicon_.info(w);
      const std::uint64_t classes =
          info.classes | (token.has(Token::capitalized) ? info.cap_classes : 0);
      // Most words: no class edge fits. Otherwise the walk ends at the last edge that does
      // (a node has one edge per class; the root has many, a word fits one or two).
      std::uint64_t left = classes & n.class_mask[g];
      for (auto edge = n.classes[g].begin(); left != 0; ++edge) {
        const std::uint64_t bit = std::uint64_t{1} << edge->first;
        if ((left & bit) == 0) continue;
        left &= ~bit;
        collect(walk, edge->second, pos + 1);
      }
    }
  }
}

namespace {

class Search {
 public:
  Search(const MatchInput& in, const Lexicon& lex, ClassId number_cls, ClassId tens_cls,
         ClassId scale_cls, ClassId dozen_cls, WordId a, WordId an, WordId hyphen, WordId and_word,
         std::uint64_t plain_openers, const Presence* entry_classes, std::vector<Capture>& captures,
         std::uint32_t item_count)
      : in_(in),
        items_(in.items->data()),
        size_(item_count),  // in.items->size(), which best_match has (a division by 12)
        tokens_(in.doc->tokens().data()),
        word_ids_(in.word_ids->data()),
        shapes_(in.shapes->data()),
        numbers_(in.numbers ? in.numbers->data() : nullptr),
        lex_(lex),
        number_cls_(number_cls),
        tens_cls_(tens_cls),
        scale_cls_(scale_cls),
        dozen_cls_(dozen_cls),
        a_(a),
        an_(an),
        hyphen_(hyphen),
        and_(and_word),
        plain_openers_(plain_openers),
        entry_classes_(entry_classes),
        captures_(captures.data()),
        capacity_(captures.size()) {}

  // The buffer's slots are all unset (Capture{}) between runs, with no reset per run:
  // captured() restores every slot it sets once its continuation returns, so a search leaves
  // the slots as it found them. Only an exception leaves some set: they are reset then.
  bool run(const Rule& rule, std::uint32_t start, Match& best) {
    count_ = rule.captures.size();
    found_ = false;
    best_ = &best;
    rule_ = &rule;
    start_ = start;
    try {
      sequence(rule.pattern.children, start, [this](std::uint32_t end) { finish(end); });
    } catch (...) {
      for (std::size_t k = 0; k < capacity_; ++k) captures_[k] = Capture{};
      throw;
    }
    return found_;
  }

 private:
  void finish(std::uint32_t end) {
    if (end <= start_) return;
    if (found_ && end <= best_->end) return;
    found_ = true;
    best_->rule = rule_;
    best_->begin = start_;
    best_->end = end;
    // Copied slot by slot, this rule's only: the match's buffer is as large as ours, and the
    // slots past the rule's are never read (a rule reads its own captures).
    if (best_->captures.size() < capacity_) best_->captures.resize(capacity_);
    Capture* const to = best_->captures.data();
    for (std::size_t k = 0; k < count_; ++k) to[k] = captures_[k];
  }

  bool is_token(std::uint32_t pos) const { return pos < size_ && items_[pos].chunk < 0; }
  const Token& token(std::uint32_t pos) const { return tokens_[items_[pos].first_token]; }
  WordId word(std::uint32_t pos) const { return word_ids_[items_[pos].first_token]; }
  std::string_view text(std::uint32_t pos) const { return in_.doc->text(token(pos)); }
  bool glued(std::uint32_t pos) const {
    return pos < size_ && (tokens_[items_[pos].first_token].flags & Token::glued) != 0;
  }

  void sequence(const std::vector<PatternNode>& children, std::uint32_t pos, Continue k) {
    sequence(children.data(), children.data() + children.size(), pos, k);
  }
  // Items [it, end) of a sequence, as pointers: an index would cost a division by the node's
  // size at each size() test.
  void sequence(const PatternNode* it, const PatternNode* end, std::uint32_t pos, Continue k) {
    // The leading items that match one way or none (most: a word, a class's word, a number)
    // are taken here in a loop, without a continuation each; the captures they set are put
    // back once the rest has been tried.
    // Uninitialized: a Capture's default is not needed, only what a slot held.
    alignas(Saved) unsigned char buffer[sizeof(Saved) * max_saved];
    Saved* const saved = reinterpret_cast<Saved*>(buffer);
    std::size_t count = 0;
    for (; it != end; ++it) {
      const Step step = single(*it, pos, saved, count);
      if (step == Step::fail) {
        restore(saved, count);
        return;
      }
      if (step == Step::branch) break;
    }
    if (it == end) {
      k(pos);
    } else if (it + 1 == end) {
      // The last item goes on to `k` itself, not through a continuation that only calls it.
      node(*it, pos, k);
    } else {
      node(*it, pos, [&](std::uint32_t next) { sequence(it + 1, end, next, k); });
    }
    restore(saved, count);
  }

  // A capture slot's value before a single-way item set it.
  struct Saved {
    std::int32_t slot;
    Capture value;
  };
  static constexpr std::size_t max_saved = 6;
  void restore(const Saved* saved, std::size_t count) {
    while (count > 0) {
      --count;
      captures_[static_cast<std::size_t>(saved[count].slot)] = saved[count].value;
    }
  }

  enum class Step : std::uint8_t { fail, matched, branch };
  // Matches an item that has one way to match at `pos` or none, as once() would, advancing
  // `pos` and setting its capture (its old value saved); `branch` for an item that may match
  // in more ways than one (optional items, groups, classes with phrases), left to node().
  Step single(const PatternNode& n, std::uint32_t& pos, Saved* saved, std::size_t& count) {
    using Kind = PatternNode::Kind;
    if (n.optional) return Step::branch;
    if (n.capture >= 0 && capturing_ && count == max_saved) return Step::branch;
    Capture c;
    std::uint32_t next = pos + 1;
    switch (n.kind) {
      case Kind::word:
        if ((n.glued && !glued(pos)) || !is_token(pos) || word(pos) != n.word) return Step::fail;
        break;
      case Kind::word_class: {
        if ((n.glued && !glued(pos)) || !is_token(pos)) return Step::fail;
        const WordId w = word(pos);
        if (w < 0) return Step::fail;
        const WordInfo& info = lex_.info(w);
        for (const auto p : info.phrases) {
          if (lex_.phrase(p).cls == n.cls) return Step::branch;
        }
        if (!in_class(info, n.cls, pos)) return Step::fail;
        c.value = lex_.value_of(w, n.cls);
        break;
      }
      case Kind::shape:
        if ((n.glued && !glued(pos)) || !shape_at(n, pos, next, c)) return Step::fail;
        break;
      case Kind::chunk:
        if (n.glued && !glued(pos)) return Step::fail;
        if (n.chunk_kinds.end) {  // zero-width, captures nothing
          return pos >= size_ ? Step::matched : Step::fail;
        }
        if (!chunk_at(n, pos, c)) return Step::fail;
        break;
      case Kind::alternatives: {
        if (!n.word_set) return Step::branch;
        // Several equal words would each go on with the same state: once is the same.
        if ((n.glued && !glued(pos)) || !is_token(pos)) return Step::fail;
        const WordId w = word(pos);
        bool hit = false;
        for (const auto& alt : n.children) {
          const PatternNode& a = alt.children[0];
          hit = hit || (a.word == w && (!a.glued || glued(pos)));
        }
        if (!hit) return Step::fail;
        break;
      }
      case Kind::sequence:
        return Step::branch;
      case Kind::not_next:
      case Kind::is_next:
      case Kind::not_before:
      case Kind::is_before: {
        if (n.glued && !glued(pos)) return Step::fail;
        return assertion_holds(n, pos) ? Step::matched : Step::fail;
      }
    }
    if (n.capture >= 0 && capturing_) {
      Capture& slot = captures_[static_cast<std::size_t>(n.capture)];
      new (&saved[count++]) Saved{n.capture, slot};
      if (next == pos + 1 && is_token(pos)) c.word = word(pos);
      c.begin = static_cast<std::int32_t>(pos);
      c.end = static_cast<std::int32_t>(next);
      slot = c;
    }
    pos = next;
    return Step::matched;
  }

  void node(const PatternNode& n, std::uint32_t pos, Continue k) {
    if (!fails_at_once(n, pos)) once(n, pos, k);
    if (n.optional) k(pos);
  }

  // True when once() would find nothing on a word or class item for the word at `pos`
  // alone: most items a rule tries fail so, and the test is cheaper than the call.
  bool fails_at_once(const PatternNode& n, std::uint32_t pos) const {
    using Kind = PatternNode::Kind;
    if (n.kind != Kind::word && n.kind != Kind::word_class) return false;
    if (!is_token(pos)) return true;
    const WordId w = word(pos);
    if (n.kind == Kind::word) return w != n.word;
    // No entry of the class starts with the word: neither the word alone nor a phrase fits.
    return w < 0 ||
           (entry_classes_[static_cast<std::size_t>(w)].classes & (std::uint64_t{1} << n.cls)) == 0;
  }

  // Runs `k` with a capture recorded for [begin, end), restoring the previous one after.
  void captured(const PatternNode& n, std::uint32_t begin, std::uint32_t end, Capture c,
                Continue k) {
    if (n.capture < 0 || !capturing_) {
      k(end);
      return;
    }
    Capture& slot = captures_[static_cast<std::size_t>(n.capture)];
    const Capture saved = slot;
    if (end == begin + 1 && is_token(begin)) c.word = word(begin);
    c.begin = static_cast<std::int32_t>(begin);
    c.end = static_cast<std::int32_t>(end);
    slot = c;
    k(end);
    slot = saved;
  }

  // Whether `n` matches at `pos`, for assertions: nothing is captured.
  bool matches_anywhere(const PatternNode& n, std::uint32_t pos) {
    if (fails_at_once(n, pos)) return false;  // most do ("<!@name_title"), without a search
    bool hit = false;
    const bool was_capturing = capturing_;
    capturing_ = false;
    once(n, pos, [&](std::uint32_t) { hit = true; });
    capturing_ = was_capturing;
    return hit;
  }

  void once(const PatternNode& n, std::uint32_t pos, Continue k) {
    using Kind = PatternNode::Kind;
    if (n.glued && !glued(pos)) return;
    switch (n.kind) {
      case Kind::word:
        if (is_token(pos) && word(pos) == n.word) captured(n, pos, pos + 1, Capture{}, k);
        return;
      case Kind::word_class:
        word_class(n, pos, k);
        return;
      case Kind::shape:
        shape(n, pos, k);
        return;
      case Kind::chunk: {
        if (n.chunk_kinds.end) {  // zero-width: the end of the sentence
          if (pos >= size_) k(pos);
          return;
        }
        Capture c;
        if (chunk_at(n, pos, c)) captured(n, pos, pos + 1, c, k);
        return;
      }
      case Kind::sequence:
        // A group that captures nothing goes on to `k` itself.
        if (n.capture < 0 || !capturing_) {
          sequence(n.children, pos, k);
          return;
        }
        sequence(n.children, pos, [&](std::uint32_t end) { captured(n, pos, end, Capture{}, k); });
        return;
      case Kind::alternatives:
        if (n.word_set) {  // as the search below would find, in the same order
          if (!is_token(pos)) return;
          const WordId w = word(pos);
          for (const auto& alt : n.children) {
            const PatternNode& a = alt.children[0];
            if (a.word == w && (!a.glued || glued(pos))) captured(n, pos, pos + 1, Capture{}, k);
          }
          return;
        }
        if (n.capture < 0 || !capturing_) {
          for (const auto& alt : n.children) sequence(alt.children, pos, k);
          return;
        }
        for (const auto& alt : n.children) {
          sequence(alt.children, pos,
                   [&](std::uint32_t end) { captured(n, pos, end, Capture{}, k); });
        }
        return;
      case Kind::not_next:
      case Kind::is_next:
      case Kind::not_before:
      case Kind::is_before:
        if (assertion_holds(n, pos)) k(pos);
        return;
    }
  }

  // Whether a look-ahead or look-behind item holds at `pos` (zero-width).
  bool assertion_holds(const PatternNode& n, std::uint32_t pos) {
    using Kind = PatternNode::Kind;
    switch (n.kind) {
      case Kind::not_next:
        return !matches_anywhere(n.children[0], pos);
      case Kind::is_next:
        return matches_anywhere(n.children[0], pos);
      case Kind::not_before:
        return pos == 0 || !matches_anywhere(n.children[0], pos - 1);
      case Kind::is_before:
        return pos > 0 && matches_anywhere(n.children[0], pos - 1);
      default:
        return false;
    }
  }

  // Whether a <kind> item (not <end>) matches the item at `pos`, and what it captures.
  bool chunk_at(const PatternNode& n, std::uint32_t pos, Capture& c) const {
    if (pos >= size_ || items_[pos].chunk < 0) return false;
    const auto& label = (*in_.chunks)[static_cast<std::size_t>(items_[pos].chunk)];
    // The kinds as the rule's reading split them: any, the types, then the tags.
    const PatternNode::ChunkKinds& kinds = n.chunk_kinds;
    bool ok =
        kinds.any || (kinds.types & (std::uint32_t{1} << static_cast<unsigned>(label.type))) != 0;
    for (auto tag = kinds.tags.begin(); !ok && tag != kinds.tags.end(); ++tag) {
      ok = *tag == label.tag;
    }
    if (!ok) return false;
    c.chunk = items_[pos].chunk;
    return true;
  }

  // Whether the word at `pos` (with lexicon facts `info`) is by itself a word of class `cls`:
  // some words are only when capitalized.
  bool in_class(const WordInfo& info, ClassId cls, std::uint32_t pos) const {
    const std::uint64_t bit = std::uint64_t{1} << cls;
    return (info.classes & bit) != 0 ||
           ((info.cap_classes & bit) != 0 && token(pos).has(Token::capitalized));
  }

  void word_class(const PatternNode& n, std::uint32_t pos, Continue k) {
    if (!is_token(pos)) return;
    const WordId w = word(pos);
    if (w < 0) return;
    const WordInfo& info = lex_.info(w);
    const bool capitalized = token(pos).has(Token::capitalized);
    if (in_class(info, n.cls, pos)) {
      Capture c;
      c.value = lex_.value_of(w, n.cls);
      captured(n, pos, pos + 1, c, k);
    }
    for (const auto p : info.phrases) {
      const Phrase& phrase = lex_.phrase(p);
      if (phrase.cls != n.cls || (phrase.cap && !capitalized)) continue;
      std::uint32_t q = pos;
      bool ok = true;
      for (const WordId pw : phrase.words) {
        if (!is_token(q) || word(q) != pw) {
          ok = false;
          break;
        }
        ++q;
      }
      if (!ok) continue;
      Capture c;
      c.value = &phrase.value;
      captured(n, pos, q, c, k);
    }
  }

  bool has_any_class(std::uint32_t pos, std::uint64_t classes) const {
    if (!is_token(pos)) return false;
    const WordId w = word(pos);
    return w >= 0 && (lex_.info(w).classes & classes) != 0;
  }
  bool has_class(std::uint32_t pos, ClassId cls) const {
    if (!is_token(pos)) return false;
    const WordId w = word(pos);
    return w >= 0 && (lex_.info(w).classes & (std::uint64_t{1} << cls)) != 0;
  }
  std::int64_t class_value(std::uint32_t pos, ClassId cls) const {
    const LexValue* v = lex_.value_of(word(pos), cls);
    return v ? v->number : 0;
  }

  // A number in words: "twenty-one", "two hundred", "a dozen", "three thousand".
  bool spelled_number(std::uint32_t pos, std::uint32_t& end, std::int64_t& value) const {
    std::uint32_t p = pos;
    std::int64_t v = 0;
    const bool article = is_token(p) && (word(p) == a_ || word(p) == an_);
    if (article) {
      if (!(has_class(p + 1, scale_cls_) || has_class(p + 1, dozen_cls_))) return false;
      v = 1;
      ++p;
    } else if (has_class(p, tens_cls_)) {
      v = class_value(p, tens_cls_);
      ++p;
      // twenty-one, twenty one
      std::uint32_t q = p;
      if (is_token(q) && word(q) == hyphen_ && glued(q)) ++q;
      if (has_class(q, number_cls_)) {
        const std::int64_t unit = class_value(q, number_cls_);
        if (unit >= 1 && unit <= 9) {
          v += unit;
          p = q + 1;
        }
      }
    } else if (has_class(p, number_cls_)) {
      v = class_value(p, number_cls_);
      ++p;
    } else if (has_class(p, dozen_cls_)) {
      v = 1;  // "dozens": the scale below makes it 12
    } else {
      return false;
    }
    while (has_class(p, scale_cls_) || has_class(p, dozen_cls_)) {
      const ClassId cls = has_class(p, scale_cls_) ? scale_cls_ : dozen_cls_;
      v *= class_value(p, cls);
      ++p;
      if (v > 1'000'000'000) return false;
      // "two hundred (and) fifty"
      std::uint32_t q = p;
      if (is_token(q) && word(q) == and_) ++q;
      std::uint32_t sub_end = q;
      std::int64_t sub = 0;
      if (cls == scale_cls_ && (has_class(q, tens_cls_) || has_class(q, number_cls_)) &&
          spelled_number(q, sub_end, sub) && sub < v) {
        v += sub;
        p = sub_end;
      }
    }
    end = p;
    value = v;
    return p > pos;
  }

  void shape(const PatternNode& n, std::uint32_t pos, Continue k) {
    std::uint32_t end = pos + 1;
    Capture c;
    if (shape_at(n, pos, end, c)) captured(n, pos, end, c, k);
  }

  // Whether a #shape item matches at `pos` (it does so one way at most): its end and what it
  // captures.
  bool shape_at(const PatternNode& n, std::uint32_t pos, std::uint32_t& end, Capture& c) const {
    if (n.shape == Shape::number) {
      std::int64_t value = 0;
      if (is_token(pos) && token(pos).kind == TokenKind::number) {
        if (!number_at(Shape::number, pos, value)) return false;
        end = pos + 1;
      } else if (!spelled_number(pos, end, value)) {
        return false;
      }
      c.number = value;
      c.has_number = true;
      return true;
    }
    end = pos + 1;
    if (n.shape == Shape::cap) {
      // Capitalized, and not just because it opens the sentence (or a quote): a sentence's
      // first word counts only when it is not a function word or a unit ("Flight 2021", not
      // "In 1991" or "Hours later").
      if (!is_token(pos) || token(pos).kind != TokenKind::word ||
          !token(pos).has(Token::capitalized)) {
        return false;
      }
      const bool opens =
          pos == 0 ||
          (is_token(pos - 1) && token(pos - 1).kind == TokenKind::punct &&
           (text(pos - 1) == "\"" || text(pos - 1) == "\xE2\x80\x9C" || text(pos - 1) == "("));
      return !(opens && has_any_class(pos, plain_openers_));
    }
    if (n.shape == Shape::word || n.shape == Shape::punct) {
      const TokenKind want = n.shape == Shape::word ? TokenKind::word : TokenKind::punct;
      return is_token(pos) && token(pos).kind == want;
    }
    if (!is_token(pos) || token(pos).kind != TokenKind::number) return false;
    std::int64_t value = 0;
    if (!number_at(n.shape, pos, value)) return false;
    c.number = value;
    c.has_number = true;
    return true;
  }

  // number_shape for the number token at `pos`, from the shapes and values the finder read
  // once per token when it gave them, so that no rule parses the text again.
  bool number_at(Shape shape, std::uint32_t pos, std::int64_t& value) const {
    if (!numbers_) return number_shape(shape, text(pos), value);
    const std::uint32_t t = items_[pos].first_token;
    if ((shapes_[t] & (1u << static_cast<unsigned>(shape))) == 0) return false;
    value = numbers_[t];
    return true;
  }

  const MatchInput& in_;
  // The sentence as raw arrays, as Matcher::Walk holds it: every item test reads them.
  const Item* items_;
  std::uint32_t size_;
  const Token* tokens_;
  const WordId* word_ids_;
  const std::uint16_t* shapes_;
  const std::int32_t* numbers_;  // null: numbers read from their text
  const Lexicon& lex_;
  ClassId number_cls_, tens_cls_, scale_cls_, dozen_cls_;
  WordId a_, an_, hyphen_, and_;
  std::uint64_t plain_openers_;
  // Per word id: the classes of every entry it starts (one word or a phrase's first).
  const Presence* entry_classes_;
  // A buffer reused from call to call, of Matcher's most_captures_ slots, the rule's first.
  Capture* captures_;
  std::size_t capacity_;
  std::size_t count_ = 0;  // the rule's captures
  bool capturing_ = true;
  bool found_ = false;
  Match* best_ = nullptr;
  const Rule* rule_ = nullptr;
  std::uint32_t start_ = 0;
};

}  // namespace

bool Matcher::best_match(const MatchInput& in, int layer, std::uint32_t i, Match& out) const {
  const auto& items = *in.items;
  const auto size = static_cast<std::uint32_t>(items.size());
  if (i >= size || layer < 1 || layer > grammar_.layers()) return false;
  const auto l = static_cast<std::size_t>(layer - 1);
  const Item& item = items[i];
  // The item's token and word, read once; no token for an expression.
  const Token* const token = item.chunk < 0 ? &in.doc->tokens()[item.first_token] : nullptr;
  const WordId w = token ? (*in.word_ids)[item.first_token] : -1;
  const bool number = token && token->kind == TokenKind::number;
  {
    // Most positions start no rule of this layer: leave before gathering candidates.
    const std::uint32_t bit = layer_bit(layer);
    std::uint32_t starts = any_layers_;
    if (!token) {
      // An expression starts a rule of this layer only as a kind one of them begins with.
      const ChunkLabel& label = (*in.chunks)[static_cast<std::size_t>(item.chunk)];
      if (chunk_starts_[l].fits(label)) starts |= chunk_layers_;
    } else {
      if (w >= 0) starts |= word_layers_[static_cast<std::size_t>(w)];
      if (number) starts |= number_layers_;
    }
    if ((starts & bit) == 0) return false;
  }
  // The rules whose leading items fit here: from the trie, plus those it cannot test. The
  // buffers live from call to call (per thread), so that a call allocates nothing.
  struct Scratch {
    std::vector<std::uint32_t> candidates, stamp;
    std::uint32_t generation = 0;
    std::vector<Capture> captures;
    Match candidate;
    std::uint64_t sized_for = 0;  // the serial_ of the matcher the buffers were sized for
  };
  thread_local Scratch scratch;
  // Plain references, not a structured binding: a lambda below uses them, and C++17 (clang)
  // does not let a lambda capture a structured binding.
  std::vector<std::uint32_t>& candidates = scratch.candidates;
  std::vector<std::uint32_t>& stamp = scratch.stamp;
  std::uint32_t& generation = scratch.generation;
  std::vector<Capture>& captures = scratch.captures;
  Match& candidate = scratch.candidate;
  if (scratch.sized_for != serial_) {  // only grown: one size serves smaller matchers too
    if (stamp.size() < rule_count_) stamp.assign(rule_count_, 0);
    if (captures.size() < most_captures_) captures.resize(most_captures_);
    scratch.sized_for = serial_;
  }
  if (++generation == 0) {  // wrapped: reset the stamps
    std::fill(stamp.begin(), stamp.end(), 0);
    generation = 1;
  }
  candidates.clear();
  const Walk walk{items.data(),
                  size,
                  in.doc->tokens().data(),
                  in.word_ids->data(),
                  in.shapes->data(),
                  candidates,
                  stamp.data(),
                  generation};
  // The root's word edges are a flat table; its other edges are walked as usual.
  if (w >= 0) {
    const std::uint32_t child = root_words_[l][static_cast<std::size_t>(w)];
    if (child != none) collect(walk, child, i + 1);
  }
  // The root's other edges, walked only when one of them may fit this item.
  const TrieNode& root = trie_[roots_[l]];
  bool walk_root = true;
  if (token && root_tabled_[l]) {
    // As collect() at the root would, from the tables: no edge of the root is glued.
    walk_root = false;
    if (number) {
      const std::uint16_t shapes = (*in.shapes)[item.first_token];
      for (const auto& [shape, to] : root.numbers[0]) {
        if (shapes & (1u << static_cast<unsigned>(shape))) collect(walk, to, i + 1);
      }
    }
    if (w >= 0) {
      const std::size_t k = (l * lexicon_.size() + static_cast<std::size_t>(w)) * 2 +
                            (token->has(Token::capitalized) ? 1u : 0u);
      const std::uint32_t* const at = root_class_edges_.at.data();
      const std::uint32_t* const children = root_class_edges_.children.data();
      for (std::uint32_t e = at[k]; e < at[k + 1]; ++e) collect(walk, children[e], i + 1);
    }
  } else if (token && root.rules.empty()) {
    const bool glued = token->has(Token::glued);
    bool fits = number && (!root.numbers[0].empty() || (glued && !root.numbers[1].empty()));
    if (!fits && w >= 0) {
      const WordInfo& info = lexicon_.info(w);
      const std::uint64_t classes =
          info.classes | (token->has(Token::capitalized) ? info.cap_classes : 0);
      fits = !root.words[0].empty() || (glued && !root.words[1].empty()) ||
             (classes & (root.class_mask[0] | (glued ? root.class_mask[1] : 0))) != 0;
    }
    walk_root = fits;
  }
  if (walk_root) collect(walk, roots_[l], i);
  const StartIndex& index = layers_[l];
  // Most of these lists are empty: each is tested before its loop, with no list of lists.
  const auto add = [&](const std::vector<std::uint32_t>& list) {
    for (const std::uint32_t r : list) {
      if (stamp[r] != generation) {
        stamp[r] = generation;
        candidates.push_back(r);
      }
    }
  };
  if (!index.anything.empty()) add(index.anything);
  if (!token) {
    if (!index.chunks.empty()) add(index.chunks);
  } else {
    if (w >= 0) add(index.by_word[static_cast<std::size_t>(w)]);
    if (number && !index.numbers.empty()) add(index.numbers);
  }
  if (candidates.empty()) return false;
  // The longest-reaching first (by insertion: there are few): the best match is the same in
  // any order (the longest, then the rule written first), and a rule that cannot reach past
  // the match found, or tie it and come first, is not run.
  for (std::size_t k = 1; k < candidates.size(); ++k) {
    const std::uint32_t r = candidates[k];
    std::size_t j = k;
    for (; j > 0 && most_items_[candidates[j - 1]] < most_items_[r]; --j) {
      candidates[j] = candidates[j - 1];
    }
    candidates[j] = r;
  }
  Search search(in, lexicon_, number_cls_, tens_cls_, scale_cls_, dozen_cls_, a_, an_, hyphen_,
                and_, plain_openers_, word_presence_.data() + 1, captures, size);
  bool found = false;
  for (const std::uint32_t r : candidates) {
    if (!has_needs(in.present, r)) continue;
    const Rule& rule = grammar_.rules()[r];
    if (!found) {  // the first match goes straight to `out`
      found = search.run(rule, i, out);
      continue;
    }
    const std::uint32_t reach = i + std::min(most_items_[r], size);
    if (reach < out.end || (reach == out.end && rule.priority > out.rule->priority)) continue;
    if (!search.run(rule, i, candidate)) continue;
    if (candidate.end > out.end ||
        (candidate.end == out.end && rule.priority < out.rule->priority)) {
      std::swap(out, candidate);
    }
  }
  return found;
}

}  // namespace chronicle::detail
