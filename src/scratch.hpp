// Scratch buffers that the stages keep from one document to the next (thread_local), so that a
// batch of small documents allocates nothing per document. After one big document they would
// go on holding memory of its size (units, features, pair tables: dozens of bytes per input
// byte) until the thread ends, and the stages after it would allocate on top: a buffer grown
// past scratch_keep_bytes is given back when its stage is done with it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace chronicle::detail {

// Large enough for a news story of any usual length (its buffers stay), small enough that the
// buffers kept per thread stay far below the memory a big document needs while it is worked on.
inline constexpr std::size_t scratch_keep_bytes = std::size_t{1} << 20;

template <class T, class A>
void trim_scratch(std::vector<T, A>& v) {
  if (v.capacity() * sizeof(T) > scratch_keep_bytes) std::vector<T, A>().swap(v);
}

inline void trim_scratch(std::string& s) {
  if (s.capacity() > scratch_keep_bytes) std::string().swap(s);
}

// trim_scratch() of each.
template <class... Buffers>
void trim_scratch(Buffers&... buffers) {
  (trim_scratch(buffers), ...);
}

}  // namespace chronicle::detail
