#include "matcher.hpp"

#include <algorithm>
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

}  // namespace

Matcher::Matcher(const Grammar& grammar, const Lexicon& lexicon)
    : grammar_(grammar), lexicon_(lexicon) {
  number_cls_ = lexicon.class_id("number");
  tens_cls_ = lexicon.class_id("tens");
  scale_cls_ = lexicon.class_id("scale");
  dozen_cls_ = lexicon.class_id("dozen");
  a_ = lexicon.find("a");
  an_ = lexicon.find("an");
  hyphen_ = lexicon.find("-");
  and_ = lexicon.find("and");
  function_word_ = lexicon.class_id("function_word");
  layers_.resize(static_cast<std::size_t>(grammar.layers()));
  for (auto& l : layers_) l.by_word.resize(lexicon.size());
  word_may_start_.assign(lexicon.size(), false);
  const auto& rules = grammar.rules();
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    std::vector<bool> seen(lexicon.size(), false);
    bool nullable = true;
    index_rule(r, rules[r].pattern, seen, nullable);
    if (nullable) layers_[static_cast<std::size_t>(rules[r].layer - 1)].anything.push_back(r);
  }
}

// Adds rule r to the start lists of every item its pattern can begin with. `nullable` comes
// back true when the node can match nothing (so the items after it can begin the rule too).
void Matcher::index_rule(std::uint32_t r, const PatternNode& node, std::vector<bool>& seen,
                         bool& nullable) {
  auto& layer = layers_[static_cast<std::size_t>(grammar_.rules()[r].layer - 1)];
  auto add_word = [&](WordId w) {
    if (w < 0 || seen[static_cast<std::size_t>(w)]) return;
    seen[static_cast<std::size_t>(w)] = true;
    layer.by_word[static_cast<std::size_t>(w)].push_back(r);
    word_may_start_[static_cast<std::size_t>(w)] = true;
  };
  auto add_unique = [&](std::vector<std::uint32_t>& list) {
    if (list.empty() || list.back() != r) list.push_back(r);
  };
  auto add_class = [&](ClassId cls) {
    const std::uint64_t bit = std::uint64_t{1} << cls;
    for (WordId w = 0; w < static_cast<WordId>(lexicon_.size()); ++w) {
      const WordInfo& info = lexicon_.info(w);
      bool starts = ((info.classes | info.cap_classes) & bit) != 0;
      for (const auto p : info.phrases) starts = starts || lexicon_.phrase(p).cls == cls;
      if (starts) add_word(w);
    }
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
        add_unique(layer.anything);
        nullable = node.optional;
        return;
      }
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

bool Matcher::may_start(WordId word, bool is_number) const {
  if (is_number) return true;
  return word >= 0 && word_may_start_[static_cast<std::size_t>(word)];
}

namespace {

class Search {
 public:
  Search(const MatchInput& in, const Lexicon& lex, ClassId number_cls, ClassId tens_cls,
         ClassId scale_cls, ClassId dozen_cls, WordId a, WordId an, WordId hyphen, WordId and_word,
         ClassId function_word)
      : in_(in),
        items_(*in.items),
        lex_(lex),
        number_cls_(number_cls),
        tens_cls_(tens_cls),
        scale_cls_(scale_cls),
        dozen_cls_(dozen_cls),
        a_(a),
        an_(an),
        hyphen_(hyphen),
        and_(and_word),
        function_word_(function_word) {}

  bool run(const Rule& rule, std::uint32_t start, Match& best) {
    captures_.assign(rule.captures.size(), Capture{});
    found_ = false;
    best_ = &best;
    rule_ = &rule;
    start_ = start;
    sequence(rule.pattern.children, 0, start, [this](std::uint32_t end) { finish(end); });
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
    best_->captures = captures_;
  }

  bool is_token(std::uint32_t pos) const { return pos < items_.size() && items_[pos].chunk < 0; }
  const Token& token(std::uint32_t pos) const {
    return in_.doc->tokens()[items_[pos].first_token];
  }
  WordId word(std::uint32_t pos) const { return (*in_.word_ids)[items_[pos].first_token]; }
  std::string_view text(std::uint32_t pos) const { return in_.doc->text(token(pos)); }
  bool glued(std::uint32_t pos) const {
    return pos < items_.size() &&
           (in_.doc->tokens()[items_[pos].first_token].flags & Token::glued) != 0;
  }

  void sequence(const std::vector<PatternNode>& children, std::size_t index, std::uint32_t pos,
                Continue k) {
    if (index == children.size()) {
      k(pos);
      return;
    }
    node(children[index], pos,
         [&](std::uint32_t next) { sequence(children, index + 1, next, k); });
  }

  void node(const PatternNode& n, std::uint32_t pos, Continue k) {
    once(n, pos, k);
    if (n.optional) k(pos);
  }

  // Runs `k` with a capture recorded for [begin, end), restoring the previous one after.
  void captured(const PatternNode& n, std::uint32_t begin, std::uint32_t end, Capture c,
                Continue k) {
    if (n.capture < 0) {
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

  bool matches_anywhere(const PatternNode& n, std::uint32_t pos) {
    bool hit = false;
    const auto saved = captures_;
    once(n, pos, [&](std::uint32_t) { hit = true; });
    captures_ = saved;
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
        if (n.chunk_kind == "end") {  // zero-width: the end of the sentence
          if (pos >= items_.size()) k(pos);
          return;
        }
        if (pos >= items_.size() || items_[pos].chunk < 0) return;
        const auto& label = (*in_.chunks)[static_cast<std::size_t>(items_[pos].chunk)];
        bool ok = false;
        std::string_view kinds = n.chunk_kind;
        while (!ok && !kinds.empty()) {
          const auto bar = kinds.find('|');
          const std::string_view want = kinds.substr(0, bar);
          kinds = bar == std::string_view::npos ? std::string_view{} : kinds.substr(bar + 1);
          ok = want == "any" || want == label.tag ||
               (want == "date" && label.type == TimexType::date) ||
               (want == "time" && label.type == TimexType::time) ||
               (want == "duration" && label.type == TimexType::duration) ||
               (want == "set" && label.type == TimexType::set) ||
               (want == "point" &&
                (label.type == TimexType::date || label.type == TimexType::time));
        }
        if (!ok) return;
        Capture c;
        c.chunk = items_[pos].chunk;
        captured(n, pos, pos + 1, c, k);
        return;
      }
      case Kind::sequence:
        sequence(n.children, 0, pos, [&](std::uint32_t end) {
          captured(n, pos, end, Capture{}, k);
        });
        return;
      case Kind::alternatives:
        for (const auto& alt : n.children) {
          sequence(alt.children, 0, pos, [&](std::uint32_t end) {
            captured(n, pos, end, Capture{}, k);
          });
        }
        return;
      case Kind::not_next:
        if (!matches_anywhere(n.children[0], pos)) k(pos);
        return;
      case Kind::is_next:
        if (matches_anywhere(n.children[0], pos)) k(pos);
        return;
      case Kind::not_before:
        if (pos == 0 || !matches_anywhere(n.children[0], pos - 1)) k(pos);
        return;
      case Kind::is_before:
        if (pos > 0 && matches_anywhere(n.children[0], pos - 1)) k(pos);
        return;
    }
  }

  void word_class(const PatternNode& n, std::uint32_t pos, Continue k) {
    if (!is_token(pos)) return;
    const WordId w = word(pos);
    if (w < 0) return;
    const WordInfo& info = lex_.info(w);
    const std::uint64_t bit = std::uint64_t{1} << n.cls;
    const bool capitalized = token(pos).has(Token::capitalized);
    if ((info.classes & bit) || ((info.cap_classes & bit) && capitalized)) {
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
    if (n.shape == Shape::number) {
      std::uint32_t end = 0;
      std::int64_t value = 0;
      if (is_token(pos) && token(pos).kind == TokenKind::number) {
        // Digits, with thousands separators: 24, 1,000.
        std::string_view t = text(pos);
        std::int64_t v = 0;
        int digits = 0;
        for (const char c : t) {
          if (c == ',') continue;
          if (c < '0' || c > '9' || ++digits > 9) return;
          v = v * 10 + (c - '0');
        }
        Capture c;
        c.number = v;
        c.has_number = true;
        captured(n, pos, pos + 1, c, k);
        return;
      }
      if (spelled_number(pos, end, value)) {
        Capture c;
        c.number = value;
        c.has_number = true;
        captured(n, pos, end, c, k);
      }
      return;
    }
    if (n.shape == Shape::cap) {
      // Capitalized, and not just because it opens the sentence (or a quote): a sentence's
      // first word counts only when it is not a function word ("Flight 2021", not "In 1991").
      if (!is_token(pos) || token(pos).kind != TokenKind::word ||
          !token(pos).has(Token::capitalized)) {
        return;
      }
      const bool opens = pos == 0 || (is_token(pos - 1) && token(pos - 1).kind == TokenKind::punct &&
                                      (text(pos - 1) == "\"" || text(pos - 1) == "\xE2\x80\x9C" ||
                                       text(pos - 1) == "("));
      if (opens && has_class(pos, function_word_)) return;
      captured(n, pos, pos + 1, Capture{}, k);
      return;
    }
    if (n.shape == Shape::word || n.shape == Shape::punct) {
      const TokenKind want = n.shape == Shape::word ? TokenKind::word : TokenKind::punct;
      if (is_token(pos) && token(pos).kind == want) captured(n, pos, pos + 1, Capture{}, k);
      return;
    }
    if (!is_token(pos) || token(pos).kind != TokenKind::number) return;
    const std::string_view t = text(pos);
    std::int64_t value = 0;
    switch (n.shape) {
      case Shape::int_:
        if (!all_digits(t) || t.size() > 9) return;
        value = digits_value(t);
        break;
      case Shape::year:
        if (!all_digits(t) || t.size() != 4) return;
        value = digits_value(t);
        if (value < 1000 || value > 2999) return;
        break;
      case Shape::year2:
        if (!all_digits(t) || t.size() != 2) return;
        value = digits_value(t);
        break;
      case Shape::day:
        if (!all_digits(t) || t.size() > 2) return;
        value = digits_value(t);
        if (value < 1 || value > 31) return;
        break;
      case Shape::month:
        if (!all_digits(t) || t.size() > 2) return;
        value = digits_value(t);
        if (value < 1 || value > 12) return;
        break;
      case Shape::hour:
        if (!all_digits(t) || t.size() > 2) return;
        value = digits_value(t);
        if (value > 24) return;
        break;
      case Shape::clock: {
        const std::size_t colon = t.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon > 2 ||
            t.size() != colon + 3 || !all_digits(t.substr(0, colon)) ||
            !all_digits(t.substr(colon + 1))) {
          return;
        }
        const std::int64_t h = digits_value(t.substr(0, colon));
        const std::int64_t m = digits_value(t.substr(colon + 1));
        if (h > 24 || m > 59) return;
        value = h * 60 + m;
        break;
      }
      case Shape::number:
      case Shape::cap:
      case Shape::word:
      case Shape::punct:
        return;
    }
    Capture c;
    c.number = value;
    c.has_number = true;
    captured(n, pos, pos + 1, c, k);
  }

  const MatchInput& in_;
  const std::vector<Item>& items_;
  const Lexicon& lex_;
  ClassId number_cls_, tens_cls_, scale_cls_, dozen_cls_;
  WordId a_, an_, hyphen_, and_;
  ClassId function_word_;
  std::vector<Capture> captures_;
  bool found_ = false;
  Match* best_ = nullptr;
  const Rule* rule_ = nullptr;
  std::uint32_t start_ = 0;
};

}  // namespace

bool Matcher::best_match(const MatchInput& in, int layer, std::uint32_t i, Match& out) const {
  const auto& items = *in.items;
  if (i >= items.size() || layer < 1 || layer > static_cast<int>(layers_.size())) return false;
  const StartIndex& index = layers_[static_cast<std::size_t>(layer - 1)];
  const Item& item = items[i];
  const std::vector<std::uint32_t>* lists[3] = {&index.anything, nullptr, nullptr};
  if (item.chunk >= 0) {
    lists[1] = &index.chunks;
  } else {
    const WordId w = (*in.word_ids)[item.first_token];
    if (w >= 0) lists[1] = &index.by_word[static_cast<std::size_t>(w)];
    if (in.doc->tokens()[item.first_token].kind == TokenKind::number) lists[2] = &index.numbers;
  }
  Search search(in, lexicon_, number_cls_, tens_cls_, scale_cls_, dozen_cls_, a_, an_, hyphen_,
                and_, function_word_);
  bool found = false;
  Match candidate;
  for (const auto* list : lists) {
    if (!list) continue;
    for (const std::uint32_t r : *list) {
      const Rule& rule = grammar_.rules()[r];
      if (!search.run(rule, i, candidate)) continue;
      if (!found || candidate.end > out.end ||
          (candidate.end == out.end && rule.priority < out.rule->priority)) {
        out = candidate;
        found = true;
      }
    }
  }
  return found;
}

}  // namespace chronicle::detail
