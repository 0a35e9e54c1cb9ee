// The timex rule language, compiled.
//
// A rule file (src/timex/data/*.rules) holds rules like:
//
//   # "Jan. 6", "January 6, 2022"
//   rule month-day
//     match  m=@month .? d=#day (, y=#year)?
//     type   DATE
//     month  $m
//     day    $d
//     year   $y
//
// `match` is a pattern over the tokens of one sentence:
//   word        a literal word or mark, any case ("ago", ",", "-")
//   @class      a word or phrase of a lexicon class (src/timex/lexicon.hpp)
//   #shape      a number of a shape: #int #year #year2 #day #month #hour #clock #clock_dot
//               ("10.30": hours 1-12 and minutes) #n (a number in
//               digits or words: "21", "twenty-one", "a dozen"); #cap is a capitalized word
//               that does not open its sentence (a name, most likely); #word any word;
//               #punct any punctuation mark
//   <kind>      an expression found by an earlier layer, by its tag or TIMEX3 type
//               (<date>, <duration>, <weekday>...); `<a|b>` either; `<any>` for any;
//               `<end>` matches (nothing) at the end of the sentence
//   ( a | b c ) alternatives;  x?  optional;  ~x  x must touch the token before it;
//   name=x      capture what x matched as $name;
//   !x          the next item must not match x (nothing is consumed); &x: it must;
//   <!x         the item before the match must not match x; <&x: it must.
// Statements after `match` build the expression's meaning (see meaning.hpp for each one).
// Rules run in layers (`layer N`, default 1): a layer sees the expressions of the layers
// before it as single items, so "about <duration>" can wrap what "three weeks" produced.
// Within a layer the longest match wins, then the rule written first.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.hpp"

namespace chronicle::detail {

enum class Shape : std::uint8_t {
  int_,
  year,
  year2,
  day,
  month,
  hour,
  clock,
  number,
  cap,
  word,
  punct,
  clock_dot  // "10.30" before "pm": hour and minutes with a dot, as British news writes them
};

struct PatternNode {
  enum class Kind : std::uint8_t {
    word,
    word_class,
    shape,
    chunk,
    sequence,
    alternatives,
    not_next,    // !x
    is_next,     // &x
    not_before,  // <!x
    is_before,   // <&x
  };
  Kind kind = Kind::sequence;
  bool optional = false;
  bool glued = false;
  int capture = -1;           // capture slot, or -1
  WordId word = -1;           // Kind::word
  ClassId cls = 0;            // Kind::word_class
  Shape shape = Shape::int_;  // Kind::shape
  std::string chunk_kind;     // Kind::chunk: a tag, a type name, or "any"
  // Kind::chunk: chunk_kind as the matcher reads it, split once when the rule is read: the
  // sentence's end ("end" alone), or the expressions that fit: any, those of the types named
  // (a bit per TimexType; "point": date or time), those whose tag is one of the kinds (every
  // kind, type names too, is also compared with the tag).
  struct ChunkKinds {
    bool end = false;
    bool any = false;
    std::uint32_t types = 0;
    std::vector<std::string> tags;
  } chunk_kinds;
  std::vector<PatternNode> children;  // sequence, alternatives, assertions
  // Kind::alternatives of one plain word each ("(a | an | per)"): the matcher tests the
  // word at hand against them without a search per alternative.
  bool word_set = false;
};

// The operations a rule body may use (meaning.hpp), in the order grammar.cpp names them.
enum class Op : std::uint8_t {
  type,
  tag,
  drop,
  copy,
  year,
  year2,
  month,
  day,
  weekday,
  week,
  quarter,
  half,
  season,
  pod,
  weekend,
  hour,
  minute,
  clock,
  ampm,
  ampm_of_pod,
  zone,
  decade,
  decade_word,
  century,
  century_ordinal,
  holiday,
  shift,
  shift_by,
  grain,
  anchor,
  direction,
  tense,
  overnight,
  duration,
  duration_of,
  ref,
  vague_past,
  vague_future,
  mod,
  quant,
  freq,
  set_word,
  half_of,
  clock_of,
  midnight,
  shift_ordinal,
  hhmm,
  merge,
  nth
};

// One statement of a rule body: an operation and its arguments as written; an argument
// starting with '$' names a capture (resolved to its slot).
struct Statement {
  std::string op;
  Op code = Op::type;  // op, as a number
  struct Arg {
    std::string text;     // literal text ("DATE", "-1", "NI")
    int capture = -1;     // capture slot when the argument is $name
    bool negate = false;  // -$name
  };
  std::vector<Arg> args;
  int line = 0;
  // "type DATE" with its word: the TimexType, read once when the rules load; -1 otherwise.
  int literal_type = -1;
};

struct Rule {
  std::string name;
  std::string file;
  int line = 0;
  int layer = 1;
  int priority = 0;  // order of definition: lower wins ties
  PatternNode pattern;
  std::vector<std::string> captures;  // slot -> name
  std::vector<Statement> body;
};

class Grammar {
 public:
  // Reads a rule file. Throws std::runtime_error with file and line on errors. Words used
  // literally are interned in the lexicon.
  void load(std::string_view file_name, std::string_view text, Lexicon& lexicon);

  const std::vector<Rule>& rules() const { return rules_; }
  int layers() const { return max_layer_; }

 private:
  std::vector<Rule> rules_;
  int max_layer_ = 1;
};

// The operations a rule body may use; checked when rules load.
bool is_known_statement(std::string_view op);

}  // namespace chronicle::detail
