// Word lists the sentence splitter and the story-part detector consult.
#pragma once

#include <string_view>

namespace chronicle::detail {

// "Mr", "Gov", "Gen", "Lt", ...: a period after them never ends a sentence.
bool is_title_abbreviation(std::string_view word);
// "Jan", "Sept", ...: a period after them does not end a sentence before a number.
bool is_month_abbreviation(std::string_view word);
// Words that typically open a sentence ("The", "It", "But"): after an initialism or an
// initial, a sentence ends only if one of these follows.
bool is_sentence_opener(std::string_view word);
// Capitalized words that go on a clock time's sentence after "a.m." / "p.m." ("3 p.m.
// Thursday", "10 a.m. EST", "9 p.m. Eastern"); any other capitalized word opens a new one.
bool continues_clock_time(std::string_view word);
// A photo caption: "... Photo by Jane Doe/EPA-EFE", "(AP Photo/...)", "File photo".
bool is_caption(std::string_view paragraph);
// Site furniture: "Latest Headlines", "Read more", "Advertisement", ...
bool is_boilerplate(std::string_view paragraph);

}  // namespace chronicle::detail
