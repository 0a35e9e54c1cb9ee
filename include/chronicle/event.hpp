// Events: the TimeML EVENT (with its MAKEINSTANCE attributes folded in).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "chronicle/detail/enum_names.hpp"
#include "chronicle/span.hpp"

namespace chronicle {

enum class EventClass : std::uint8_t {
  occurrence,
  reporting,
  perception,
  aspectual,
  i_action,
  i_state,
  state,
};
enum class Tense : std::uint8_t { none, past, present, future, infinitive, prespart, pastpart };
enum class Aspect : std::uint8_t { none, progressive, perfective, perfective_progressive };
enum class Polarity : std::uint8_t { pos, neg };
enum class PartOfSpeech : std::uint8_t { unknown, verb, noun, adjective, preposition, other };

struct Event {
  std::string id;           // eid: "e1"
  std::string instance_id;  // eiid: "ei1", what links refer to
  Span span;                // the head word, as TimeML marks it
  Span phrase;              // what a reader sees ("set ... afire", "opened fire"); may equal span
  EventClass event_class = EventClass::occurrence;
  std::string lemma;
  Tense tense = Tense::none;
  Aspect aspect = Aspect::none;
  Polarity polarity = Polarity::pos;
  PartOfSpeech pos = PartOfSpeech::unknown;
  std::string modality;     // "may", "would", ...; empty when none
  Span actor;               // subject head, empty when not found
  Span object;              // object head, empty when not found
  std::size_t sentence = 0; // index of its sentence in the document
  std::string rule;         // what produced it; empty for given input
  double confidence = 1.0;
};

namespace detail {
inline constexpr std::pair<EventClass, std::string_view> event_class_names[] = {
    {EventClass::occurrence, "OCCURRENCE"}, {EventClass::reporting, "REPORTING"},
    {EventClass::perception, "PERCEPTION"}, {EventClass::aspectual, "ASPECTUAL"},
    {EventClass::i_action, "I_ACTION"},     {EventClass::i_state, "I_STATE"},
    {EventClass::state, "STATE"},
};
inline constexpr std::pair<Tense, std::string_view> tense_names[] = {
    {Tense::none, "NONE"},         {Tense::past, "PAST"},
    {Tense::present, "PRESENT"},   {Tense::future, "FUTURE"},
    {Tense::infinitive, "INFINITIVE"}, {Tense::prespart, "PRESPART"},
    {Tense::pastpart, "PASTPART"},
};
inline constexpr std::pair<Aspect, std::string_view> aspect_names[] = {
    {Aspect::none, "NONE"},
    {Aspect::progressive, "PROGRESSIVE"},
    {Aspect::perfective, "PERFECTIVE"},
    {Aspect::perfective_progressive, "PERFECTIVE_PROGRESSIVE"},
};
inline constexpr std::pair<Polarity, std::string_view> polarity_names[] = {
    {Polarity::pos, "POS"},
    {Polarity::neg, "NEG"},
};
inline constexpr std::pair<PartOfSpeech, std::string_view> part_of_speech_names[] = {
    {PartOfSpeech::unknown, "UNKNOWN"}, {PartOfSpeech::verb, "VERB"},
    {PartOfSpeech::noun, "NOUN"},       {PartOfSpeech::adjective, "ADJECTIVE"},
    {PartOfSpeech::preposition, "PREPOSITION"}, {PartOfSpeech::other, "OTHER"},
};
}  // namespace detail

// TimeML spellings: "OCCURRENCE", "PAST", "PERFECTIVE", "NEG", "VERB".
constexpr std::string_view to_string(EventClass c) {
  return detail::name_of(detail::event_class_names, c);
}
constexpr std::string_view to_string(Tense t) { return detail::name_of(detail::tense_names, t); }
constexpr std::string_view to_string(Aspect a) { return detail::name_of(detail::aspect_names, a); }
constexpr std::string_view to_string(Polarity p) {
  return detail::name_of(detail::polarity_names, p);
}
constexpr std::string_view to_string(PartOfSpeech p) {
  return detail::name_of(detail::part_of_speech_names, p);
}
constexpr std::optional<EventClass> parse_event_class(std::string_view s) {
  return detail::value_of(detail::event_class_names, s);
}
constexpr std::optional<Tense> parse_tense(std::string_view s) {
  return detail::value_of(detail::tense_names, s);
}
constexpr std::optional<Aspect> parse_aspect(std::string_view s) {
  return detail::value_of(detail::aspect_names, s);
}
constexpr std::optional<Polarity> parse_polarity(std::string_view s) {
  return detail::value_of(detail::polarity_names, s);
}
constexpr std::optional<PartOfSpeech> parse_part_of_speech(std::string_view s) {
  return detail::value_of(detail::part_of_speech_names, s);
}

}  // namespace chronicle
