#include "engine.hpp"

#include <algorithm>
#include <string_view>

#include "../embedded_data.hpp"

namespace chronicle::detail {

extern const EmbeddedFile timex_data_files[];
extern const std::size_t timex_data_file_count;

namespace {

// Checks that every way a layer-1 rule can match meets a temporal token within
// TimexEngine::reach tokens of its start, walking the rule's items in order (alternatives,
// optional items and the phrases of a class branch). A way that does not gets one of its
// items flagged temporal: the last phrase it takes ("the latter part of" in "the latter part
// of the year"), else the last of its literal words that is not a function word ("period" in
// "the latest period").
class ReachCheck {
 public:
  ReachCheck(TimexEngine& e, std::uint64_t helper_classes, std::uint64_t common_classes)
      : e_(e), helper_(helper_classes), common_(common_classes) {
    const Lexicon& l = e.lexicon;
    phrases_.resize(max_classes);
    for (WordId w = 0; w < static_cast<WordId>(l.size()); ++w) {
      one_word_classes_ |= l.info(w).classes | l.info(w).cap_classes;
      for (const auto p : l.info(w).phrases) phrases_[l.phrase(p).cls].push_back(p);
    }
  }

  void rule(const Rule& r) {
    std::vector<const PatternNode*> rest;
    push_reversed(r.pattern.children, rest);
    walk(rest, 0);
  }

 private:
  // What may be flagged temporal on a way: a literal word, or a phrase.
  struct Item {
    WordId word = -1;
    std::uint32_t phrase = 0;
  };

  static void push_reversed(const std::vector<PatternNode>& nodes,
                            std::vector<const PatternNode*>& rest) {
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) rest.push_back(&*it);
  }

  bool is_temporal(WordId w) const {
    return (e_.word_flags[static_cast<std::size_t>(w)] & TimexEngine::temporal) != 0;
  }

  // `rest`: the items still to match, the next one last; `offset`: tokens matched so far.
  void walk(std::vector<const PatternNode*> rest, std::size_t offset) {
    using Kind = PatternNode::Kind;
    if (offset > TimexEngine::reach || rest.empty()) {
      uncovered();
      return;
    }
    const PatternNode& n = *rest.back();
    rest.pop_back();
    if (n.optional) walk(rest, offset);
    switch (n.kind) {
      case Kind::word:
        if (is_temporal(n.word)) return;
        taken_.push_back(Item{n.word});
        walk(std::move(rest), offset + 1);
        taken_.pop_back();
        return;
      case Kind::word_class:
        if (((helper_ >> n.cls) & 1) == 0) return;  // a temporal class: a temporal token
        if ((one_word_classes_ >> n.cls) & 1) walk(rest, offset + 1);
        for (const std::uint32_t p : phrases_[n.cls]) {
          taken_.push_back(Item{-1, p});
          walk(rest, offset + e_.lexicon.phrase(p).words.size());
          taken_.pop_back();
        }
        return;
      case Kind::shape:
        switch (n.shape) {
          case Shape::cap:
          case Shape::word:
          case Shape::punct:
            walk(std::move(rest), offset + 1);
            return;
          case Shape::number:  // digits, or words whose first may be "a" ("a dozen")
            if (offset + 1 > TimexEngine::reach) uncovered();
            return;
          default:  // digits: a number token
            return;
        }
      case Kind::chunk:
        // Layer 1 sees no expressions; <end> is the end of the sentence.
        if (n.chunk_kind == "end") walk(std::move(rest), offset);
        return;
      case Kind::sequence:
        push_reversed(n.children, rest);
        walk(std::move(rest), offset);
        return;
      case Kind::alternatives:
        for (const PatternNode& alt : n.children) {
          std::vector<const PatternNode*> with = rest;
          push_reversed(alt.children, with);
          walk(std::move(with), offset);
        }
        return;
      case Kind::not_next:
      case Kind::is_next:
      case Kind::not_before:
      case Kind::is_before:  // assertions consume nothing
        walk(std::move(rest), offset);
        return;
    }
  }

