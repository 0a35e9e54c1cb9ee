// The eval report: a JSON object or a text table, from counts.
#include <fmt/format.h>

#include <chronicle/eval.hpp>

namespace chronicle::eval {

namespace {

// Percentages with two decimals, as TempEval-3 reports them.
std::string num(double v) {
  return fmt::format("{:.2f}", v);
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_prf(const Prf& p) {
  return fmt::format(R"({{"precision": {}, "recall": {}, "f1": {}}})", num(p.precision),
                     num(p.recall), num(p.f1));
}

std::string json_spans(const SpanCounts& c) {
  return fmt::format(R"("gold": {}, "system": {}, "strict": {}, "relaxed": {})", c.gold, c.system,
                     c.strict, c.relaxed);
}

std::string json_tlink_counts(const TlinkCounts& c) {
  return fmt::format(R"("system": {}, "system_correct": {}, "gold": {}, "gold_found": {})",
                     c.system, c.system_correct, c.gold, c.gold_found);
}

// "event-DCT": {"precision", "recall", "f1", "counts"}, ... (without the braces).
std::string json_by_pair(const Counts& c) {
  std::string out;
  for (std::size_t k = 0; k < pair_kinds; ++k) {
    const Prf p = score(c.tlink_by_pair[k]);
    out += fmt::format(R"({}"{}": {{"precision": {}, "recall": {}, "f1": {}, "counts": {{{}}}}})",
                       k ? ", " : "", to_string(static_cast<PairKind>(k)), num(p.precision),
                       num(p.recall), num(p.f1), json_tlink_counts(c.tlink_by_pair[k]));
  }
  return out;
}

// "timex": ..., "event": ..., "tlink": ..., "documents": N (without the braces).
std::string json_members(const Counts& c) {
  const auto s = score(c);
  return fmt::format(
      R"("timex": {{"strict": {}, "relaxed": {}, "value_accuracy": {}, "type_accuracy": {}, )"
      R"("value_f1": {}, "type_f1": {}, "counts": {{{}, "value": {}, "type": {}}}}}, )"
      R"("event": {{"strict": {}, "relaxed": {}, "class_accuracy": {}, "tense_accuracy": {}, )"
      R"("aspect_accuracy": {}, "counts": {{{}, "class": {}, "tense": {}, "aspect": {}}}}}, )"
      R"("tlink": {{"precision": {}, "recall": {}, "f1": {}, "counts": {{{}}}, )"
      R"("by_pair": {{{}}}}}, "documents": {})",
      json_prf(s.timex.strict), json_prf(s.timex.relaxed), num(s.timex.value_accuracy),
      num(s.timex.type_accuracy), num(s.timex.value_f1), num(s.timex.type_f1), json_spans(c.timex),
      c.timex.value, c.timex.type, json_prf(s.event.strict), json_prf(s.event.relaxed),
      num(s.event.class_accuracy), num(s.event.tense_accuracy), num(s.event.aspect_accuracy),
      json_spans(c.event), c.event.event_class, c.event.tense, c.event.aspect,
      num(s.tlink.precision), num(s.tlink.recall), num(s.tlink.f1), json_tlink_counts(c.tlink),
      json_by_pair(c), c.documents);
}

}  // namespace

std::string to_json(const Counts& total, const std::vector<DocumentCounts>& per_document) {
  std::string out = "{" + json_members(total);
  if (!per_document.empty()) {
    out += ", \"per_document\": [";
    for (std::size_t i = 0; i < per_document.size(); ++i) {
      if (i) out += ", ";
      out += fmt::format("{{\"document\": {}, {}}}", json_string(per_document[i].name),
                         json_members(per_document[i].counts));
    }
    out += "]";
  }
  return out + "}\n";
}

std::string to_table(const Counts& total, const std::vector<DocumentCounts>& per_document,
                     bool by_pair) {
  std::string out;
  if (!per_document.empty()) {
    std::size_t width = 8;
    for (const auto& d : per_document) width = std::max(width, d.name.size());
    out += fmt::format("{:<{}}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}\n", "document", width, "timex F1",
                       "value F1", "event F1", "class", "tlink F1");
    for (const auto& d : per_document) {
      const auto s = score(d.counts);
      out += fmt::format("{:<{}}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}\n", d.name, width,
                         num(s.timex.relaxed.f1), num(s.timex.value_f1), num(s.event.relaxed.f1),
                         num(s.event.class_accuracy), num(s.tlink.f1));
    }
    out += "\n";
  }
  const auto s = score(total);
  const auto& c = total;
  out += fmt::format("TempEval-3 scores over {} document{} (percent)\n\n", c.documents,
                     c.documents == 1 ? "" : "s");
  const auto header = fmt::format("{:<16}{:>9}{:>9}{:>9}{:>10}{:>9}{:>9}{:>14}\n", "", "P", "R",
                                  "F1", "accuracy", "gold", "system", "matched");
  out += header;
  auto prf_row = [&](std::string_view name, const Prf& p, std::size_t gold, std::size_t system,
                     std::size_t matched) {
    out += fmt::format("{:<16}{:>9}{:>9}{:>9}{:>10}{:>9}{:>9}{:>14}\n", name, num(p.precision),
                       num(p.recall), num(p.f1), "", gold, system, matched);
  };
  auto attribute_row = [&](std::string_view name, const std::string& f1, double accuracy,
                           std::size_t correct) {
    out += fmt::format("{:<16}{:>9}{:>9}{:>9}{:>10}{:>9}{:>9}{:>14}\n", name, "", "", f1,
                       num(accuracy), "", "", correct);
  };
  prf_row("timex strict", s.timex.strict, c.timex.gold, c.timex.system, c.timex.strict);
  prf_row("timex relaxed", s.timex.relaxed, c.timex.gold, c.timex.system, c.timex.relaxed);
  attribute_row("timex value", num(s.timex.value_f1), s.timex.value_accuracy, c.timex.value);
  attribute_row("timex type", num(s.timex.type_f1), s.timex.type_accuracy, c.timex.type);
  prf_row("event strict", s.event.strict, c.event.gold, c.event.system, c.event.strict);
  prf_row("event relaxed", s.event.relaxed, c.event.gold, c.event.system, c.event.relaxed);
  attribute_row("event class", "", s.event.class_accuracy, c.event.event_class);
  attribute_row("event tense", "", s.event.tense_accuracy, c.event.tense);
  attribute_row("event aspect", "", s.event.aspect_accuracy, c.event.aspect);
  auto tlink_row = [&](std::string_view name, const TlinkCounts& l) {
    const Prf p = score(l);
    out += fmt::format("{:<16}{:>9}{:>9}{:>9}{:>10}{:>9}{:>9}{:>14}\n", name, num(p.precision),
                       num(p.recall), num(p.f1), "", l.gold, l.system,
                       fmt::format("{}/{}", l.system_correct, l.gold_found));
  };
  tlink_row("tlink", c.tlink);
  if (by_pair) {
    for (std::size_t k = 0; k < pair_kinds; ++k) {
      tlink_row(fmt::format("  {}", to_string(static_cast<PairKind>(k))), c.tlink_by_pair[k]);
    }
  }
  out +=
      "\nAccuracies are over relaxed matches; value/type F1 = accuracy x relaxed F1.\n"
      "tlink: temporal awareness over reduced graphs; gold/system count reduced links,\n"
      "matched is system links in the gold closure / gold links in the system closure.\n";
  return out;
}

}  // namespace chronicle::eval
