// Span: a half-open byte range [begin, end) into the original UTF-8 text.
#pragma once

#include <cstddef>
#include <string_view>

namespace chronicle {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool contains(const Span& o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
  // The text the span covers; empty when the span falls outside `text`.
  std::string_view in(std::string_view text) const {
    if (begin > end || end > text.size()) return {};
    return text.substr(begin, end - begin);
  }

  friend bool operator==(const Span& a, const Span& b) {
    return a.begin == b.begin && a.end == b.end;
  }
  friend bool operator!=(const Span& a, const Span& b) { return !(a == b); }
  friend bool operator<(const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  }
};

}  // namespace chronicle
