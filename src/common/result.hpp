// Result<T> and Error: how Byline reports an expected failure. Exceptions are
// for bugs only; a missing post, a bad slug or a busy database is a value.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace byline {

enum class ErrorCode {
  not_found,
  invalid_input,
  conflict,
  unauthorized,
  forbidden,
  too_large,
  rate_limited,
  unavailable,
  storage_full,  // the disk under the data directory is full
  internal,
};

// `message` is safe to show a reader; `detail` is for the operator's log only.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string detail;
  int retry_after_seconds = 0;  // rate_limited, unavailable: when to try again
};

inline Error make_error(ErrorCode code, std::string message, std::string detail = {}) {
  return Error{code, std::move(message), std::move(detail), 0};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace byline

// Returns the error of `expression` (a Result) from the enclosing function
// when it failed.
#define BYLINE_TRY(expression)                 \
  do {                                         \
    if (auto&& result_ = (expression); !result_) \
      return result_.error();                  \
  } while (false)
