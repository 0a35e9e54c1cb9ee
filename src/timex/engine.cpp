#include "engine.hpp"

#include <string_view>

#include "../embedded_data.hpp"

namespace chronicle::detail {

extern const EmbeddedFile timex_data_files[];
extern const std::size_t timex_data_file_count;

namespace {

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
  e->determiner = l.class_id("determiner");
  e->function_word = l.class_id("function_word");
  e->outside_extent = l.class_id("outside_extent");
  for (const char* name : {"unit", "units", "unit_adj"}) {
    e->unit_classes |= std::uint64_t{1} << l.class_id(name);
  }
  e->not_past = l.class_id("not_past");
  e->signal_nearest = l.class_id("signal_nearest");
  e->signal_backward = l.class_id("signal_backward");
  e->number = l.class_id("number");
  // Classes that do not name time by themselves.
  std::uint64_t helper_classes = 0;
  for (const char* name :
       {"function_word", "tense_future", "future_to", "tense_aux_past", "tense_past",
        "tense_perfect", "tense_present", "determiner", "not_past", "signal_nearest",
        "signal_backward", "signal_forward_phrase", "name_title", "mod_point", "mod_amount", "ampm",
        "zone", "outside_extent"}) {
    helper_classes |= std::uint64_t{1} << l.class_id(name);
  }
  e->temporal.assign(l.size(), false);
  for (WordId w = 0; w < static_cast<WordId>(l.size()); ++w) {
    const WordInfo& info = l.info(w);
    if ((info.classes | info.cap_classes) & ~helper_classes)
      e->temporal[static_cast<std::size_t>(w)] = true;
    for (const auto p : info.phrases) {
      const Phrase& phrase = l.phrase(p);
      if ((std::uint64_t{1} << phrase.cls) & helper_classes) continue;
      for (std::size_t k = 1; k < phrase.words.size(); ++k) {
        e->temporal[static_cast<std::size_t>(phrase.words[k])] = true;
      }
    }
  }
  const ClassId phrases = l.class_id("signal_forward_phrase");
  for (WordId w = 0; w < static_cast<WordId>(l.size()); ++w) {
    for (const auto p : l.info(w).phrases) {
      if (l.phrase(p).cls == phrases) e->forward_phrases.push_back(p);
    }
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
