// The news corpus generator: vocabulary, templates and the story assembler.
//
// Templates are plain strings with three kinds of markup, expanded by Story::expand():
//   {slot}   replaced by what the slot function returns; {Slot} capitalizes the result
//   [word]   an event word: written as is and counted in Stats::events
//   <words>  a temporal expression written literally: counted in Stats::timexes
// Slot functions that write temporal expressions or numbers count them themselves.
#include "news_corpus.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "chronicle/detail/utf8_append.hpp"

namespace chronicle::corpus {

// ---------------------------------------------------------------------------------------------
// Rng

namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  for (auto& s : s_) s = splitmix64(seed);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Reject the top partial block of 2^64 so that every residue is equally likely.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t x = next();
  while (x >= limit) x = next();
  return x % n;
}

int Rng::between(int lo, int hi) {
  return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

bool Rng::chance(int percent) {
  return static_cast<int>(below(100)) < percent;
}

Stats& Stats::operator+=(const Stats& o) {
  documents += o.documents;
  bytes += o.bytes;
  timexes += o.timexes;
  events += o.events;
  numbers += o.numbers;
  return *this;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01), proleptic Gregorian.

struct Day {
  int year, month, day;
};

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int month_length(int y, int m) {
  static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : lengths[m - 1];
}

// Leap days in years 1 .. y-1 (for y >= 1).
long leap_days_before(int y) {
  return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
}

long day_of_year(int y, int m, int d) {
  long n = d - 1;
  for (int i = 1; i < m; ++i) n += month_length(y, i);
  return n;
}

long day_number(const Day& x) {
  const auto ordinal = [](int y) { return 365L * (y - 1) + leap_days_before(y); };
  return ordinal(x.year) - ordinal(1970) + day_of_year(x.year, x.month, x.day);
}

Day from_day_number(long n) {
  Day d{1970, 1, 1};
  while (n < 0) {
    --d.year;
    n += leap(d.year) ? 366 : 365;
  }
  while (n >= (leap(d.year) ? 366 : 365)) {
    n -= leap(d.year) ? 366 : 365;
    ++d.year;
  }
  while (n >= month_length(d.year, d.month)) {
    n -= month_length(d.year, d.month);
    ++d.month;
  }
  d.day = static_cast<int>(n) + 1;
  return d;
}

// 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday.
int weekday(long n) {
  return static_cast<int>(((n % 7) + 7 + 4) % 7);
}

constexpr const char* weekday_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
constexpr const char* month_names[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
// AP style abbreviates the long months and keeps March-July whole; Reuters and AFP drop the
// period.
constexpr const char* month_ap[] = {"Jan.", "Feb.", "March", "April", "May",  "June",
                                    "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
constexpr const char* month_wire[] = {"Jan",  "Feb", "March", "April", "May", "June",
                                      "July", "Aug", "Sept",  "Oct",   "Nov", "Dec"};

constexpr const char* number_words[] = {"zero", "one",   "two",   "three", "four", "five",
                                        "six",  "seven", "eight", "nine",  "ten"};
constexpr const char* ordinal_words[] = {"first", "second", "third",   "fourth",
                                         "fifth", "sixth",  "seventh", "eighth"};

std::string two_digits(int v) {
  std::string s = std::to_string(v);
  return v < 10 ? "0" + s : s;
}

// AP numerals: words for one to nine, digits from 10.
std::string ap_number(int v) {
  return v >= 0 && v < 10 ? number_words[v] : std::to_string(v);
}

// 1234567 -> "1,234,567".
std::string with_commas(long v) {
  std::string digits = std::to_string(v);
  std::string out;
  const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first);
  for (std::size_t i = first; i < digits.size(); i += 3) {
    out += ',';
    out.append(digits, i, 3);
  }
  return out;
}

void capitalize(std::string& s) {
  // Capitalize the first letter, looking past an opening quote (ASCII or UTF-8 curly).
  std::size_t i = 0;
  if (s.size() > i && s[i] == '"') ++i;
  if (s.size() > i + 2 && s.compare(i, 3, "\xE2\x80\x9C") == 0) i += 3;
  if (i < s.size() && s[i] >= 'a' && s[i] <= 'z') s[i] = static_cast<char>(s[i] - 'a' + 'A');
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: names, places, organizations. Invented or generic; real places are facts.

constexpr const char* first_names[] = {
    "Anna",   "David", "Maria", "James", "Aigerim", "Sergei", "Fatima",  "Wei",     "Carlos",
    "Priya",  "Ahmed", "Olga",  "John",  "Elena",   "Kwame",  "Yuki",    "Omar",    "Sofia",
    "Daniel", "Leila", "Mark",  "Nadia", "Luis",    "Hannah", "Ivan",    "Grace",   "Tomás",
    "Zoë",    "José",  "Ngozi", "Ruth",  "Pavel",   "Amina",  "Michael", "Sarah",   "Ali",
    "Irina",  "Peter", "Lucía", "April", "June",    "Rashid", "Mei",     "Bongani", "Ingrid"};
constexpr const char* last_names[] = {
    "Petrova", "Smith",  "Nurlanov", "Garcia",     "Okafor",    "Kim",      "Ivanov",    "Haddad",
    "Tanaka",  "Müller", "Novak",    "Johnson",    "Mensah",    "Silva",    "Rahman",    "Kowalski",
    "Brown",   "Chen",   "Lopez",    "Yilmaz",     "Nguyen",    "Abdullah", "Andersson", "Rossi",
    "Dubois",  "Clarke", "Baker",    "Suleimenov", "Fernández", "O'Brien",  "Park",      "Mwangi",
    "Popescu", "Cohen",  "Schmidt",  "Walker",     "Ortiz",     "Sato",     "Hussain",   "May",
    "Friday",  "Moreau", "Adeyemi",  "Sokolova",   "Bauer",     "Tran",     "Kaplan",    "Reyes"};

constexpr const char* upper_titles[] = {"President",
                                        "Prime Minister",
                                        "Foreign Minister",
                                        "Interior Minister",
                                        "Defense Minister",
                                        "Finance Minister",
                                        "Health Minister",
                                        "Mayor",
                                        "Gov.",
                                        "Sen.",
                                        "Gen.",
                                        "Judge"};
constexpr const char* lower_roles[] = {"spokesman",       "spokeswoman",     "senior official",
                                       "deputy minister", "police official", "analyst",
                                       "lawmaker",        "adviser"};
constexpr const char* occupations[] = {"a teacher",       "a taxi driver", "a shopkeeper",
                                       "a nurse",         "a student",     "an engineer",
                                       "a retired miner", "a farmer",      "a pharmacist",
                                       "a bus driver",    "an accountant", "a baker"};

struct Place {
  const char* caps;     // the dateline spelling
  const char* name;     // the body spelling
  const char* country;  // "in Kazakhstan"
  const char* region;   // AP dateline's second part; "" for cities that stand alone
  const char* adjective;
};

constexpr Place places[] = {
    {"ALMATY", "Almaty", "Kazakhstan", "Kazakhstan", "Kazakh"},
    {"MOSCOW", "Moscow", "Russia", "", "Russian"},
    {"KYIV", "Kyiv", "Ukraine", "Ukraine", "Ukrainian"},
    {"BEIRUT", "Beirut", "Lebanon", "", "Lebanese"},
    {"NAIROBI", "Nairobi", "Kenya", "Kenya", "Kenyan"},
    {"LAGOS", "Lagos", "Nigeria", "Nigeria", "Nigerian"},
    {"MANILA", "Manila", "the Philippines", "Philippines", "Philippine"},
    {"JAKARTA", "Jakarta", "Indonesia", "Indonesia", "Indonesian"},
    {"SANTIAGO", "Santiago", "Chile", "Chile", "Chilean"},
    {"LIMA", "Lima", "Peru", "Peru", "Peruvian"},
    {"BOGOTA", "Bogota", "Colombia", "Colombia", "Colombian"},
    {"ANKARA", "Ankara", "Turkey", "Turkey", "Turkish"},
    {"BAGHDAD", "Baghdad", "Iraq", "", "Iraqi"},
    {"ISLAMABAD", "Islamabad", "Pakistan", "Pakistan", "Pakistani"},
    {"NEW DELHI", "New Delhi", "India", "", "Indian"},
    {"DHAKA", "Dhaka", "Bangladesh", "Bangladesh", "Bangladeshi"},
    {"BANGKOK", "Bangkok", "Thailand", "", "Thai"},
    {"HANOI", "Hanoi", "Vietnam", "Vietnam", "Vietnamese"},
    {"SEOUL", "Seoul", "South Korea", "South Korea", "South Korean"},
    {"TOKYO", "Tokyo", "Japan", "", "Japanese"},
    {"BEIJING", "Beijing", "China", "", "Chinese"},
    {"SYDNEY", "Sydney", "Australia", "", "Australian"},
    {"CAIRO", "Cairo", "Egypt", "", "Egyptian"},
    {"TUNIS", "Tunis", "Tunisia", "Tunisia", "Tunisian"},
    {"ADDIS ABABA", "Addis Ababa", "Ethiopia", "Ethiopia", "Ethiopian"},
    {"JOHANNESBURG", "Johannesburg", "South Africa", "", "South African"},
    {"BERLIN", "Berlin", "Germany", "", "German"},
    {"PARIS", "Paris", "France", "", "French"},
    {"MADRID", "Madrid", "Spain", "", "Spanish"},
    {"ROME", "Rome", "Italy", "", "Italian"},
    {"WARSAW", "Warsaw", "Poland", "", "Polish"},
    {"LONDON", "London", "Britain", "", "British"},
    {"BRUSSELS", "Brussels", "Belgium", "", "Belgian"},
    {"MEXICO CITY", "Mexico City", "Mexico", "", "Mexican"},
    {"BRASILIA", "Brasilia", "Brazil", "Brazil", "Brazilian"},
    {"OTTAWA", "Ottawa", "Canada", "Ontario", "Canadian"},
    {"WASHINGTON", "Washington", "the United States", "", "U.S."},
    {"DENVER", "Denver", "the United States", "", "U.S."},
    {"SAN JUAN", "San Juan", "Puerto Rico", "Puerto Rico", "Puerto Rican"},
    {"TBILISI", "Tbilisi", "Georgia", "Georgia", "Georgian"},
};

constexpr const char* organizations[] = {
    "the United Nations", "the Interior Ministry",   "the Health Ministry",  "the World Bank",
    "the Red Cross",      "Amnesty International",   "the State Department", "the European Union",
    "the central bank",   "the election commission", "the Foreign Ministry", "the African Union"};
constexpr const char* outlets[] = {"state television",  "local media", "the state news agency",
                                   "a local newspaper", "reporters",   "a radio station"};
constexpr const char* companies[] = {"Northwind Holdings", "Brightwater Energy", "Meridian Motors",
                                     "Kestrel Airlines",   "Bluepeak Mining",    "Halcyon Bank",
                                     "Redline Telecom",    "Orchard Foods",      "Silverline Steel",
                                     "Tessellate Software"};
constexpr const char* photo_agencies[] = {
    "EPA-EFE", "AP", "Reuters", "AFP", "Getty Images", "Anadolu Agency", "Xinhua"};

// ---------------------------------------------------------------------------------------------
// Topics: what a story is about, with the templates and words that only fit that subject.

struct Topic {
  std::vector<const char*> headlines;  // no final period
  std::vector<const char*> leads;      // the sentence after the dateline
  std::vector<const char*> clauses;    // a past-tense clause with its subject, lowercase
  std::vector<const char*> tolls;      // counts and amounts, as a clause
  std::vector<const char*> actions;    // a predicate whose subject is an official
  std::vector<const char*> habits;     // a sentence with a SET expression, no final period
  std::vector<const char*> futures;    // a clause about what comes next
  std::vector<const char*> captions;   // present tense, no place or time yet
  std::vector<const char*> quotes;     // no final punctuation
  std::vector<const char*> nouns;      // event nouns (counted as events)
  std::vector<const char*> actors;     // plural groups
  std::vector<const char*> topics;     // what the story is over: "fuel prices", "trade"
};

const std::vector<Topic>& topics() {
  static const std::vector<Topic> all = {
      // Unrest
      {{"Protesters and police [clash] as [unrest] [spreads] across {country}",
        "{Country} [declares] state of emergency after days of [protests]",
        "Dozens [detained] in {city} as anger over {subject} [grows]",
        "Security forces [fire] tear gas at [protesters] in {city}",
        "Deadly [clashes] [erupt] in {country} over {subject}"},
       {"{Actors} [clashed] with security forces in {city} {when_past} as [protests] over "
        "{subject} [spread] to other cities{attrib}.",
        "Police [fired] tear gas and rubber bullets at thousands of {actors} who had [gathered] "
        "in central {city} {when_past}{attrib}.",
        "At least {small_number} people were [killed] and {people_count} [detained] {when_past} "
        "as {actors} [stormed] government buildings in {city}{attrib}.",
        "The government of {country} [resigned] {when_past} after {duration_plain} of "
        "[protests] over {subject}{attrib}."},
       {"{actors} [set] fire to police vehicles near the main square",
        "riot police [dispersed] a crowd of {people_count} outside the parliament building",
        "{actors} [blocked] the main highway into {city}",
        "security forces [arrested] several opposition leaders",
        "the authorities [cut] internet access across the country",
        "{actors} [marched] on the presidential residence"},
       {"{count} people have been [injured] and {small_number} police officers [killed]",
        "more than {count} people have been [detained]",
        "{small_number} of the {count} people [arrested] were later [released]"},
       {"[declared] a state of emergency in {city} until at least {date_future}",
        "[imposed] a curfew from {clock_plain} to {clock_plain}",
        "[promised] to [freeze] {subject} until {date_future}",
        "[dismissed] the cabinet and [appointed] an acting prime minister"},
       {"{Actors} have [rallied] outside the parliament {set_weekly}",
        "Opposition groups have [marched] through {city} {set_weekly} {year_since}"},
       {"opposition leaders [called] for a general [strike] {future}",
        "{actors} [vowed] to [return] to the streets {future}"},
       {"Riot police [stand] guard outside the city hall", "{Actors} [march] through the center",
        "A burned-out car [sits] on a street"},
       {"We are not going anywhere until the government [listens] to us",
        "Nobody [expected] it to [turn] this violent",
        "Our officers [showed] restraint, but we will [restore] order"},
       {"protest", "protests", "demonstration", "unrest", "clashes", "riots", "crackdown", "rally",
        "strike", "march"},
       {"protesters", "demonstrators", "opposition supporters", "students", "workers", "residents"},
       {"fuel prices", "food prices", "a disputed election", "corruption", "a new tax",
        "pension cuts"}},
      // Election
      {{"{Country} [votes] in tight presidential [election]",
        "Opposition [claims] [victory] in {country} [runoff]",
        "Early [results] [show] incumbent ahead in {country}",
        "Turnout [surges] as {country} [votes] on new constitution"},
       {"Voters in {country} [cast] ballots {when_past} in a presidential [election] seen as a "
        "test for the ruling party{attrib}.",
        "The opposition [claimed] [victory] {when_past} in {country}'s parliamentary "
        "[election], <hours> before official [results] were [due]{attrib}.",
        "{Official} [conceded] [defeat] {when_past} after early [results] [showed] a gap of "
        "{percent}{attrib}."},
       {"the election commission [reported] a [turnout] of {percent}",
        "observers [said] they had [found] no major [irregularities]",
        "the ruling party [won] {small_number} of the {seats} seats",
        "{actors} [lined] up outside polling stations",
        "the opposition [rejected] the preliminary [results]"},
       {"{people_count} [voted] in the first round", "turnout [reached] {percent}",
        "the winner [took] {percent} of the [vote]"},
       {"[called] early [elections] for {date_future}", "[signed] the new electoral law",
        "[promised] a [recount] in {small_number} districts"},
       {"{Country} [holds] presidential [elections] {set_years}",
        "The commission [publishes] partial [results] {set_daily} during the [count]"},
       {"a [runoff] will be [held] {future}", "the new parliament is [due] to [convene] {future}"},
       {"Voters [wait] in line at a polling station", "Election workers [count] ballots",
        "Supporters of the opposition [celebrate]"},
       {"The people have [spoken], and we [accept] their decision",
        "Every vote will be [counted], however long it [takes]",
        "We [saw] long lines everywhere we [went]"},
       {"election", "vote", "runoff", "ballot", "campaign", "referendum", "count", "inauguration",
        "debate", "victory"},
       {"voters", "supporters", "election observers", "opposition parties", "poll workers"},
       {"the new constitution", "presidential term limits", "a disputed count",
        "voter registration"}},
      // Disaster
      {{"Powerful [earthquake] [strikes] {country}, dozens [feared] [dead]",
        "Thousands [flee] as [wildfire] [spreads] near {city}",
        "[Floods] [leave] trail of destruction in {country}",
        "Death toll [rises] after [landslide] in {country}"},
       {"A magnitude {magnitude} [earthquake] [struck] {country} {when_past}, [collapsing] "
        "buildings and [killing] at least {small_number} people{attrib}.",
        "Heavy rain [triggered] [floods] and [landslides] across {country} {when_past}, "
        "[forcing] {people_count} from their homes{attrib}.",
        "Firefighters [battled] a fast-moving [wildfire] outside {city} {when_past} as strong "
        "winds [pushed] the flames toward homes{attrib}."},
       {"{actors} [pulled] {small_number} survivors from the rubble",
        "the [storm] [knocked] out power to {homes}", "a bridge [collapsed] on {route}",
        "authorities [ordered] the [evacuation] of {small_number} villages",
        "{actors} [searched] collapsed buildings for the [missing]"},
       {"{small_number} people [died] and {people_count} were [injured]",
        "{homes} were [destroyed] or [damaged]"},
       {"[declared] a national day of [mourning]", "[pledged] {money} in emergency [aid]",
        "[ordered] schools to [close] {future}"},
       {"Aftershocks have [shaken] the region {set_freq}",
        "Rescue teams [rotate] {set_freq} to [rest]"},
       {"more rain is [forecast] {future}", "the [search] will [continue] {future}"},
       {"Rescue workers [search] the rubble of a collapsed building",
        "Residents [wade] through a flooded street", "Smoke [rises] over the hills"},
       {"The water [came] so fast we could only [grab] the children",
        "We are still [hearing] voices under the rubble",
        "I have [lived] here all my life and never [saw] anything like it"},
       {"earthquake", "storm", "flood", "wildfire", "landslide", "evacuation", "aftershock",
        "blackout", "cyclone", "rescue"},
       {"rescuers", "residents", "firefighters", "volunteers", "aid workers", "villagers"},
       {"the relief effort", "rebuilding", "the warning system", "the dam"}},
      // Economy
      {{"Stocks [tumble] as [inflation] fears [grip] markets",
        "{Company} to [cut] {jobs} [jobs] after weak [earnings]",
        "{Country}'s central bank [raises] rates for the third time <this year>",
        "{Company} [agrees] {money} [takeover] of rival"},
       {"Shares of {company} [fell] {percent} {when_past} after the company [reported] a "
        "[loss] of {money} for {quarter}{attrib}.",
        "{Country}'s central bank [raised] its key interest rate by {bps} {when_past}, its "
        "{ordinal} [increase] {rel_year}{attrib}.",
        "{Company} [agreed] {when_past} to [buy] rival {company} for {money}{attrib}."},
       {"the benchmark index [closed] down {percent}",
        "{company} [announced] plans to [cut] {jobs} jobs",
        "inflation [rose] to {percent}, its highest level {year_since}",
        "the currency [lost] {percent} of its value against the dollar"},
       {"{company} [posted] revenue of {money}", "the [deal] is [valued] at {money}",
        "the index has [lost] {percent}"},
       {"[announced] a {money} stimulus [package]", "[cut] fuel taxes {duration_for}",
        "[froze] prices on basic goods until {date_future}"},
       {"The central bank [sets] interest rates {set_months}",
        "The statistics office [publishes] inflation figures {set_months}"},
       {"the company will [report] [results] for {quarter} {future}",
        "the [merger] is [expected] to [close] {future_quarter}"},
       {"Traders [work] on the floor of the stock exchange", "Shoppers [browse] at a market",
        "Workers [assemble] cars at a plant"},
       {"Nobody [knows] where the bottom is",
        "We [see] the pressure on prices [easing] only gradually",
        "It was a difficult quarter, but the fundamentals [remain] strong"},
       {"sell-off", "rally", "earnings", "merger", "deal", "layoffs", "inflation", "recession",
        "rate hike", "strike"},
       {"investors", "traders", "shareholders", "analysts", "workers", "consumers"},
       {"interest rates", "the budget deficit", "energy prices", "the currency"}},
      // Diplomacy
      {{"{Country} and {country2} [agree] to [resume] [talks]",
        "[Summit] [ends] without [deal] on {subject}",
        "Foreign ministers [meet] in {city} as tensions [rise]",
        "New [sanctions] [target] {country}'s energy sector"},
       {"Foreign ministers from {small_number} countries [met] in {city} {when_past} to "
        "[discuss] {subject}{attrib}.",
        "{Official} [arrived] in {city} {when_past} for [talks] on {subject}, the first such "
        "[visit] {year_since}{attrib}.",
        "{Country} and {country2} [signed] an [agreement] {when_past} to [end] a [dispute] over "
        "{subject}{attrib}."},
       {"the two sides [failed] to [agree] on a joint statement",
        "{country2} [recalled] its ambassador", "the delegations [exchanged] draft proposals",
        "the ministers [called] for an immediate [ceasefire]"},
       {"the [agreement] [covers] trade worth {money} <a year>",
        "{small_number} countries have [signed] the [treaty]"},
       {"[urged] both sides to [return] to the negotiating table {future}",
        "[announced] [sanctions] on {small_number} officials",
        "[withdrew] from the [treaty] {when_past}"},
       {"The two countries have [held] [talks] {set_twice} {year_since}",
        "Envoys [meet] {set_twice} to [review] the [ceasefire]"},
       {"the next round of [talks] is [scheduled] for {date_future}",
        "the [summit] will [resume] {future}"},
       {"Foreign ministers [pose] for a group photo", "Delegates [arrive] for the [talks]",
        "{Official} [speaks] at a news conference"},
       {"We [made] progress, but there is still a long way to go",
        "Dialogue is the only way forward",
        "We will [judge] them by their actions, not their words"},
       {"talks", "summit", "agreement", "ceasefire", "sanctions", "negotiations", "visit", "treaty",
        "meeting", "deal"},
       {"diplomats", "negotiators", "delegations", "envoys", "ministers"},
       {"border security", "energy supplies", "a prisoner exchange", "trade tariffs",
        "nuclear inspections", "fishing rights", "water rights"}},
      // Courts
      {{"Former minister [sentenced] to {years_term} in prison",
        "Jury [finds] {person} guilty of [fraud]",
        "Court [blocks] government plan to [sell] state airline",
        "{Person} [pleads] not guilty to [corruption] charges"},
       {"A court in {city} [sentenced] former {role} {person} to {years_term} in prison "
        "{when_past} for [accepting] bribes{attrib}.",
        "Prosecutors [charged] {small_number} people {when_past} in connection with "
        "{subject}{attrib}.",
        "The Supreme Court [ruled] {when_past} that the government [acted] unlawfully when it "
        "[suspended] parliament{attrib}."},
       {"the defense [argued] that the evidence was [obtained] illegally",
        "{small_number} witnesses [testified]", "the judge [rejected] a request for bail",
        "the jury [deliberated] {duration_for}"},
       {"the scheme [cost] taxpayers {money}", "{person} [faces] up to {years_term} in prison"},
       {"[ordered] a new [investigation] into the case", "[pardoned] {small_number} prisoners",
        "[appealed] the [ruling]"},
       {"The court [hears] such cases {set_weekly}",
        "Relatives have [protested] outside the courthouse {set_weekly} {year_since}"},
       {"[sentencing] is [set] for {date_future}",
        "the [trial] is [expected] to [last] {duration_plain}"},
       {"{Person} [arrives] at the courthouse", "Protesters [wait] outside the court",
        "Lawyers [speak] to reporters"},
       {"Justice has been [done] today", "We will [appeal] this decision all the way",
        "My client has always [maintained] his innocence"},
       {"trial", "verdict", "hearing", "ruling", "investigation", "lawsuit", "appeal", "indictment",
        "sentencing", "arrest"},
       {"prosecutors", "defense lawyers", "jurors", "witnesses", "family members"},
       {"a bank fraud scheme", "the killing of a journalist", "a bribery scandal",
        "the theft of state funds"}},
      // Conflict
      {{"[Airstrikes] [hit] {city} as [fighting] [intensifies]",
        "{Small_number} soldiers [killed] in [ambush] near border",
        "Rebels [seize] town in {country}'s north", "[Ceasefire] [collapses] in {country}"},
       {"At least {small_number} civilians were [killed] {when_past} when shells [hit] a market "
        "in {city}{attrib}.",
        "{Actors} [launched] a new [offensive] {when_past} to [retake] territory [lost] "
        "{rel_past}{attrib}.",
        "A car bomb [exploded] near a checkpoint in {city} {when_past}, [killing] "
        "{small_number} people{attrib}."},
       {"the army [said] it had [repelled] the [attack]",
        "{actors} [destroyed] {small_number} armored vehicles",
        "aid convoys were [blocked] at the border", "{people_count} [fled] the area"},
       {"the [fighting] has [killed] {people_count} and [displaced] {population}",
        "{small_number} soldiers were [wounded]"},
       {"[ordered] {troops} troops to the region",
        "[called] for a humanitarian [pause] {duration_for}",
        "[accused] {country2} of [supplying] weapons to the rebels"},
       {"Shelling has [hit] the city {set_freq}",
        "Drones have [flown] over the front line {set_freq}"},
       {"peace [talks] are [due] to [begin] {future}",
        "the [offensive] could [last] {duration_plain}"},
       {"Smoke [rises] after an [airstrike]", "Soldiers [patrol] a street",
        "Displaced families [shelter] in a school"},
       {"We [heard] the first [explosion] and then everything [went] dark",
        "Our forces are [holding] their positions", "There is no safe place left in the city"},
       {"attack", "offensive", "airstrike", "explosion", "fighting", "bombing", "ceasefire",
        "shelling", "ambush", "raid"},
       {"troops", "rebels", "soldiers", "militants", "civilians", "fighters"},
       {"the border region", "the oil fields", "the port", "the northern provinces"}},
      // Health
      {{"{Country} [reports] record [cases] as [outbreak] [spreads]",
        "Schools [close] in {city} amid [measles] [outbreak]",
        "Health officials [lift] [lockdown] in {city}",
        "[Vaccination] [campaign] [begins] in {country}"},
       {"Health officials in {country} [confirmed] {count} new [cases] {when_past}, the highest "
        "daily count {year_since}{attrib}.",
        "{City} [ordered] schools and restaurants [closed] {when_past} to [slow] an [outbreak] "
        "of {subject}{attrib}.",
        "The World Health Organization [declared] the {subject} [outbreak] in {country} over "
        "{when_past}{attrib}."},
       {"hospitals in {city} [reported] {small_number} [deaths]",
        "the ministry [extended] the [quarantine] {duration_for}",
        "{people_count} have [received] a first dose", "{actors} [staged] a [strike] over pay"},
       {"{count} [infections] and {small_number} [deaths] have been [recorded]",
        "{percent} of adults have been [vaccinated]"},
       {"[extended] the [lockdown] until {date_future}", "[announced] {money} for hospitals",
        "[lifted] travel restrictions {when_past}"},
       {"The ministry [publishes] new figures {set_daily}",
        "Mobile clinics [visit] the villages {set_weekly}"},
       {"schools will [reopen] {future}", "a second round of [vaccinations] will [start] {future}"},
       {"A health worker [prepares] a vaccine", "Patients [wait] outside a clinic",
        "Volunteers [distribute] masks"},
       {"We are [seeing] more children in the wards <every day>",
        "<The next two weeks> will be critical",
        "We [ask] everyone to [follow] the rules a little longer"},
       {"outbreak", "cases", "lockdown", "vaccination", "quarantine", "infections", "epidemic",
        "hospitalizations", "deaths", "testing"},
       {"health workers", "doctors", "nurses", "patients", "residents", "parents"},
       {"measles", "cholera", "dengue fever", "influenza", "a new respiratory virus"}},
  };
  return all;
}

// Sentences any topic can use. The topic fills {clause}, {noun}, {actors}, {toll} and the
// rest. Weighted by repetition.
constexpr const char* body_templates[] = {
    "{Clause} {when_past}{attrib}.",
    "{Clause} {when_past}{attrib}.",
    "{Clause} {rel_past}, and {clause} {anchored}{attrib}.",
    "The {noun} [began] {rel_past}, and {clause} {when_past}{attrib}.",
    "{Authority} [said] {when_past} that {toll}.",
    "{Authority} [said] {when_past} that {toll}.",
    "According to {org}, {toll}.",
    "{Official} {action}{attrib}.",
    "{Official} {action}{attrib}.",
    "{Habit}.",
    "{Next}{attrib}.",
    "{Next}{attrib}.",
    "The last time {country} [saw] anything like the {noun} was {year_hist}.",
    "{Clause}{attrib}.",
    "{Clause}{attrib}.",
    "{Clause}, and {clause}.",
    "{Authority} [said] {toll}.",
    "{Toll}, {authority} [said].",
    "It was not immediately clear how many people were [hurt].",
    "{Org} did not [respond] to a request for comment.",
    "The {noun} [drew] [condemnation] from {org}.",
    "Details of the {noun} could not be independently [verified].",
    "{Actors} [said] they [feared] the {noun} would [spread] to {city}.",
    "{Country} is home to about {population} people.",
    "{Official}, who [took] office {year_hist}, has [faced] mounting [criticism] over {subject}.",
    "{Country}, a country of {population} people, [gained] independence {year_hist}.",
    "{Clause} {clock_day}, {authority} [said].",
    "The {noun} [lasted] {duration_plain}, {authority} [said].",
    "{Actors} [spent] {duration_plain} [waiting] for news{attrib}.",
    "{Org} [pledged] {money} in [aid] {when_past}.",
    "Lawmakers [approved] the measure in a {score} [vote] {when_past}.",
    "Traffic on {route} was [halted] {duration_for}{attrib}.",
    "{Clause} {date_past}. {Clause} {anchored}.",
    "{Official} is [scheduled] to [visit] {city} {future}{attrib}.",
    "Investigators are {now} [examining] the cause of the {noun}.",
    "{Official} [arrived] in {city} {date_past} and [left] {anchored}.",
    "The {noun} [came] {rel_past}, {duration_plain} after {clause}.",
    "{Quote_block}",
    "{Quote_block}",
    "{Quote_block}",
    "{Quote_block}",
    "{Clause}, {authority} [said].",
    "{Actors} [said] the {noun} had [left] them [angry] and [afraid].",
    "The {noun} [follows] months of [tension] over {subject}.",
    "{Official} [blamed] the {noun} on {subject}.",
    "Neither side [commented] on the [reports].",
    "{Org} [said] it was [monitoring] the situation in {country} closely.",
    "{Actors} [accused] the authorities of [ignoring] {subject}{attrib}.",
    "{Toll}{attrib}.",
};

// Clauses that fit any topic, mixed with the topic's own.
constexpr const char* shared_clauses[] = {
    "{actors} [gathered] in central {city}",
    "the {noun} [prompted] [calls] for an independent [inquiry]",
    "{official} [met] with representatives of the {actors}",
    "{org} [called] for calm",
    "{official} [visited] {city}",
    "{actors} [demanded] answers about {subject}",
    "{org} [sent] a team to {city}",
    "{official} [cut] short a trip abroad",
};

// ---------------------------------------------------------------------------------------------
// The story assembler.

enum class Agency { ap, upi, reuters, cnn, afp };

class Story {
 public:
  Story(Rng& rng, long dct) : rng_(rng), dct_(dct), today_(from_day_number(dct)) {}

  std::string write(std::size_t target);
  const Stats& stats() const { return stats_; }

 private:
  using SlotFn = std::string (Story::*)();

  std::string expand(std::string_view tmpl);
  std::string slot(std::string_view name);

  const char* pick_text(const std::vector<const char*>& v) { return v[rng_.below(v.size())]; }
  // A template not among the last few used in this story, when the list allows it: wire copy
  // does not repeat a sentence two lines apart.
  template <class List>
  const char* fresh(const List& list) {
    const char* t = nullptr;
    for (int tries = 0; tries < 6; ++tries) {
      t = list[rng_.below(std::size(list))];
      if (std::find(recent_.begin(), recent_.end(), t) == recent_.end()) break;
    }
    recent_[recent_next_++ % recent_.size()] = t;
    return t;
  }
  std::string timex(std::string s) {
    ++stats_.timexes;
    return s;
  }
  std::string number(std::string s) {
    ++stats_.numbers;
    return s;
  }

  // Dates and their spellings.
  std::string month_day(const Day& d, bool with_year);
  std::string weekday_of(long n) const { return weekday_names[weekday(n)]; }
  std::string clock_text();

  // Paragraph kinds.
  std::string headline();
  std::string caption();
  std::string dateline();
  std::string quote_block();
  std::string ending();

  // Slots: temporal expressions.
  std::string when_past();
  std::string clock();
  std::string clock_plain();
  std::string clock_day();
  std::string date_past();
  std::string date_future();
  std::string rel_past();
  std::string anchored();
  std::string future_when();
  std::string duration_plain();
  std::string duration_for();
  std::string year_hist();
  std::string year_since();
  std::string rel_year();
  std::string quarter();
  std::string future_quarter();
  std::string years_term();
  std::string set_weekly();
  std::string set_daily();
  std::string set_years();
  std::string set_months();
  std::string set_freq();
  std::string set_twice();
  std::string now();
  // Slots: numbers that are not times.
  std::string small_number();
  std::string count();
  std::string people_count();
  std::string population();
  std::string money();
  std::string percent();
  std::string bps();
  std::string score();
  std::string route();
  std::string homes();
  std::string jobs();
  std::string seats();
  std::string troops();
  std::string magnitude();
  // Slots: names, places, topic words.
  std::string person();
  std::string official();
  std::string role() { return rng_.pick(lower_roles); }
  std::string city() { return place_->name; }
  std::string country() { return place_->country; }
  std::string country2();
  std::string org() { return rng_.pick(organizations); }
  std::string company() { return rng_.pick(companies); }
  std::string authority();
  std::string attrib();
  std::string ordinal() { return ordinal_words[rng_.between(1, 5)]; }
  std::string noun();
  std::string actors() { return pick_text(topic_->actors); }
  std::string subject() { return pick_text(topic_->topics); }
  std::string clause() {
    return expand(rng_.chance(30) ? fresh(shared_clauses) : fresh(topic_->clauses));
  }
  std::string toll() { return expand(fresh(topic_->tolls)); }
  std::string action() { return expand(fresh(topic_->actions)); }
  std::string habit() { return expand(fresh(topic_->habits)); }
  std::string next() { return expand(fresh(topic_->futures)); }
  std::string quote() { return expand(fresh(topic_->quotes)); }

  static const std::unordered_map<std::string_view, SlotFn>& slots();

  Rng& rng_;
  Stats stats_;
  long dct_;
  Day today_;
  Agency agency_ = Agency::ap;
  const Topic* topic_ = nullptr;
  const Place* place_ = nullptr;
  const char* open_quote_ = "\"";
  const char* close_quote_ = "\"";
  std::array<const char*, 8> recent_{};
  std::size_t recent_next_ = 0;
};

const std::unordered_map<std::string_view, Story::SlotFn>& Story::slots() {
  static const std::unordered_map<std::string_view, SlotFn> table = {
      {"when_past", &Story::when_past},
      {"clock", &Story::clock},
      {"clock_plain", &Story::clock_plain},
      {"clock_day", &Story::clock_day},
      {"date_past", &Story::date_past},
      {"date_future", &Story::date_future},
      {"rel_past", &Story::rel_past},
      {"anchored", &Story::anchored},
      {"future", &Story::future_when},
      {"duration_plain", &Story::duration_plain},
      {"duration_for", &Story::duration_for},
      {"year_hist", &Story::year_hist},
      {"year_since", &Story::year_since},
      {"rel_year", &Story::rel_year},
      {"quarter", &Story::quarter},
      {"future_quarter", &Story::future_quarter},
      {"years_term", &Story::years_term},
      {"set_weekly", &Story::set_weekly},
      {"set_daily", &Story::set_daily},
      {"set_years", &Story::set_years},
      {"set_months", &Story::set_months},
      {"set_freq", &Story::set_freq},
      {"set_twice", &Story::set_twice},
      {"now", &Story::now},
      {"small_number", &Story::small_number},
      {"count", &Story::count},
      {"people_count", &Story::people_count},
      {"population", &Story::population},
      {"money", &Story::money},
      {"percent", &Story::percent},
      {"bps", &Story::bps},
      {"score", &Story::score},
      {"route", &Story::route},
      {"homes", &Story::homes},
      {"jobs", &Story::jobs},
      {"seats", &Story::seats},
      {"troops", &Story::troops},
      {"magnitude", &Story::magnitude},
      {"person", &Story::person},
      {"official", &Story::official},
      {"role", &Story::role},
      {"city", &Story::city},
      {"country", &Story::country},
      {"country2", &Story::country2},
      {"org", &Story::org},
      {"company", &Story::company},
      {"authority", &Story::authority},
      {"attrib", &Story::attrib},
      {"ordinal", &Story::ordinal},
      {"noun", &Story::noun},
      {"actors", &Story::actors},
      {"subject", &Story::subject},
      {"clause", &Story::clause},
      {"toll", &Story::toll},
      {"action", &Story::action},
      {"habit", &Story::habit},
      {"next", &Story::next},
      {"quote", &Story::quote},
      {"quote_block", &Story::quote_block},
  };
  return table;
}

std::string Story::slot(std::string_view name) {
  const auto& table = slots();
  const auto it = table.find(name);
  if (it == table.end()) {
    throw std::logic_error("news corpus template names an unknown slot: " + std::string(name));
  }
  return (this->*(it->second))();
}

std::string Story::expand(std::string_view t) {
  std::string out;
  out.reserve(t.size() + 64);
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '{' || c == '[' || c == '<') {
      const char close = c == '{' ? '}' : c == '[' ? ']' : '>';
      const std::size_t end = t.find(close, i + 1);
      if (end == std::string_view::npos) {
        throw std::logic_error("news corpus template is not closed: " + std::string(t));
      }
      const std::string_view inner = t.substr(i + 1, end - i - 1);
      if (c == '{') {
        const bool cap = !inner.empty() && inner[0] >= 'A' && inner[0] <= 'Z';
        std::string name(inner);
        if (cap) name[0] = static_cast<char>(name[0] - 'A' + 'a');
        std::string value = slot(name);
        if (cap) capitalize(value);
        out += value;
      } else {
        ++(c == '[' ? stats_.events : stats_.timexes);
        out.append(inner);
      }
      i = end + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// --- dates -----------------------------------------------------------------------------------

std::string Story::month_day(const Day& d, bool with_year) {
  const bool ap_style = agency_ == Agency::ap || agency_ == Agency::upi;
  std::string s = agency_ == Agency::cnn ? month_names[d.month - 1]
                  : ap_style             ? month_ap[d.month - 1]
                                         : month_wire[d.month - 1];
  s += ' ';
  s += std::to_string(d.day);
  if (with_year) s += ", " + std::to_string(d.year);
  return s;
}

std::string Story::clock_text() {
  switch (rng_.below(12)) {
    case 0:
      return "noon";
    case 1:
      return "midnight";
    default:
      break;
  }
  std::string s = std::to_string(rng_.between(1, 12));
  const int m = rng_.chance(55) ? 0 : static_cast<int>(rng_.below(4)) * 15 + rng_.between(0, 1) * 5;
  if (m != 0) s += ":" + two_digits(m);
  s += rng_.chance(50) ? " a.m." : " p.m.";
  switch (rng_.below(8)) {
    case 0:
      s += " local time";
      break;
    case 1:
      s += " EST";
      break;
    case 2:
      s += " GMT";
      break;
    case 3:
      s += " ET";
      break;
    default:
      break;
  }
  return s;
}

std::string Story::when_past() {
  // A day in the week before the dateline, named by its weekday as wire copy does.
  const long day = dct_ - rng_.between(0, 6);
  const std::string wd = weekday_of(day);
  switch (rng_.below(20)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return timex("on " + wd);
    case 4:
    case 5:
    case 6:
      return timex(wd);
    case 7:
      return timex("late " + wd);
    case 8:
      return timex("early " + wd);
    case 9:
      return timex(wd + " " + rng_.pick({"morning", "afternoon", "evening", "night"}));
    case 10:
      return timex("on " + wd + " " + rng_.pick({"morning", "afternoon", "evening"}));
    case 11:
      return timex("overnight");
    case 12:
      return timex(rng_.pick({"this morning", "last night", "early this morning", "late last night",
                              "this afternoon", "earlier today", "yesterday", "today"}));
    case 13:
      return timex("in the early hours of " + wd);
    case 14:
      return timex("at " + clock_text() + " " + wd);
    case 15:
      return timex("on " + month_day(from_day_number(day), false));
    default:
      return timex(rng_.chance(50) ? "on " + wd : wd);
  }
}

std::string Story::clock() {
  return timex(
      std::string(rng_.pick({"at ", "at about ", "shortly after ", "around ", "just before "})) +
      clock_text());
}

std::string Story::clock_plain() {
  return timex(clock_text());
}

std::string Story::clock_day() {
  const long day = dct_ - rng_.between(0, 6);
  std::string s = clock();
  if (agency_ == Agency::reuters && rng_.chance(50) && s.find("m.") != std::string::npos) {
    // Reuters adds the GMT time in brackets: a second expression.
    s += " (" + two_digits(rng_.between(0, 23)) + "00 GMT)";
    ++stats_.timexes;
  }
  const std::string wd = weekday_of(day);
  return s + (rng_.chance(50) ? " on " + wd : " " + wd);
}

std::string Story::date_past() {
  const Day d = from_day_number(dct_ - rng_.between(7, 90));
  return timex("on " + month_day(d, d.year != today_.year || rng_.chance(15)));
}

std::string Story::date_future() {
  const Day d = from_day_number(dct_ + rng_.between(3, 60));
  return timex(month_day(d, d.year != today_.year));
}

std::string Story::rel_past() {
  const int n = rng_.between(2, 9);
  switch (rng_.below(16)) {
    case 0:
      return timex("last week");
    case 1:
      return timex(ap_number(n) + " days ago");
    case 2:
      return timex("days ago");
    case 3:
      return timex("earlier this month");
    case 4:
      return timex("last month");
    case 5:
      return timex(ap_number(n % 4 + 2) + " weeks ago");
    case 6:
      return timex("in recent days");
    case 7:
      return timex("earlier this week");
    case 8:
      return timex("last weekend");
    case 9:
      return timex("a year ago");
    case 10:
      return timex("in recent weeks");
    case 11:
      return timex(ap_number(n + 1) + " months ago");
    case 12:
      return timex("last year");
    case 13:
      return timex("weeks ago");
    case 14:
      return timex("on " + weekday_of(dct_ - rng_.between(1, 6)));
    default:
      return timex("recently");
  }
}

std::string Story::anchored() {
  switch (rng_.below(10)) {
    case 0:
      return timex("the next day");
    case 1:
      return timex(ap_number(rng_.between(2, 5)) + " days later");
    case 2:
      return timex("that evening");
    case 3:
      return timex("a day earlier");
    case 4:
      return timex("the following week");
    case 5:
      return timex("hours later");
    case 6:
      return timex("the same day");
    case 7:
      return timex("later that night");
    case 8:
      return timex("the following morning");
    default:
      return timex("a week later");
  }
}

std::string Story::future_when() {
  switch (rng_.below(14)) {
    case 0:
      return timex("next week");
    case 1:
      return timex("on " + weekday_of(dct_ + rng_.between(1, 6)));
    case 2:
      return timex("later this month");
    case 3:
      return timex("next year");
    case 4:
      return timex("in the coming days");
    case 5:
      return timex("tomorrow");
    case 6:
      return timex("next " + weekday_of(dct_ + rng_.between(7, 13)));
    case 7:
      return timex("by the end of the year");
    case 8:
      return timex("early next month");
    case 9:
      return timex("this weekend");
    case 10:
      return timex("next " + std::string(rng_.pick({"spring", "summer", "fall", "winter"})));
    case 11:
      return timex("within " + std::to_string(rng_.pick({24, 48, 72})) + " hours");
    case 12:
      return "by " + date_future();  // date_future counts it
    default:
      return "on " + date_future();
  }
}

std::string Story::duration_plain() {
  const int n = rng_.between(2, 9);
  switch (rng_.below(12)) {
    case 0:
      return timex(ap_number(n) + " days");
    case 1:
      return timex("a few days");
    case 2:
      return timex(std::to_string(rng_.pick({24, 36, 48, 72})) + " hours");
    case 3:
      return timex("more than a week");
    case 4:
      return timex("nearly " + ap_number(n % 3 + 2) + " decades");
    case 5:
      return timex(ap_number(n) + " months");
    case 6:
      return timex("several weeks");
    case 7:
      return timex("about an hour");
    case 8:
      return timex(ap_number(n % 4 + 2) + " years");
    case 9:
      return timex(std::to_string(rng_.pick({30, 45, 90})) + " minutes");
    case 10:
      return timex("a week");
    default:
      return timex(ap_number(n % 3 + 2) + " weeks");
  }
}

std::string Story::duration_for() {
  switch (rng_.below(6)) {
    case 0:
      return "for " + duration_plain();
    case 1:
      return timex("for the past " + std::to_string(rng_.pick({24, 48, 72})) + " hours");
    case 2:
      return timex("for more than " + ap_number(rng_.between(2, 6)) + " hours");
    case 3:
      return timex("for " + ap_number(rng_.between(2, 9)) + " days");
    case 4:
      return timex("for another " + ap_number(rng_.between(2, 4)) + " weeks");
    default:
      return "for " + duration_plain();
  }
}

std::string Story::year_hist() {
  const int y = rng_.between(1950, today_.year - 2);
  const int decade = y / 10 * 10;
  switch (rng_.below(11)) {
    case 0:
    case 1:
      return timex("in " + std::to_string(y));
    case 2:
      return timex("in " + std::string(month_names[rng_.below(12)]) + " " + std::to_string(y));
    case 3:
      return timex("in the " + std::to_string(decade) + "s");
    case 4:
      return timex("in the " + std::string(rng_.pick({"early ", "mid-", "late "})) +
                   std::to_string(decade) + "s");
    case 5: {
      const Day d{y, rng_.between(1, 12), 1};
      const Day full{y, d.month, rng_.between(1, month_length(y, d.month))};
      return timex("on " + month_day(full, true));
    }
    case 6:
      return timex("in the " + std::string(rng_.pick({"summer", "spring", "fall", "winter"})) +
                   " of " + std::to_string(y));
    case 7:
      return timex(ap_number(today_.year - y) + " years ago");
    case 8:
      return timex("a decade ago");
    case 9:
      return timex(y < 2000 ? "in the 20th century" : "earlier this century");
    default:
      return timex("in " + std::to_string(y));
  }
}

std::string Story::year_since() {
  const int y = rng_.between(1950, today_.year - 2);
  switch (rng_.below(7)) {
    case 0:
    case 1:
      return timex("since " + std::to_string(y));
    case 2:
      return timex("since the " + std::to_string(y / 10 * 10) + "s");
    case 3:
      return timex("since " + std::string(month_names[rng_.below(12)]) + " " + std::to_string(y));
    case 4:
      return timex("in more than a decade");
    case 5:
      return timex("in " + ap_number(today_.year - y) + " years");
    default:
      return timex("for the first time since " + std::to_string(y));
  }
}

std::string Story::rel_year() {
  switch (rng_.below(4)) {
    case 0:
      return timex("this year");
    case 1:
      return timex("since " + std::string(month_names[rng_.below(12)]));
    case 2:
      return timex("in " + ap_number(rng_.between(2, 18)) + " months");
    default:
      return timex("since last " + std::string(rng_.pick({"spring", "summer", "fall"})));
  }
}

std::string Story::quarter() {
  switch (rng_.below(4)) {
    case 0:
      return timex("the " + std::string(rng_.pick({"first", "second", "third", "fourth"})) +
                   " quarter");
    case 1:
      return timex("the first half of the year");
    case 2:
      return timex("fiscal " + std::to_string(today_.year - rng_.between(0, 1)));
    default:
      return timex("the three months to " + std::string(month_names[rng_.below(12)]));
  }
}

std::string Story::future_quarter() {
  switch (rng_.below(3)) {
    case 0:
      return timex("in the second half of next year");
    case 1:
      return timex("by the end of the year");
    default:
      return timex("early next year");
  }
}

std::string Story::years_term() {
  switch (rng_.below(3)) {
    case 0:
      return timex(ap_number(rng_.between(2, 25)) + " years");
    case 1:
      return timex(std::to_string(rng_.pick({18, 30, 42})) + " months");
    default:
      return "life";  // "sentenced to life": not a duration
  }
}

std::string Story::set_weekly() {
  return timex(std::string(rng_.pick({"every ", "each "})) + weekday_names[rng_.below(7)]);
}
std::string Story::set_daily() {
  return timex(rng_.pick({"daily", "every morning", "each evening", "every day"}));
}
std::string Story::set_years() {
  return timex(std::string("every ") + rng_.pick({"four", "five", "six", "two"}) + " years");
}
std::string Story::set_months() {
  return timex(rng_.pick(
      {"every six weeks", "eight times a year", "monthly", "every month", "once a quarter"}));
}
std::string Story::set_freq() {
  return timex(rng_.pick(
      {"several times a day", "every few hours", "almost daily", "every night", "twice a day"}));
}
std::string Story::set_twice() {
  return timex(
      rng_.pick({"twice a year", "every year", "every few months", "annually", "once a month"}));
}
std::string Story::now() {
  return timex(rng_.pick({"now", "currently"}));
}

// --- numbers that are not times ---------------------------------------------------------------

std::string Story::small_number() {
  const int n = rng_.between(2, 95);
  return number(ap_number(n));
}

std::string Story::count() {
  // Some counts land in 1900-2099, where a year would be: written with commas as AP does.
  const long n = rng_.chance(20) ? rng_.between(1900, 2099) : rng_.between(11, 40000);
  return number(with_commas(n));
}

std::string Story::people_count() {
  const long n = rng_.chance(15) ? rng_.between(1900, 2099) : rng_.between(12, 20000);
  switch (rng_.below(6)) {
    case 0:
      return number("more than " + with_commas(n) + " people");
    case 1:
      return number("at least " + with_commas(n) + " people");
    case 2:
      return number("nearly " + with_commas(n / 100 * 100 + 100) + " people");
    case 3:
      return "dozens of people";
    case 4:
      return number(with_commas(n) + " " +
                    rng_.pick({"residents", "police officers", "civilians", "protesters"}));
    default:
      return number(with_commas(n) + " people");
  }
}

std::string Story::population() {
  std::string s = std::to_string(rng_.between(2, 150));
  if (rng_.chance(30)) s += "." + std::to_string(rng_.between(1, 9));
  return number(s + " million");
}

std::string Story::money() {
  std::string amount = std::to_string(rng_.between(1, 90));
  if (rng_.chance(35)) amount += "." + std::to_string(rng_.between(1, 9));
  const char* currency = rng_.pick({"$", "$", "$", "\xE2\x82\xAC", "\xC2\xA3"});  // $ € £
  switch (rng_.below(4)) {
    case 0:
      return number(currency + amount + " billion");
    case 1:
      return number(std::string(currency) + with_commas(rng_.between(2, 950) * 1000L));
    default:
      return number(currency + amount + " million");
  }
}

std::string Story::percent() {
  std::string s = std::to_string(rng_.between(1, 68));
  if (rng_.chance(40)) s += "." + std::to_string(rng_.between(1, 9));
  return number(s + (rng_.chance(80) ? " percent" : "%"));
}

std::string Story::bps() {
  if (rng_.chance(50))
    return number(std::to_string(rng_.pick({25, 50, 75, 100})) + " basis points");
  return number(rng_.pick(
      {"a quarter of a percentage point", "half a percentage point", "1.5 percentage points"}));
}

std::string Story::score() {
  const int a = rng_.between(2, 99);
  const int b = rng_.between(0, a - 1);
  return number(std::to_string(a) + "-" + std::to_string(b));
}

std::string Story::route() {
  return number(std::string(rng_.pick({"Route ", "Highway ", "Interstate ", "the M"})) +
                std::to_string(rng_.between(1, 95)));
}

std::string Story::homes() {
  return number(with_commas(rng_.between(40, 250000)) + " homes");
}
std::string Story::jobs() {
  return number(with_commas(rng_.between(2, 120) * 100L));
}
std::string Story::seats() {
  return number(std::to_string(rng_.between(100, 600)));
}
std::string Story::troops() {
  return number(with_commas(rng_.between(2, 40) * 500L));
}
std::string Story::magnitude() {
  return number(std::to_string(rng_.between(4, 8)) + "." + std::to_string(rng_.between(0, 9)));
}

// --- names -----------------------------------------------------------------------------------

std::string Story::person() {
  return std::string(rng_.pick(first_names)) + " " + rng_.pick(last_names);
}

std::string Story::official() {
  return std::string(rng_.pick(upper_titles)) + " " + person();
}

std::string Story::country2() {
  const Place* other = &rng_.pick(places);
  while (other->country == place_->country) other = &rng_.pick(places);
  return other->country;
}

std::string Story::authority() {
  switch (rng_.below(8)) {
    case 0:
      return "police";
    case 1:
      return "officials";
    case 2:
      return "the government";
    case 3:
      return org();
    case 4:
      return "a " + role() + " for " + org();
    case 5:
      return official();
    case 6:
      return "local authorities";
    default:
      return std::string(place_->adjective) + " officials";
  }
}

std::string Story::attrib() {
  switch (rng_.below(12)) {
    case 0:
      return ", officials said";
    case 1:
      return ", police said";
    case 2:
      return ", according to " + org();
    case 3:
      return ", " + org() + " said in a statement";
    case 4:
      return ", " + std::string(rng_.pick(outlets)) + " reported";
    case 5:
      return ", witnesses said";
    case 6:
      return ", " + official() + " said";
    default:
      return "";
  }
}

std::string Story::noun() {
  ++stats_.events;
  return pick_text(topic_->nouns);
}

// --- paragraphs ------------------------------------------------------------------------------

std::string Story::headline() {
  return expand(pick_text(topic_->headlines));
}

std::string Story::caption() {
  std::string s = expand(pick_text(topic_->captions));
  s += " in " + std::string(place_->name) + ", " + place_->country;
  if (rng_.chance(70)) {
    s += ", " + when_past();
  }
  s += ". ";
  s += rng_.chance(50) ? "Photo by " + person() + "/" + rng_.pick(photo_agencies)
                       : std::string("Photo by ") + rng_.pick(photo_agencies);
  return s;
}

std::string Story::dateline() {
  const std::string caps = place_->caps;
  const std::string region = *place_->region ? std::string(", ") + place_->region : "";
  switch (agency_) {
    case Agency::ap:
      if (rng_.chance(40))
        return caps + region + ", " + timex(month_day(today_, false)) + " (AP) --";
      return caps + region + " (AP) --";
    case Agency::upi:
      return timex(month_day(today_, false)) + " (UPI) --";
    case Agency::reuters:
      return caps + ", " + timex(month_day(today_, false)) + " (Reuters) -";
    case Agency::cnn:
      if (rng_.chance(50)) return "(CNN) --";
      return std::string(place_->name) + " (CNN) --";
    case Agency::afp:
      if (rng_.chance(50)) return caps + ", " + timex(month_day(today_, true)) + " (AFP) -";
      return caps + " (AFP) -";
  }
  return "";
}

std::string Story::quote_block() {
  const std::string o = open_quote_, c = close_quote_;
  const std::string q = quote();
  // A second quote from the same speaker, never the first one again.
  const auto another = [&] {
    std::string q2 = quote();
    for (int tries = 0; q2 == q && tries < 8; ++tries) q2 = quote();
    return q2;
  };
  switch (rng_.below(6)) {
    case 0:
      return o + q + "," + c + " " + official() + " said" +
             (rng_.chance(50) ? " " + when_past() : std::string(" in a statement")) + ".";
    case 1:
      return o + q + "," + c + " said " + person() + ", a " + role() + " for " + org() + ".";
    case 2: {
      std::string s =
          official() + " told " + rng_.pick(outlets) + " " + when_past() + ": " + o + q + "." + c;
      capitalize(s);
      return s;
    }
    case 3:
      return o + q + "," + c + " said " + person() + ", " +
             number(std::to_string(rng_.between(19, 84))) + ", " + rng_.pick(occupations) + " in " +
             place_->name + ". " + o + another() + "." + c;
    case 4:
      return o + q + ". " + another() + "," + c + " " + official() + " wrote on social media " +
             when_past() + ".";
    default: {
      ++stats_.events;  // "waited"
      std::string job = rng_.pick(occupations);
      job.erase(0, job.find(' ') + 1);  // "an engineer" -> "engineer"
      // Ages 19-79 all take "a" ("an 80-year-old" would not).
      return person() + ", a " + number(std::to_string(rng_.between(19, 79))) + "-year-old " + job +
             ", said she had waited " + duration_plain() + ". " + o + q + "," + c + " she said.";
    }
  }
}

std::string Story::ending() {
  switch (agency_) {
    case Agency::ap:
      if (rng_.chance(50)) {
        return "Associated Press writer " + person() + " in " + rng_.pick(places).name +
               " contributed to this report.";
      }
      return "\xC2\xA9 " + std::to_string(today_.year) + " Associated Press. All rights reserved.";
    case Agency::reuters:
      return "(Reporting by " + person() + " in " + place_->name + "; additional reporting by " +
             person() + "; editing by " + person() + ")";
    case Agency::cnn:
      return "CNN's " + person() + " contributed to this report.";
    case Agency::afp: {
      std::string tag;
      for (int i = 0; i < 2; ++i) tag += static_cast<char>('a' + rng_.below(26));
      tag += '/';
      for (int i = 0; i < 2; ++i) tag += static_cast<char>('a' + rng_.below(26));
      return tag;
    }
    case Agency::upi:
      break;
  }
  return rng_.pick({"This story has been updated with additional information.",
                    "Sign up for our daily newsletter.", "Read more world news."});
}

std::string Story::write(std::size_t target) {
  agency_ = static_cast<Agency>(rng_.below(5));
  topic_ = &topics()[rng_.below(topics().size())];
  place_ = &rng_.pick(places);
  if (rng_.chance(15)) {
    open_quote_ = "\xE2\x80\x9C";   // “
    close_quote_ = "\xE2\x80\x9D";  // ”
  }

  std::string text;
  const auto paragraph = [&](const std::string& p) {
    if (!text.empty()) text += "\n\n";
    // A sentence that ends on an abbreviation ("3 p.m.") takes no second period.
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '.' && i > 0 && p[i - 1] == '.') continue;
      text += p[i];
    }
  };

  // Headline, captions and byline come before the dateline; a story without a headline
  // starts with its dateline.
  if (rng_.chance(90)) {
    paragraph(headline());
    if (rng_.chance(30)) {
      const std::string cap = caption();
      paragraph(cap);
      if (rng_.chance(25)) paragraph(cap);  // web copy often repeats the lead caption
    }
    if (rng_.chance(20)) paragraph("By " + person());
  }
  paragraph(dateline() + " " + expand(pick_text(topic_->leads)));

  while (text.size() < target) {
    std::string p = expand(fresh(body_templates));
    capitalize(p);
    if (rng_.chance(45)) {
      std::string second = expand(fresh(body_templates));
      capitalize(second);
      p += " " + second;
    }
    paragraph(p);
    if (rng_.chance(4)) paragraph(caption());
    if (rng_.chance(3)) paragraph("Advertisement");
  }
  if (rng_.chance(70)) paragraph(ending());
  text += '\n';
  stats_.documents = 1;
  stats_.bytes = text.size();
  return text;
}

// A fixed seed per document: document k is the same whatever the count asked for.
std::uint64_t document_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t x = seed ^ (index * 0xD1B54A32D192ED03ULL);
  return splitmix64(x);
}

std::string document_id(const char* prefix, std::size_t index) {
  std::string digits = std::to_string(index + 1);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return prefix + digits;
}

Document make_document(std::uint64_t seed, std::size_t index, const char* prefix,
                       std::size_t target, Stats* stats) {
  Rng rng(document_seed(seed, index));
  // Dates 1995-01-01 .. 2024-12-31.
  const long first = day_number({1995, 1, 1});
  const long last = day_number({2024, 12, 31});
  const long dct =
      first + static_cast<long>(rng.below(static_cast<std::uint64_t>(last - first + 1)));
  Story story(rng, dct);
  Document doc;
  doc.id = document_id(prefix, index);
  const Day d = from_day_number(dct);
  doc.dct = std::to_string(d.year) + "-" + two_digits(d.month) + "-" + two_digits(d.day);
  doc.text = story.write(target);
  if (stats) *stats += story.stats();
  return doc;
}

}  // namespace

