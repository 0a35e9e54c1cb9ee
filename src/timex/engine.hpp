// The loaded timex rules: lexicon, grammar and matcher, built once from the embedded data
// files and shared (read-only) by every call, from any thread.
#pragma once

#include <memory>

#include "grammar.hpp"
#include "lexicon.hpp"
#include "matcher.hpp"

namespace chronicle::detail {

struct TimexEngine {
  Lexicon lexicon;
  Grammar grammar;
  std::unique_ptr<Matcher> matcher;
  // Classes the finder itself consults.
  ClassId tense_future = 0, future_to = 0, tense_aux_past = 0, tense_past = 0, tense_perfect = 0;
  ClassId tense_present = 0, determiner = 0, function_word = 0, outside_extent = 0, not_past = 0,
          signal_nearest = 0, signal_backward = 0, number = 0;
  std::uint64_t unit_classes = 0;              // unit, units, unit_adj: words for lengths of time
  std::vector<std::uint32_t> forward_phrases;  // phrase indexes of class signal_forward_phrase
  // Words that name time (a temporal class, a temporal keyword, or a later word of a temporal
  // phrase such as "moment" in "at the moment"). Every rule needs one within its first few
  // items, so the finder skips positions with none near.
  std::vector<bool> temporal;

  // The engine built from the data compiled into the library.
  static const TimexEngine& instance();
  // An engine from explicit files (name, text), for tests of the rule language.
  static std::unique_ptr<TimexEngine> from_files(
      const std::vector<std::pair<std::string, std::string>>& files);
};

}  // namespace chronicle::detail
