// The tense of the clause around a temporal expression, from nearby cue words: enough to tell
// "met Friday" (the last Friday) from "will meet Friday" (the next one).
#pragma once

#include <cstdint>
#include <vector>

#include "chronicle/document.hpp"
#include "engine.hpp"
#include "meaning.hpp"

namespace chronicle::detail {

// `first`..`end` are the expression's tokens, inside the sentence [sentence_first,
// sentence_end). `word_ids` has one entry per document token. `infinitive`, when given, tells
// whether a to-infinitive lies between the expression and the verb that gave the tense;
// `timetable`, whether that verb is a timetable's present ("The trial opens Feb. 14").
ClauseTense clause_tense(const Document& doc, const std::vector<WordId>& word_ids,
                         const TimexEngine& engine, std::uint32_t sentence_first,
                         std::uint32_t sentence_end, std::uint32_t first, std::uint32_t end,
                         bool* infinitive = nullptr, bool* timetable = nullptr);

// A preposition before an expression that fixes its direction: "no later than Friday", "as
// soon as Tuesday" look forward; "since Dec. 28" looks back; "until Jan. 19" takes the nearest;
// "postponed until Tuesday" looks forward as a timetable does (the next weekday, the nearest
// date of the month); "by Friday" takes the nearest in a clause without a tense or in the present.
// "starting in January" looks forward when the clause shows no tense. The time of what a verb
// calls off ("postponed its Thursday session", "canceled Saturday's parade") is the nearest.
enum class Signal : std::uint8_t {
  none,
  forward,
  backward,
  nearest,
  deferral,
  deadline,
  start,
  called_off,
  after  // "(shortly) after midnight": no direction, but the time is passed
};
Signal preceding_signal(const Document& doc, const std::vector<WordId>& word_ids,
                        const TimexEngine& engine, std::uint32_t sentence_first,
                        std::uint32_t first);

}  // namespace chronicle::detail
