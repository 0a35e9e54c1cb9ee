// Result<T>: a value or a diagnostic. Bad data is something the caller can test, not an exception.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace chronicle {

// What went wrong and where: `offset` is a byte offset into the input that was being read.
struct Diagnostic {
  std::string message;
  std::size_t offset = 0;
};

// Thrown by Result::value() when the caller asks for a value that is not there.
class bad_result_access : public std::logic_error {
 public:
  explicit bad_result_access(const Diagnostic& d) : std::logic_error(d.message) {}
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Diagnostic error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& {
    if (!ok()) throw bad_result_access(std::get<1>(v_));
    return std::get<0>(v_);
  }
  T&& value() && {
    if (!ok()) throw bad_result_access(std::get<1>(v_));
    return std::get<0>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // The diagnostic; only meaningful when !ok().
  const Diagnostic& error() const& { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

}  // namespace chronicle
