// The point-algebra closure and reduction behind TLINK scoring, checked against brute force.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

#include "../../src/eval/temporal_closure.hpp"

using chronicle::Relation;
using chronicle::detail::IntervalClosure;
using chronicle::detail::IntervalLink;
using chronicle::detail::reduce;

namespace {

constexpr Relation relations[] = {
    Relation::before,  Relation::after,      Relation::includes,     Relation::is_included,
    Relation::during,  Relation::during_inv, Relation::simultaneous, Relation::identity,
    Relation::ibefore, Relation::iafter,     Relation::begins,       Relation::begun_by,
    Relation::ends,    Relation::ended_by,
};

// The Allen relation an endpoint assignment shows; DURING, DURING_INV and IDENTITY are
// SIMULTANEOUS for the scorer.
bool holds(Relation r, int as, int ae, int bs, int be) {
  switch (r) {
    case Relation::before:
      return ae < bs;
    case Relation::after:
      return be < as;
    case Relation::ibefore:
      return ae == bs;
    case Relation::iafter:
      return be == as;
    case Relation::begins:
      return as == bs && ae < be;
    case Relation::begun_by:
      return as == bs && be < ae;
    case Relation::ends:
      return ae == be && bs < as;
    case Relation::ended_by:
      return ae == be && as < bs;
    case Relation::includes:
      return as < bs && be < ae;
    case Relation::is_included:
      return bs < as && ae < be;
    case Relation::during:
    case Relation::during_inv:
    case Relation::simultaneous:
    case Relation::identity:
      return as == bs && ae == be;
    case Relation::vague:
      return true;
  }
  return false;
}

bool same_meaning(Relation a, Relation b) {
  auto group = [](Relation r) {
    switch (r) {
      case Relation::during:
      case Relation::during_inv:
      case Relation::identity:
        return Relation::simultaneous;
      default:
        return r;
    }
  };
  return group(a) == group(b);
}

}  // namespace

TEST_CASE("one link entails itself, its inverse and its synonyms, nothing else",
          "[eval][closure]") {
  for (auto r : relations) {
    const IntervalClosure c(2, {{0, 1, r}});
    for (auto s : relations) {
      INFO(to_string(r) << " then " << to_string(s));
      CHECK(c.entails({0, 1, s}) == same_meaning(r, s));
      CHECK(c.entails({1, 0, chronicle::inverse(s)}) == same_meaning(r, s));
    }
  }
}

TEST_CASE("composition through a middle interval", "[eval][closure]") {
  auto entails = [](Relation ab, Relation bc, Relation ac) {
    return IntervalClosure(3, {{0, 1, ab}, {1, 2, bc}}).entails({0, 2, ac});
  };
  CHECK(entails(Relation::before, Relation::before, Relation::before));
  CHECK(entails(Relation::ibefore, Relation::ibefore, Relation::before));  // B has length
  CHECK(entails(Relation::includes, Relation::includes, Relation::includes));
  CHECK(entails(Relation::is_included, Relation::before, Relation::before));
  CHECK(entails(Relation::simultaneous, Relation::after, Relation::after));
  CHECK(entails(Relation::identity, Relation::begins, Relation::begins));
  CHECK(entails(Relation::begins, Relation::begins, Relation::begins));
  CHECK(entails(Relation::ends, Relation::is_included, Relation::is_included));
  CHECK(entails(Relation::during, Relation::is_included, Relation::is_included));
  CHECK_FALSE(entails(Relation::before, Relation::after, Relation::before));
  CHECK_FALSE(entails(Relation::includes, Relation::before, Relation::before));
  CHECK_FALSE(entails(Relation::is_included, Relation::is_included, Relation::includes));
}