std::vector<Document> generate_stories(std::uint64_t seed, std::size_t total_bytes, Stats* stats) {
  std::vector<Document> docs;
  std::size_t joined = 0;  // size of join_text(docs)
  Rng sizes(seed ^ 0x5851F42D4C957F2DULL);
  while (joined < total_bytes) {
    const std::size_t separator = docs.empty() ? 0 : 1;
    const std::size_t remaining = total_bytes - joined - std::min(separator, total_bytes - joined);
    std::size_t target = static_cast<std::size_t>(sizes.between(1500, 6000));
    if (remaining < target + 1500) target = remaining;
    // The ending line follows the body; leave room for it so that the story ends near the goal.
    target = target > 200 ? target - 120 : target;
    docs.push_back(make_document(seed, docs.size(), "news-", target, stats));
    joined += separator + docs.back().text.size();
  }
  return docs;
}

std::vector<Document> generate_documents(std::uint64_t seed, std::size_t count,
                                         std::size_t doc_bytes, Stats* stats) {
  std::vector<Document> docs;
  docs.reserve(count);
  Rng sizes(seed ^ 0x2545F4914F6CDD1DULL);
  const auto lo = static_cast<int>(doc_bytes * 6 / 10);
  const auto hi = static_cast<int>(doc_bytes * 14 / 10);
  for (std::size_t i = 0; i < count; ++i) {
    const auto target = static_cast<std::size_t>(sizes.between(lo, std::max(lo, hi)));
    docs.push_back(make_document(seed, i, "doc-", target > 200 ? target - 120 : target, stats));
  }
  return docs;
}

