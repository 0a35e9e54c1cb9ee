// The relation rules: each proposes links between items (or an item and the DCT) and names
// itself, so that every link carries its provenance and the rule's measured precision.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "chronicle/link.hpp"
#include "chronicle/relation_finder.hpp"
#include "context.hpp"

namespace chronicle::detail::relation {

enum class Rule : std::uint8_t {
  // event-time
  time_inside,     // "overrun on Wednesday": IS_INCLUDED
  time_since,      // "since 1991": BEGUN_BY (states, progressives, perfects) or AFTER
  time_until,      // "until Jan. 19": ENDED_BY (states, progressives) or BEFORE
  time_before,     // "before Friday": BEFORE
  time_after,      // "after Friday": AFTER
  time_modifier,   // "the 1991 election", "Thursday's meeting": IS_INCLUDED
  time_clause,     // a simple past verb in the time's comma-free stretch: "X was set afire and
                   // Y was overrun on Wednesday": set afire IS_INCLUDED Wednesday too
  time_deferred,   // "postponed the vote until Friday": the vote IS_INCLUDED Friday
  time_scheduled,  // "Sentencing is set for June 14": the sentencing IS_INCLUDED June 14
  time_between,    // "between 1985 and 1987": BEGUN_BY the first, ENDED_BY the second
  time_entry,      // a chronology's entry: "Feb. 27 - ... Shipping lines begin diverting vessels"
  time_when,       // "in 2017, when the river flooded": the "when" clause on a time is in it
  // event-DCT
  dct_past,                 // simple past: BEFORE
  dct_reporting,            // a past reporting verb ("said", "told reporters"): BEFORE
  dct_perfect,              // present perfect: BEFORE
  dct_perfect_progressive,  // "have been going": INCLUDES
  dct_progressive,          // present progressive: INCLUDES
  dct_present_state,        // present state ("is", "believes"): INCLUDES
  dct_future,               // future: AFTER
  // event-event
  ee_after,            // "X after Y", "After Y, X", "following", "once"
  ee_before,           // "X before Y", "prior to"
  ee_since,            // "X since Y"
  ee_until,            // "X until Y"
  ee_during,           // "X during Y", "amid"
  ee_overlap,          // "X while Y", "X as Y"
  ee_when,             // "X when Y"
  ee_then,             // "X, then Y"
  ee_report_past,      // reported past: before the saying
  ee_report_present,   // reported present: around the saying
  ee_report_future,    // reported future: after the saying
  ee_purpose,          // "sent peacekeepers to help stabilize": the purpose is later
  ee_request,          // "asked X to intervene": the request comes first
  ee_response,         // "asked the alliance to intervene" ... "the alliance sent": response later
  ee_aspect_begin,     // "began as a demonstration": BEGINS
  ee_aspect_end,       // "stopped the fighting": ENDS
  ee_aspect_continue,  // "the clashes continued": IS_INCLUDED
  ee_cause,            // "disapproval over the doubling": the cause comes first
  ee_narrative,        // "Later, ..." after the previous sentence's last event
  // time-time
  tt_values,        // from values and calendar bounds
  tt_undated_year,  // an explicit past year before a year-less dateline's recent times
  count
};

std::string_view rule_name(Rule r);
// The rule's precision on TimeBank and AQUAINT (see README: "Relation rules").
double rule_confidence(Rule r);

inline constexpr std::uint32_t dct_item = 0xfffffffeu;

// A proposed link between items a and b (indices in Context::items(), or dct_item).
struct Proposal {
  std::uint32_t a = 0, b = 0;
  Relation relation = Relation::vague;
  Rule rule = Rule::count;
};

// The event-time rules come first in Rule.
inline bool is_event_time_rule(Rule r) {
  return r <= Rule::time_when;
}

void apply_rules(const Context& ctx, const RelationOptions& options, std::vector<Proposal>& out);

// Whether a time wholly after the DCT dates what a past or present verb of wanting, planning
// or saying is about ("Forecasters expect rain on Saturday") rather than the verb's own act.
bool dates_complement(const Event& e, const Timex& x, const std::optional<Timex>& dct);

// Whether a time begins when the DCT ends or later ("until at least May 30" in a March story).
bool after_dct(const Timex& x, const std::optional<Timex>& dct);

}  // namespace chronicle::detail::relation
