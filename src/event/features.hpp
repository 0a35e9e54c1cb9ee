// Features of a unit for the event detector and the class model: hashes of (template, value)
// pairs, the same at training and at run time.
#pragma once

#include <cstdint>

#include "analysis.hpp"
#include "grammar.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

// Can unit u head an event at all? Punctuation, numbers and closed-class words other than
// have and do cannot (a copula is not an event in TimeML: its predicate is); nor can proper
// names, adverbs, particles, or words inside temporal expressions.
bool candidate(const Unit& u);

// Features for "is units[i] an event?"; the sentence's units are [begin, end).
void detection_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                        std::uint32_t end, Features& f);

// Features for "which class is the event at units[i]?".
void class_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                    std::uint32_t end, const VerbGroup& group, Features& f);

}  // namespace chronicle::detail::event