std::string join_text(const std::vector<Document>& docs) {
  std::size_t size = 0;
  for (const auto& d : docs) size += d.text.size() + 1;
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i != 0) out += '\n';
    out += docs[i].text;
  }
  return out;
}

std::string json_quote(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 2);
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string to_jsonl(const std::vector<Document>& docs) {
  std::string out;
  for (const auto& d : docs) {
    out += "{\"id\":";
    out += json_quote(d.id);
    out += ",\"text\":";
    out += json_quote(d.text);
    out += ",\"dct\":";
    out += json_quote(d.dct);
    out += "}\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSONL reading: flat objects of strings.

namespace {

class JsonLine {
 public:
  JsonLine(std::string_view s, std::size_t line) : s_(s), line_(line) {}

  Document parse() {
    Document d;
    bool has_text = false;
    space();
    expect('{');
    space();
    if (peek() != '}') {
      for (;;) {
        space();
        const std::string key = string();
        space();
        expect(':');
        space();
        std::string value = string();
        if (key == "id") {
          d.id = std::move(value);
        } else if (key == "text") {
          d.text = std::move(value);
          has_text = true;
        } else if (key == "dct") {
          d.dct = std::move(value);
        }
        space();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        break;
      }
    }
    expect('}');
    space();
    if (i_ != s_.size()) fail("text after the object");
    if (!has_text) fail("no \"text\" member");
    return d;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSONL line " + std::to_string(line_) + ", column " +
                             std::to_string(i_ + 1) + ": " + what);
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        fail("bad hex digit in \\u escape");
      }
    }
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') {
              fail("lone high surrogate");
            }
            i_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low >= 0xE000) fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("lone low surrogate");
          }
          chronicle::detail::append_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("unknown escape \\") + e);
      }
    }
  }

  std::string_view s_;
  std::size_t line_;
  std::size_t i_ = 0;
};

}  // namespace

