// Rules over the verb group and the clause around an event head: tense, aspect, polarity,
// modality, part of speech, and the actor and object heads.
#pragma once

#include <cstdint>
#include <string_view>

#include "analysis.hpp"
#include "chronicle/event.hpp"
#include "chronicle/span.hpp"

namespace chronicle::detail::event {

struct VerbGroup {
  std::uint32_t first = 0;  // the first unit of the group (its first auxiliary, or the head)
  Tense tense = Tense::none;
  Aspect aspect = Aspect::none;
  Polarity polarity = Polarity::pos;
  PartOfSpeech pos = PartOfSpeech::other;
  std::string_view modality;  // "would", "may"...; empty when none
  bool passive = false;
  std::uint8_t signature = 0;  // the group's auxiliaries as bits (for the models' features)
};

// The verb group around unit i, whose sentence starts at unit `begin`. `depth` bounds the
// look at coordinated verbs.
VerbGroup verb_group(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                     int depth = 0);

// Is units[i] "have" as a main verb with a noun phrase object: possession or occurrence ("Iraq
// has 17 million residents", "it had a net loss")? TimeML annotates every main verb, and only
// the auxiliary "have" is left out; "have to" (a modal) and "had had" (its first "had") are
// auxiliaries.
bool main_verb_have(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t end);

// The auxiliaries' bits of VerbGroup::signature.
inline unsigned signature_bit(Tag t) {
  switch (t) {
    case Tag::md:
      return 1;
    case Tag::will:
      return 2;
    case Tag::be:
      return 4;
    case Tag::have:
      return 8;
    case Tag::do_:
      return 16;
    case Tag::to:
      return 32;
    default:
      return 0;
  }
}

// What a verb group is made of: adverbs, negation, auxiliaries and "to".
inline bool in_group(Tag t) {
  return tag_in<Tag::adv, Tag::neg, Tag::be, Tag::have, Tag::do_, Tag::md, Tag::will, Tag::to>(t);
}

// VerbGroup::signature alone (what the detector needs), without the rest of the group.
// Inline: asked of every candidate, and most have no group before them.
inline std::uint8_t group_signature(const std::vector<Unit>& units, std::uint32_t i,
                                    std::uint32_t begin) {
  // The walk of verb_group, keeping only the signature.
  unsigned signature = 0, n_aux = 0;
  for (std::uint32_t j = i; j > begin;) {
    const Unit& u = units[--j];
    if (!in_group(u.tag)) break;
    if (u.tag != Tag::adv && u.tag != Tag::neg) {
      if (n_aux == 8) break;
      ++n_aux;
      signature |= signature_bit(u.tag);
    }
    if (u.tag == Tag::to) break;
  }
  return static_cast<std::uint8_t>(signature);
}

struct Arguments {
  Span actor;   // subject head (or the by-phrase of a passive); empty when not found
  Span object;  // object head (or the subject of a passive); empty when not found
  Span phrase;  // the head with its particle or idiomatic object ("blacked out", "opened fire")
};

Arguments arguments(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                    std::uint32_t end, const VerbGroup& group);

}  // namespace chronicle::detail::event
