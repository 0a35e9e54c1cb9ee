// Scratch buffers that the stages keep from one document to the next (thread_local), so that a
// batch of small documents allocates nothing per document. After one big document they would
// go on holding memory of its size (units, features, pair tables: dozens of bytes per input
// byte) until the thread ends, and the stages after it would allocate on top: a buffer grown
// past scratch_keep_bytes is given back when its stage is done with it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace chronicle::detail {

// Large enough for a news story of any usual length (its buffers stay), small enough that the
// buffers kept per thread stay far below the memory a big document needs while it is worked on.
inline constexpr std::size_t scratch_keep_bytes = std::size_t{1} << 20;

// Whether the buffer was given back.
template <class T, class A>
bool trim_scratch(std::vector<T, A>& v) {
  if (v.capacity() * sizeof(T) <= scratch_keep_bytes) return false;
  std::vector<T, A>().swap(v);
  return true;
}

inline bool trim_scratch(std::string& s) {
  if (s.capacity() <= scratch_keep_bytes) return false;
  std::string().swap(s);
  return true;
}

// trim_scratch() of each; whether any was given back.
template <class... Buffers>
bool trim_scratch(Buffers&... buffers) {
  return (static_cast<int>(trim_scratch(buffers)) | ...) != 0;
}

// After big buffers are given back: the allocator returns the free pages between the blocks
// still in use to the system. (glibc serves blocks below its mmap threshold from the heap, and
// the threshold rises each time a block it mapped is freed: the big scratch buffers of a
// stage then lie between blocks that outlive it, and their pages stayed resident.)
inline void release_free_pages() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace chronicle::detail
