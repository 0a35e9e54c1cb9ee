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
  ClassId tense_present = 0, tense_schedule = 0, determiner = 0, function_word = 0,
          outside_extent = 0, not_past = 0, signal_nearest = 0, signal_backward = 0, number = 0,
          signal_deadline = 0, cancel_verb = 0, signal_story_year = 0, ordinal = 0,
          story_year_break = 0;
  WordId after_word = -1, past_word = -1;  // "(shortly) after midnight", "past midnight"
  WordId the_word = -1, last_word = -1;    // "the past year", "the last year": no year of a story
  std::uint64_t unit_classes = 0;          // unit, units, unit_adj: words for lengths of time
  // tense_schedule, tense_future, future_to, tense_aux_past, tense_perfect, tense_present and
  // tense_past: the classes the clause's reading takes a tense from.
  std::uint64_t tense_cue_classes = 0;
  // Phrases of class signal_forward_phrase ("as soon as"), signal_deferral_phrase
  // ("postponed until") and signal_start_phrase ("starting in"), by phrase index, grouped by
  // their last word: a phrase just before an expression ends with the word before it, and
  // common words ("in", "on") end a few phrases of many.
  struct ForwardPhrase {
    std::uint32_t phrase = 0;
    bool deferral = false;
    bool start = false;  // "starting in": forward only in a clause without a tense
  };
  std::vector<ForwardPhrase> forward_phrases;
  // Per word id w: forward_phrases[forward_phrase_start[w] .. forward_phrase_start[w + 1]) end
  // with w (in lexicon order).
  std::vector<std::uint32_t> forward_phrase_start;
  // What the finder's prefilter knows of a word (per word id): whether some rule may start
  // at it, whether it names time by itself, whether it starts a phrase that does.
  enum WordFlag : std::uint8_t { can_start = 1, temporal = 2, starts_temporal_phrase = 4 };
  std::vector<std::uint8_t> word_flags;
  // Per word id: the phrases of temporal classes that start with it ("st . patrick 's day").
  // A phrase that is there names time; its words elsewhere do not ("st .", "the").
  std::vector<std::vector<std::uint32_t>> temporal_phrases;
  // Per word id: bit (id % 64) of the second word of each of those phrases. Most words that
  // start one ("the", "new") are followed by none of them: the finder looks no further.
  std::vector<std::uint64_t> temporal_phrase_seconds;
  // Every way a layer-1 rule can match holds a temporal token (a number, a word flagged
  // temporal, a temporal phrase) within its first `reach` + 1 tokens ("the end of the
  // year"), so the finder skips positions with none near. Rules led by plain words ("the
  // latest period") have one of those words flagged temporal to keep that true.
  static constexpr std::uint32_t reach = 4;

  // The engine built from the data compiled into the library.
  static const TimexEngine& instance();
  // An engine from explicit files (name, text), for tests of the rule language.
  static std::unique_ptr<TimexEngine> from_files(
      const std::vector<std::pair<std::string, std::string>>& files);
};

}  // namespace chronicle::detail