std::vector<Document> read_jsonl(std::string_view jsonl) {
  std::vector<Document> docs;
  std::size_t line = 0;
  std::size_t at = 0;
  while (at < jsonl.size()) {
    std::size_t end = jsonl.find('\n', at);
    if (end == std::string_view::npos) end = jsonl.size();
    ++line;
    const std::string_view text = jsonl.substr(at, end - at);
    at = end + 1;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    docs.push_back(JsonLine(text, line).parse());
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// TIMEX3 values.

std::vector<std::string> generate_values(std::uint64_t seed, std::size_t count) {
  Rng rng(seed ^ 0x9FB21C651E98DF25ULL);
  std::vector<std::string> out;
  out.reserve(count);
  const auto year = [&] { return std::to_string(rng.between(1950, 2030)); };
  const auto date = [&] {
    const int y = rng.between(1950, 2030);
    const int m = rng.between(1, 12);
    return std::to_string(y) + "-" + two_digits(m) + "-" +
           two_digits(rng.between(1, month_length(y, m)));
  };
  const auto amount = [&] {
    return std::to_string(rng.pick({1, 2, 3, 4, 5, 6, 7, 10, 12, 24, 30, 48, 90}));
  };
  while (out.size() < count) {
    const auto r = rng.below(100);
    std::string v;
    if (r < 30) {
      v = date();
    } else if (r < 38) {
      v = year() + "-" + two_digits(rng.between(1, 12));
    } else if (r < 45) {
      v = year();
    } else if (r < 50) {
      v = date() + "T" + rng.pick({"MO", "AF", "EV", "NI", "DT"});
    } else if (r < 57) {
      v = date() + "T" + two_digits(rng.between(0, 23)) + ":" +
          two_digits(rng.chance(50) ? 0 : rng.between(0, 59));
      if (rng.chance(20)) v += ":" + two_digits(rng.between(0, 59));
      switch (rng.below(6)) {
        case 0:
          v += "Z";
          break;
        case 1:
          v += rng.pick({"-05:00", "+01:00", "+05:30", "-08:00"});
          break;
        case 2:
          v += rng.pick({"+0530", "-0400", "+0900"});
          break;
        case 3:
          v += rng.pick({"+03", "-06"});
          break;
        default:
          break;
      }
    } else if (r < 60) {
      v = "XXXX-" + two_digits(rng.between(1, 12)) + "-" + two_digits(rng.between(1, 28));
    } else if (r < 62) {
      v = "XXXX-WXX-" + std::to_string(rng.between(1, 7));
    } else if (r < 65) {
      v = year() + "-W" + two_digits(rng.between(1, 52));
      const auto w = rng.below(3);
      if (w == 1) v += "-" + std::to_string(rng.between(1, 7));
      if (w == 2) v += "-WE";
    } else if (r < 69) {
      switch (rng.below(3)) {
        case 0:
          v = year() + "-" + rng.pick({"SP", "SU", "FA", "WI"});
          break;
        case 1:
          v = year() + "-Q" + std::to_string(rng.between(1, 4));
          break;
        default:
          v = year() + "-H" + std::to_string(rng.between(1, 2));
      }
    } else if (r < 73) {
      const int decade = rng.between(190, 202);
      switch (rng.below(4)) {
        case 0:
          v = std::to_string(decade);
          break;
        case 1:
          v = std::to_string(decade) + "X";
          break;
        case 2:
          v = std::to_string(decade / 10);
          break;
        default:
          v = std::to_string(decade / 10) + "XX";
      }
    } else if (r < 79) {
      v = rng.pick({"PRESENT_REF", "PAST_REF", "FUTURE_REF"});
    } else {
      switch (rng.below(12)) {
        case 0:
          v = "P" + amount() + rng.pick({"D", "W", "M", "Y"});
          break;
        case 1:
          v = "PT" + amount() + rng.pick({"H", "M", "S"});
          break;
        case 2:
          v = "PT" + std::to_string(rng.between(1, 12)) + "H" +
              std::to_string(rng.pick({15, 30, 45})) + "M";
          break;
        case 3:
          v = "P" + std::to_string(rng.between(1, 9)) + "Y" + std::to_string(rng.between(1, 11)) +
              "M";
          break;
        case 4:
          v = std::string("PX") + rng.pick({"D", "W", "M", "Y", "DE"});
          break;
        case 5:
          v = "P" + std::to_string(rng.between(1, 5)) + rng.pick({"DE", "CE"});
          break;
        case 6:
          v = "P" + std::to_string(rng.between(1, 4)) + "Q";
          break;
        case 7:
          v = "P" + std::to_string(rng.between(1, 9)) + ".5Y";
          break;
        default:
          v = "P" + std::to_string(rng.between(1, 10)) + rng.pick({"D", "D", "W", "M", "Y"});
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace chronicle::corpus