  void uncovered() {
    for (auto it = taken_.rbegin(); it != taken_.rend(); ++it) {
      if (it->word < 0) {
        flag_phrase(it->phrase);
        return;
      }
    }
    if (taken_.empty()) return;  // nothing to flag: the rule is left to the prefilter
    WordId pick = taken_.back().word;
    for (auto it = taken_.rbegin(); it != taken_.rend(); ++it) {
      if ((e_.lexicon.info(it->word).classes & common_) == 0) {
        pick = it->word;
        break;
      }
    }
    e_.word_flags[static_cast<std::size_t>(pick)] |= TimexEngine::temporal;
  }

  void flag_phrase(std::uint32_t p) {
    const auto first = static_cast<std::size_t>(e_.lexicon.phrase(p).words[0]);
    auto& list = e_.temporal_phrases[first];
    if (std::find(list.begin(), list.end(), p) != list.end()) return;
    list.push_back(p);
    e_.word_flags[first] |= TimexEngine::starts_temporal_phrase;
  }

  TimexEngine& e_;
  std::uint64_t helper_, common_;
  std::uint64_t one_word_classes_ = 0;               // classes with one-word entries
  std::vector<std::vector<std::uint32_t>> phrases_;  // per class: its phrases
  std::vector<Item> taken_;                          // the way being walked, in order
};

// The per-word flags the finder's prefilter reads (TimexEngine::word_flags).
void flag_words(TimexEngine& e, std::uint64_t helper_classes) {
  const Lexicon& l = e.lexicon;
  e.word_flags.assign(l.size(), 0);
  e.temporal_phrases.assign(l.size(), {});
  for (WordId w = 0; w < static_cast<WordId>(l.size()); ++w) {
    const auto i = static_cast<std::size_t>(w);
    const WordInfo& info = l.info(w);
    if (e.matcher->may_start(w, false)) e.word_flags[i] |= TimexEngine::can_start;
    if ((info.classes | info.cap_classes) & ~helper_classes) {
      e.word_flags[i] |= TimexEngine::temporal;
    }
    for (const auto p : info.phrases) {
      if ((std::uint64_t{1} << l.phrase(p).cls) & helper_classes) continue;
      e.temporal_phrases[i].push_back(p);
      e.word_flags[i] |= TimexEngine::starts_temporal_phrase;
    }
  }
  const std::uint64_t common =
      (std::uint64_t{1} << e.function_word) | (std::uint64_t{1} << e.determiner);
  ReachCheck check(e, helper_classes, common);
  for (const Rule& r : e.grammar.rules()) {
    if (r.layer == 1) check.rule(r);
  }
  // The second words of each word's temporal phrases, now that the lists are complete.
  e.temporal_phrase_seconds.assign(l.size(), 0);
  for (std::size_t w = 0; w < l.size(); ++w) {
    for (const auto p : e.temporal_phrases[w]) {
      const WordId second = l.phrase(p).words[1];  // a phrase has two words or more
      e.temporal_phrase_seconds[w] |= std::uint64_t{1} << (static_cast<std::uint64_t>(second) % 64);
    }
  }
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::unique_ptr<TimexEngine> build(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  auto e = std::make_unique<TimexEngine>();
  // Word lists first: rules refer to their classes.
  for (const auto& [name, text] : files) {
    if (ends_with(name, ".lex")) e->lexicon.load(name, text);
  }
  for (const auto& [name, text] : files) {
    if (ends_with(name, ".rules")) e->grammar.load(name, text, e->lexicon);
  }
  e->matcher = std::make_unique<Matcher>(e->grammar, e->lexicon);
  const Lexicon& l = e->lexicon;
  e->tense_future = l.class_id("tense_future");
  e->future_to = l.class_id("future_to");
  e->tense_aux_past = l.class_id("tense_aux_past");
  e->tense_past = l.class_id("tense_past");
  e->tense_perfect = l.class_id("tense_perfect");
  e->tense_present = l.class_id("tense_present");
  e->tense_schedule = l.class_id("tense_schedule");
  e->determiner = l.class_id("determiner");
  e->function_word = l.class_id("function_word");
  e->outside_extent = l.class_id("outside_extent");
  for (const char* name : {"unit", "units", "unit_adj"}) {
    e->unit_classes |= std::uint64_t{1} << l.class_id(name);
  }
  for (const ClassId c : {e->tense_schedule, e->tense_future, e->future_to, e->tense_aux_past,
                          e->tense_perfect, e->tense_present, e->tense_past}) {
    e->tense_cue_classes |= std::uint64_t{1} << c;
  }
  e->not_past = l.class_id("not_past");
  e->signal_nearest = l.class_id("signal_nearest");
  e->signal_deadline = l.class_id("signal_deadline");
  e->cancel_verb = l.class_id("cancel_verb");
  e->signal_story_year = l.class_id("signal_story_year");
  e->ordinal = l.class_id("ordinal");
  e->story_year_break = l.class_id("story_year_break");
  e->after_word = l.find("after");
  e->past_word = l.find("past");
  e->the_word = l.find("the");
  e->last_word = l.find("last");
  e->signal_backward = l.class_id("signal_backward");
  e->number = l.class_id("number");
  // Classes that do not name time by themselves.
  std::uint64_t helper_classes = 0;
  for (const char* name : {"function_word",
                           "tense_future",
                           "future_to",
                           "tense_aux_past",
                           "tense_past",
                           "tense_perfect",
                           "tense_present",
                           "tense_schedule",
                           "determiner",
                           "not_past",
                           "signal_nearest",
                           "signal_deadline",
                           "cancel_verb",
                           "signal_story_year",
                           "story_year_break",
                           "signal_backward",
                           "signal_forward_phrase",
                           "signal_deferral_phrase",
                           "signal_start_phrase",
                           "name_title",
                           "mod_point",
                           "mod_amount",
                           "ampm",
                           "zone",
                           "outside_extent"}) {
    helper_classes |= std::uint64_t{1} << l.class_id(name);
  }
  flag_words(*e, helper_classes);
  const ClassId forward = l.class_id("signal_forward_phrase");
  const ClassId deferral = l.class_id("signal_deferral_phrase");
  const ClassId start = l.class_id("signal_start_phrase");
  for (WordId w = 0; w < static_cast<WordId>(l.size()); ++w) {
    for (const auto p : l.info(w).phrases) {
      const ClassId cls = l.phrase(p).cls;
      if (cls == forward || cls == deferral || cls == start) {
        e->forward_phrases.push_back({p, cls == deferral, cls == start});
      }
    }
  }
  auto last_word = [&](const TimexEngine::ForwardPhrase& f) {
    return static_cast<std::size_t>(l.phrase(f.phrase).words.back());
  };
  std::stable_sort(e->forward_phrases.begin(), e->forward_phrases.end(),
                   [&](const auto& a, const auto& b) { return last_word(a) < last_word(b); });
  e->forward_phrase_start.assign(l.size() + 1, 0);
  for (const auto& f : e->forward_phrases) ++e->forward_phrase_start[last_word(f) + 1];
  for (std::size_t w = 0; w < l.size(); ++w) {
    e->forward_phrase_start[w + 1] += e->forward_phrase_start[w];
  }
  return e;
}

}  // namespace

const TimexEngine& TimexEngine::instance() {
  static const std::unique_ptr<TimexEngine> engine = [] {
    std::vector<std::pair<std::string_view, std::string_view>> files;
    for (std::size_t i = 0; i < timex_data_file_count; ++i) {
      files.emplace_back(timex_data_files[i].name, timex_data_files[i].text);
    }
    return build(files);
  }();
  return *engine;
}

std::unique_ptr<TimexEngine> TimexEngine::from_files(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::pair<std::string_view, std::string_view>> views;
  for (const auto& [name, text] : files) views.emplace_back(name, text);
  return build(views);
}

}  // namespace chronicle::detail