TEST_CASE("entailment agrees with brute force on random 3-interval networks", "[eval][closure]") {
  std::mt19937 random(20240601u);  // fixed seed: the same networks on every machine
  int consistent_networks = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<IntervalLink> links;
    const auto n_links = 1 + random() % 3;
    for (std::uint32_t k = 0; k < n_links; ++k) {
      const std::size_t a = random() % 3, b = (a + 1 + random() % 2) % 3;
      links.push_back({a, b, relations[random() % std::size(relations)]});
    }
    // Every model: endpoints in 0..5 (enough for any order of 6 points), start < end.
    std::vector<std::array<int, 6>> models;
    std::array<int, 6> p{};
    for (int code = 0; code < 6 * 6 * 6 * 6 * 6 * 6; ++code) {
      int c = code;
      for (auto& v : p) {
        v = c % 6;
        c /= 6;
      }
      if (!(p[0] < p[1] && p[2] < p[3] && p[4] < p[5])) continue;
      bool ok = true;
      for (const auto& l : links) {
        ok =
            ok && holds(l.relation, p[2 * l.from], p[2 * l.from + 1], p[2 * l.to], p[2 * l.to + 1]);
      }
      if (ok) models.push_back(p);
    }
    if (models.empty()) continue;  // inconsistent: the closure is not meant to be exact there
    ++consistent_networks;
    const IntervalClosure closure(3, links);
    for (std::size_t a = 0; a < 3; ++a) {
      for (std::size_t b = 0; b < 3; ++b) {
        if (a == b) continue;
        for (auto r : relations) {
          bool in_all = true;
          for (const auto& m : models) {
            in_all = in_all && holds(r, m[2 * a], m[2 * a + 1], m[2 * b], m[2 * b + 1]);
          }
          INFO("round " << round << ": " << a << " " << to_string(r) << " " << b);
          CHECK(closure.entails({a, b, r}) == in_all);
        }
      }
    }
  }
  CHECK(consistent_networks > 150);
}

TEST_CASE("reduction keeps a minimal graph with the same closure", "[eval][closure]") {
  SECTION("a chain and its shortcut") {
    const std::vector<IntervalLink> links = {
        {0, 1, Relation::before}, {1, 2, Relation::before}, {0, 2, Relation::before}};
    CHECK(reduce(3, links) == std::vector<bool>{true, true, false});
  }
  SECTION("the shortcut first: it goes, being entailed by what follows") {
    const std::vector<IntervalLink> links = {
        {0, 2, Relation::before}, {0, 1, Relation::before}, {1, 2, Relation::before}};
    CHECK(reduce(3, links) == std::vector<bool>{false, true, true});
  }
  SECTION("an equality triangle keeps two links") {
    const std::vector<IntervalLink> links = {
        {0, 1, Relation::simultaneous}, {1, 2, Relation::identity}, {0, 2, Relation::during}};
    CHECK(reduce(3, links) == std::vector<bool>{false, true, true});
  }
  SECTION("duplicates and inverses") {
    const std::vector<IntervalLink> links = {
        {0, 1, Relation::includes}, {1, 0, Relation::is_included}, {0, 1, Relation::includes}};
    CHECK(reduce(2, links) == std::vector<bool>{false, false, true});
  }
  SECTION("random networks: same closure, and no kept link follows from the others") {
    std::mt19937 random(7u);
    for (int round = 0; round < 200; ++round) {
      const std::size_t n = 6;
      std::vector<IntervalLink> links;
      for (int k = 0; k < 8; ++k) {
        // Consistent or not: the two properties hold for any set of links.
        const std::size_t a = random() % n, b = (a + 1 + random() % (n - 1)) % n;
        links.push_back({a, b, relations[random() % std::size(relations)]});
      }
      const auto kept = reduce(n, links);
      const IntervalClosure reduced(n, links, kept);
      for (std::size_t k = 0; k < links.size(); ++k) {
        INFO("round " << round << " link " << k);
        CHECK(reduced.entails(links[k]));
        if (!kept[k]) continue;
        auto others = kept;
        others[k] = false;
        CHECK_FALSE(IntervalClosure(n, links, others).entails(links[k]));
      }
    }
  }
}
