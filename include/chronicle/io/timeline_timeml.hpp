// A Timeline as a TimeML document, for `chronicle extract --format timeml` on plain text.
//
//   std::string tml = chronicle::timeml::write(chronicle::timeml::from_timeline(timeline));
//
// The DCT, TIMEX3s, EVENTs with one MAKEINSTANCE each, and TLINKs (their provenance as the
// origin attribute). XML cannot carry ill-formed UTF-8 nor most control characters: such bytes
// in the text become U+FFFD, and the spans are moved to match.
#pragma once

#include "chronicle/io/timeml.hpp"

namespace chronicle {
struct Timeline;
}

namespace chronicle::timeml {

Document from_timeline(const Timeline& timeline);

}  // namespace chronicle::timeml
