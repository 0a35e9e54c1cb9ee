// TimeML reader and writer: offsets, entities, TempEval-3 input files, writing, and errors
// with file, line and column for malformed input.
#include <catch2/catch.hpp>
#include <chronicle/io/timeml.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace tml = chronicle::timeml;
using chronicle::Span;

namespace {

const std::string data_dir = std::string(CHRONICLE_SOURCE_DIR) + "/tests/data/timeml/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The character data of the TEXT element as written: tags removed, references left as they
// are. This is what the TempEval-3 scorer compares.
std::string raw_text_data(const std::string& xml) {
  const auto open = xml.find("<TEXT>");
  const auto close = xml.find("</TEXT>");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  std::string out;
  bool in_tag = false;
  for (auto i = open + 6; i < close; ++i) {
    if (xml[i] == '<') in_tag = true;
    if (!in_tag) out += xml[i];
    if (xml[i] == '>') in_tag = false;
  }
  return out;
}

std::string wrap(const std::string& text_content, const std::string& after = "") {
  return "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>d</DOCID>\n"
         "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-02-06\" temporalFunction=\"false\" "
         "functionInDocument=\"CREATION_TIME\">1998-02-06</TIMEX3></DCT>\n<TEXT>" +
         text_content + "</TEXT>\n" + after + "</TimeML>\n";
}

// Reads `xml`, expecting a timeml::error; returns it.
tml::error read_error(const std::string& xml, const std::string& file = "bad.tml") {
  try {
    tml::read(xml, file);
  } catch (const tml::error& e) {
    return e;
  }
  FAIL("no error for:\n" << xml.substr(0, 300));
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("reads a TimeML document: DCT, title, text, annotations and offsets", "[timeml]") {
  const auto doc = tml::read_file(data_dir + "acquisition.tml");
  CHECK(doc.id == "acquisition");
  REQUIRE(doc.dct);
  CHECK(doc.dct->id == "t0");
  CHECK(doc.dct->value.str() == "1998-02-06");
  CHECK(doc.dct->function == chronicle::DocumentFunction::creation_time);
  CHECK(doc.dct_text == "02/06/1998");
  CHECK(doc.title == "A made-up test article for chronicle's eval tests");
  CHECK(doc.text.substr(0, 17) == "\nSmith & Sons sai");

  REQUIRE(doc.timexes.size() == 3);
  CHECK(doc.timexes[0].span.in(doc.text) == "Monday");
  CHECK(doc.timexes[0].value.str() == "1998-02-02");
  CHECK(doc.timexes[0].temporal_function);
  CHECK(doc.timexes[0].anchor_id == "t0");
  CHECK(doc.timexes[1].span.in(doc.text) == "last week");
  CHECK(doc.timexes[1].value.str() == "1998-W05");
  CHECK(doc.timexes[2].span.in(doc.text) == "March");

  REQUIRE(doc.events.size() == 3);
  // "&amp;" is one byte of decoded text: "said" starts at byte 14, not 18.
  CHECK(doc.events[0].span == Span{14, 18});
  CHECK(doc.events[0].span.in(doc.text) == "said");
  CHECK(doc.events[0].event_class == chronicle::EventClass::reporting);
  CHECK(doc.events[0].instance_id == "ei1");
  CHECK(doc.events[0].tense == chronicle::Tense::past);
  CHECK(doc.events[1].aspect == chronicle::Aspect::perfective);
  CHECK(doc.events[2].tense == chronicle::Tense::future);
  REQUIRE(doc.signals.size() == 1);
  CHECK(doc.signals[0].span.in(doc.text) == "in");

  REQUIRE(doc.instances.size() == 3);
  CHECK(doc.instances[1].id == "ei2");
  CHECK(doc.instances[1].event_id == "e2");
  CHECK(doc.instances[1].pos == chronicle::PartOfSpeech::verb);

  REQUIRE(doc.tlinks.size() == 7);
  CHECK(doc.tlinks[0].link.relation == chronicle::Relation::is_included);
  CHECK(doc.tlinks[0].link.from == "ei1");
  CHECK_FALSE(doc.tlinks[0].from_time);
  CHECK(doc.tlinks[0].to_time);
  CHECK(doc.tlinks[2].signal_id == "s1");
  CHECK(doc.tlinks[5].from_time);
  CHECK(doc.tlinks[5].link.from == "t3");
  REQUIRE(doc.slinks.size() == 1);
  CHECK(doc.slinks[0].attributes.at(1).value == "EVIDENTIAL");

  REQUIRE(doc.text_markup.size() == 1);
  CHECK(doc.text_markup[0].raw == "&amp;");
  CHECK(doc.text_markup[0].span == Span{7, 8});

  CHECK(doc.find_timex("t0") == &*doc.dct);
  CHECK(doc.find_timex("t2") == &doc.timexes[1]);
  CHECK(doc.find_event("e3") == &doc.events[2]);
  CHECK(doc.find_instance("ei3") == &doc.instances[2]);
  CHECK(doc.find_instance("ei9") == nullptr);
}

TEST_CASE("reads TempEval-3 input files: DCT and raw TEXT", "[timeml]") {
  const auto xml = slurp(data_dir + "harbour_ferry.TE3input");
  const auto doc = tml::read(xml, "harbour_ferry.TE3input");
  CHECK(doc.id == "harbour_ferry");
  REQUIRE(doc.dct);
  CHECK(doc.dct->value.str() == "2013-03-22");
  CHECK(doc.dct_text == "March 22, 2013");
  CHECK(doc.title == "Ferry & tug collide in harbour");
  CHECK(doc.timexes.empty());
  CHECK(doc.events.empty());
  CHECK(doc.tlinks.empty());
  // Entities decoded, numeric references as UTF-8.
  CHECK(doc.text.find("A ferry & a tug") != std::string::npos);
  CHECK(doc.text.find("\"Nobody was hurt,\"") != std::string::npos);
  CHECK(doc.text.find("3 < 4 boats > were") != std::string::npos);
  CHECK(doc.text.find("delayed \xE2\x80\x94 some") != std::string::npos);
  CHECK(doc.text.find("Caf\xC3\xA9 owners") != std::string::npos);
  CHECK(doc.text_markup.size() == 7);  // the TITLE's &amp; is not TEXT

  // Written back, the TEXT character data is byte-identical, references included.
  const auto out = tml::write(doc);
  CHECK(raw_text_data(out) == raw_text_data(xml));
  CHECK(tml::read(out).text == doc.text);
}

TEST_CASE("tolerates attribute order, whitespace, quotes, CRLF and a missing declaration",
          "[timeml]") {
  const auto doc = tml::read(slurp(data_dir + "harbour_ferry_crlf.TE3input"));
  CHECK(doc.id == "harbour_ferry");
  REQUIRE(doc.dct);
  CHECK(doc.dct->value.str() == "2013-03-22");
  CHECK(doc.dct->id == "t0");
  CHECK(doc.dct->type == chronicle::TimexType::date);
  // Line ends are character data like any other: kept as they are.
  CHECK(doc.text.substr(0, 13) == "\r\nPORTSMOUTH ");

  const auto bom = tml::read("\xEF\xBB\xBF" + wrap("x"));
  CHECK(bom.text == "x");
  const auto comments = tml::read("<!-- a --><!DOCTYPE TimeML>\n" + wrap("x") + "<!-- b -->\n");
  CHECK(comments.text == "x");
}

TEST_CASE("annotations may nest; other markup in TEXT is kept and written back", "[timeml]") {
  const std::string text =
      "<P>On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-02-02\">Monday <SIGNAL "
      "sid=\"s1\">morning</SIGNAL></TIMEX3></P><!-- note --> it <EVENT eid=\"e1\" "
      "class=\"OCCURRENCE\"/>rained<![CDATA[ <hard> & ]]>.";
  const auto xml = wrap(text);
  const auto doc = tml::read(xml);
  CHECK(doc.text == "On Monday morning it rained <hard> & .");
  REQUIRE(doc.timexes.size() == 1);
  CHECK(doc.timexes[0].span.in(doc.text) == "Monday morning");
  CHECK(doc.signals.at(0).span.in(doc.text) == "morning");
  REQUIRE(doc.events.size() == 1);
  CHECK(doc.events[0].span == Span{21, 21});
  CHECK(doc.events[0].instance_id.empty());  // no MAKEINSTANCE

  const auto out = tml::write(doc);
  CHECK(raw_text_data(out) == raw_text_data(xml));
  const auto again = tml::read(out);
  CHECK(again.text == doc.text);
  CHECK(again.timexes.at(0).span == doc.timexes[0].span);
  CHECK(again.signals.at(0).span == doc.signals[0].span);
  CHECK(again.events.at(0).span == doc.events[0].span);
  CHECK(tml::write(again) == out);
}

TEST_CASE("keeps MAKEINSTANCEs of absent events, extra attributes and other elements", "[timeml]") {
  const auto xml = wrap(
      "He <EVENT eid=\"e1\" class=\"OCCURRENCE\" stem=\"go\" tense=\"PAST\" "
      "confidence=\"0.5\">went</EVENT>.",
      "<EXTRAINFO>notes <X>&amp;</X></EXTRAINFO>\n"
      "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" tense=\"PAST\" aspect=\"NONE\" polarity=\"NEG\" "
      "pos=\"VERB\" modality=\"would\" cardinality=\"2\"/>\n"
      "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei2\" tense=\"PRESENT\" aspect=\"NONE\" "
      "polarity=\"POS\" pos=\"VERB\"/>\n"
      "<MAKEINSTANCE eventID=\"e9\" eiid=\"ei9\" tense=\"NONE\" aspect=\"NONE\" polarity=\"POS\" "
      "pos=\"NOUN\" note=\"kept\"/>\n"
      "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\" "
      "origin=\"USER\" syntax=\"x\"/>\n<ALINK lid=\"l2\" relType=\"INITIATES\" "
      "eventInstanceID=\"ei1\" relatedToEventInstance=\"ei2\"/>\n");
  const auto doc = tml::read(xml);
  REQUIRE(doc.events.size() == 1);
  const auto& e = doc.events[0];
  CHECK(e.lemma == "go");
  CHECK(e.instance_id == "ei1");  // the first MAKEINSTANCE is folded in
  CHECK(e.polarity == chronicle::Polarity::neg);
  CHECK(e.modality == "would");
  REQUIRE(doc.instances.size() == 3);
  CHECK(doc.instances[0].cardinality == "2");
  CHECK(doc.instances[2].event_id == "e9");
  CHECK(doc.instances[2].extra == tml::Attributes{{"note", "kept"}});
  CHECK(doc.extra_attributes.at("EVENT e1") ==
        tml::Attributes{{"tense", "PAST"}, {"confidence", "0.5"}});
  CHECK(doc.tlinks.at(0).link.provenance == "USER");
  CHECK(doc.tlinks.at(0).extra == tml::Attributes{{"syntax", "x"}});
  REQUIRE(doc.after_text.size() == 1);
  CHECK(doc.after_text[0] == "<EXTRAINFO>notes <X>&amp;</X></EXTRAINFO>");
  REQUIRE(doc.alinks.size() == 1);

  const auto out = tml::write(doc);
  CHECK(out.find("<EXTRAINFO>notes <X>&amp;</X></EXTRAINFO>") != std::string::npos);
  const auto again = tml::read(out);
  CHECK(again.instances.size() == 3);
  CHECK(again.instances[2].extra == doc.instances[2].extra);
  CHECK(again.extra_attributes == doc.extra_attributes);
  CHECK(again.tlinks.at(0).extra == doc.tlinks[0].extra);
  CHECK(again.events.at(0).lemma == "go");
  CHECK(tml::write(again) == out);
}

TEST_CASE("writes a document built by a program", "[timeml]") {
  tml::Document doc;
  doc.id = "built";
  chronicle::Timex dct;
  dct.id = "t0";
  dct.value = chronicle::TimeValue::date(2022, 1, 6);
  dct.function = chronicle::DocumentFunction::creation_time;
  doc.dct = dct;
  doc.dct_text = "Jan. 6, 2022";
  doc.text = "Rain & wind <hit> the coast on Wednesday.";
  chronicle::Timex t;
  t.id = "t1";
  t.span = {31, 40};
  t.value = chronicle::TimeValue::date(2022, 1, 5);
  t.temporal_function = true;
  t.anchor_id = "t0";
  doc.timexes.push_back(t);
  chronicle::Event e;
  e.id = "e1";
  e.instance_id = "ei1";
  e.span = {13, 16};
  e.tense = chronicle::Tense::past;
  doc.events.push_back(e);
  doc.instances.push_back(tml::instance_of(e));
  tml::TLink l;
  l.link = {"l1", "ei1", "t1", chronicle::Relation::is_included, "", 1.0};
  l.to_time = true;
  doc.tlinks.push_back(l);

  const auto out = tml::write(doc);
  CHECK(out.find("<TEXT>Rain &amp; wind &lt;<EVENT eid=\"e1\" class=\"OCCURRENCE\">hit</EVENT>> "
                 "the coast on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2022-01-05\" "
                 "temporalFunction=\"true\" functionInDocument=\"NONE\" anchorTimeID=\"t0\">"
                 "Wednesday</TIMEX3>.</TEXT>") != std::string::npos);
  CHECK(out.find("<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\" tense=\"PAST\" aspect=\"NONE\" "
                 "polarity=\"POS\" pos=\"UNKNOWN\" />") != std::string::npos);
  CHECK(out.find("<TLINK lid=\"l1\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei1\" "
                 "relatedToTime=\"t1\" />") != std::string::npos);
  const auto back = tml::read(out);
  CHECK(back.text == doc.text);
  CHECK(back.events.at(0).span == e.span);
  CHECK(back.timexes.at(0).span == t.span);
  CHECK(back.events.at(0).instance_id == "ei1");

  SECTION("crossing spans cannot be written") {
    doc.events[0].span = {35, 41};  // crosses "Wednesday" [31, 40)
    CHECK_THROWS_AS(tml::write(doc), std::invalid_argument);
  }
  SECTION("spans outside the text cannot be written") {
    doc.timexes[0].span = {31, 400};
    CHECK_THROWS_AS(tml::write(doc), std::invalid_argument);
  }
  SECTION("a tag inside a recorded spelling writes the bytes plainly") {
    doc.text = "caf\xC3\xA9 time";
    doc.text_markup = {{Span{3, 5}, "&#233;"}};
    doc.timexes.clear();
    doc.events[0].span = {4, 5};  // half of the "é"
    const auto w = tml::write(doc);
    CHECK(tml::read(w).text == doc.text);
    CHECK(tml::read(w).events.at(0).span == Span{4, 5});
  }
}

TEST_CASE("malformed input gives an error with file, line and column", "[timeml][errors]") {
  SECTION("unclosed tag") {
    const auto e = read_error(wrap("a <EVENT eid=\"e1\" class=\"STATE\">b\nc"));
    CHECK(e.file() == "bad.tml");
    CHECK(e.line() == 6);
    CHECK(e.column() == 2);
    CHECK(e.message() == "</TEXT> closes <EVENT> opened at line 5, column 9");
    CHECK(std::string(e.what()) == "bad.tml:6:2: " + e.message());
  }
  SECTION("mismatched end tag") {
    const auto e = read_error(wrap("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998\">x</EVENT>"));
    CHECK(e.line() == 5);
    CHECK(e.column() == 50);
  }
  SECTION("bad entities") {
    CHECK(read_error(wrap("AT&T")).message() ==
          "'&' that does not start a reference (write &amp;)");
    const auto e = read_error(wrap("a &foo; b"));
    CHECK(e.message() == "unknown entity &foo;");
    CHECK(e.line() == 5);
    CHECK(e.column() == 9);
    CHECK(read_error(wrap("&#xZZ;")).message() == "bad character reference &#xZZ;");
    CHECK(read_error(wrap("&#0;")).message() ==
          "character reference &#0; is not a character XML allows");
    CHECK(read_error(wrap("&#1114112;")).line() == 5);
    CHECK(read_error(wrap("&#;")).line() == 5);
    CHECK(read_error("<TimeML><DOCID>a &amp b</DOCID></TimeML>").column() == 18);
  }
  SECTION("bad attributes") {
    auto e = read_error(wrap("<TIMEX3 type=\"DATE\" value=\"1998\">x</TIMEX3>"));
    CHECK(e.message() == "<TIMEX3> has no tid attribute");
    CHECK(e.column() == 7);
    e = read_error(wrap("<TIMEX3 tid=\"t1\" type=\"DAY\" value=\"1998\">x</TIMEX3>"));
    CHECK(e.message() == "TIMEX3 type=\"DAY\" is not a TimeML value");
    CHECK(e.column() == 24);
    e = read_error(wrap("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-13\">x</TIMEX3>"));
    CHECK(e.message().rfind("TIMEX3 value=\"1998-13\": ", 0) == 0);
    e = read_error(wrap("<EVENT eid=\"e1\" eid=\"e2\">x</EVENT>"));
    CHECK(e.message() == "attribute eid given twice in <EVENT>");
    e = read_error(wrap("<EVENT eid=e1>x</EVENT>"));
    CHECK(e.message() == "value of attribute eid is not quoted");
    e = read_error(wrap("<EVENT eid=\"e1\" class=\"OCCURRENCE\"", "</TimeML>"));
    CHECK(e.message() == "'<' inside the <EVENT> tag (is it closed?)");
    e = read_error(wrap("x",
                        "<TLINK lid=\"l1\" relType=\"SOON\" eventInstanceID=\"ei1\" "
                        "relatedToTime=\"t0\"/>\n"));
    CHECK(e.message() == "TLINK relType=\"SOON\" is not a TimeML value");
    CHECK(e.line() == 6);
    e = read_error(wrap("x", "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\"/>"));
    CHECK(e.message() == "<TLINK> has neither relatedToEventInstance nor relatedToTime");
    e = read_error(wrap("x",
                        "<MAKEINSTANCE eiid=\"ei1\" eventID=\"e1\" tense=\"PAST\" "
                        "aspect=\"NONE\" polarity=\"MAYBE\" pos=\"VERB\"/>"));
    CHECK(e.message() == "MAKEINSTANCE polarity=\"MAYBE\" is not a TimeML value");
  }
  SECTION("not TimeML") {
    CHECK(read_error("").message() == "no <TimeML> element (empty or not a TimeML file)");
    CHECK(read_error("<html></html>").message() == "expected the <TimeML> element, found <html>");
    CHECK(read_error("hello").message() == "text before the <TimeML> element");
    CHECK(read_error(std::string("\x00\x01\x02<<>>", 7)).line() == 1);
    CHECK(read_error(wrap("x") + "<TimeML/>").message() == "content after </TimeML>");
    CHECK(read_error(wrap("x") + wrap("y")).line() == 8);
    CHECK(read_error("<TimeML><TEXT>a</TEXT><TEXT>b</TEXT></TimeML>").message() ==
          "a second <TEXT> element");
  }
  SECTION("unterminated constructs") {
    CHECK(read_error(wrap("a <!-- b")).message() == "unterminated comment");
    CHECK(read_error(wrap("a <![CDATA[ b")).message() == "unterminated CDATA section");
    CHECK(read_error("<?xml version=\"1.0\"").message() == "unterminated processing instruction");
    CHECK(read_error(wrap("<EVENT eid=\"e1\" class=\"OCCURRENCE\">x</EVENT")).line() == 5);
  }
  SECTION("a file that cannot be opened") {
    try {
      tml::read_file(data_dir + "no-such-file.tml");
      FAIL("no error");
    } catch (const tml::error& e) {
      CHECK(e.file() == data_dir + "no-such-file.tml");
      CHECK(e.line() == 0);
    }
  }
}

TEST_CASE("every truncation of a file is an error, never a crash", "[timeml][errors]") {
  const auto xml = slurp(data_dir + "acquisition.tml");
  const auto end = xml.rfind("</TimeML>") + 9;
  std::size_t errors = 0;
  for (std::size_t n = 0; n < end; ++n) {
    try {
      tml::read(xml.substr(0, n), "cut.tml");
    } catch (const tml::error& e) {
      ++errors;
      CHECK(e.line() >= 1);
      CHECK(e.column() >= 1);
    }
  }
  CHECK(errors == end);  // every cut before </TimeML> is malformed
  CHECK_NOTHROW(tml::read(xml.substr(0, end)));
}

TEST_CASE("deeply nested tags are read without recursion", "[timeml][errors]") {
  constexpr int depth = 200000;
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "<b>";
    close += "</b>";
  }
  SECTION("well formed, in TEXT") {
    const auto doc = tml::read(wrap(open + "x" + close));
    CHECK(doc.text == "x");
    CHECK(doc.text_markup.size() == 2 * depth);
  }
  SECTION("well formed, outside TEXT") {
    const auto doc = tml::read(wrap("x", "<EXTRAINFO>" + open + close + "</EXTRAINFO>"));
    CHECK(doc.after_text.size() == 1);
  }
  SECTION("unclosed") {
    const auto e = read_error(wrap(open + "x"));
    CHECK(e.message() ==
          "</TEXT> closes <b> opened at line 5, column " + std::to_string(7 + 3 * (depth - 1)));
    CHECK(read_error("<TimeML><X>" + open).message().rfind("unexpected end of file", 0) == 0);
  }
  SECTION("nested annotations") {
    std::string events, ends;
    for (int i = 0; i < 1000; ++i) {
      events += "<EVENT eid=\"e" + std::to_string(i) + "\" class=\"STATE\">";
      ends += "</EVENT>";
    }
    const auto doc = tml::read(wrap(events + "x" + ends));
    REQUIRE(doc.events.size() == 1000);
    CHECK(doc.events[999].span == Span{0, 1});
    CHECK(tml::read(tml::write(doc)).events.size() == 1000);
  }
}

TEST_CASE("without_annotations gives what a system reads", "[timeml]") {
  const auto gold = tml::read_file(data_dir + "acquisition.tml");
  const auto input = tml::without_annotations(gold);
  CHECK(input.text == gold.text);
  CHECK(input.id == gold.id);
  REQUIRE(input.dct);
  CHECK(input.dct->value == gold.dct->value);
  CHECK(input.timexes.empty());
  CHECK(input.events.empty());
  CHECK(input.instances.empty());
  CHECK(input.signals.empty());
  CHECK(input.tlinks.empty());
  CHECK(input.slinks.empty());
  const auto xml = tml::write(input);
  CHECK(xml.find("<EVENT") == std::string::npos);
  CHECK(xml.find("Smith &amp; Sons said Monday") != std::string::npos);

  const auto task_c = tml::without_annotations(gold, {true, true});
  CHECK(task_c.timexes.size() == 3);
  CHECK(task_c.events.size() == 3);
  CHECK(task_c.instances.size() == 3);
  CHECK(task_c.tlinks.empty());
  CHECK(task_c.signals.empty());
  const auto timexes_only = tml::without_annotations(gold, {true, false});
  CHECK(timexes_only.timexes.size() == 3);
  CHECK(timexes_only.events.empty());
}

// Fuzzing (fuzz_timeml) found that text between top-level elements was kept with the
// whitespace around it, and write() adds its own: each read and write grew the file.
TEST_CASE("stray top-level text is written the same way after every round trip", "[timeml]") {
  const std::string xml =
      "<TimeML>\r\n\x9e<DOCID>d</DOCID>\r\n<TEXT>A ferry sank.</TEXT>\n"
      "  stray\t\n</TimeML>\n";
  const tml::Document doc = tml::read(xml, "stray.tml");
  REQUIRE(doc.before_text.size() == 1);
  CHECK(doc.before_text[0] == "\x9e");
  REQUIRE(doc.after_text.size() == 1);
  CHECK(doc.after_text[0] == "stray");
  const std::string once = tml::write(doc);
  const std::string twice = tml::write(tml::read(once, "once.tml"));
  CHECK(twice == once);
}

// fuzz_timeml: a DCT TIMEX3 with tid="" was read, and the pipeline's graph then refused the
// node ("a node needs a non-empty id"). An empty id is a malformed file, said where.
TEST_CASE("empty ids are errors with line and column", "[timeml][errors]") {
  const auto e = read_error(
      "<TimeML>\n<DCT><TIMEX3 tid=\"\" type=\"DATE\" value=\"2022-01-06\">x</TIMEX3></DCT>\n"
      "<TEXT>a</TEXT></TimeML>");
  CHECK(e.line() == 2);
  CHECK(e.message() == "<TIMEX3> has an empty tid");
  CHECK(read_error(wrap("<EVENT eid=\"\" class=\"STATE\">x</EVENT>")).message() ==
        "<EVENT> has an empty eid");
  CHECK(read_error(wrap("x",
                        "<TLINK lid=\"\" relType=\"BEFORE\" timeID=\"t0\" "
                        "relatedToTime=\"t0\"/>"))
            .message() == "<TLINK> has an empty lid");
  // fuzz_timeml again: a TLINK to relatedToTime="" reached Graph::of as a link to no node.
  CHECK(read_error(wrap("x",
                        "<TLINK lid=\"l1\" relType=\"BEFORE\" timeID=\"t0\" "
                        "relatedToTime=\"\"/>"))
            .message() == "<TLINK> has an empty relatedToTime");
  CHECK(read_error(wrap("x",
                        "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"\" "
                        "relatedToTime=\"t0\"/>"))
            .message() == "<TLINK> has an empty eventInstanceID");
}
