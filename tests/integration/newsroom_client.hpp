// A signed-in staff member's browser, reduced to what tests need: the
// session cookie and the CSRF token its forms carry.
#pragma once

#include "http_client.hpp"

#include "content/model.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace byline::testing {

class StaffClient {
 public:
  // Signs in through the sign-in form, as a browser does.
  StaffClient(unsigned short port, const std::string& email, const std::string& password);

  bool signed_in() const { return !cookie_.empty(); }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf_token() const { return csrf_; }
  HttpResponse get(const std::string& path) const;
  // Posts a form with this session's CSRF token added.
  HttpResponse post(const std::string& path, const std::string& fields) const;
  // Posts a form with a CSRF token of the caller's choosing.
  HttpResponse post_with_token(const std::string& path, const std::string& token,
                               const std::string& fields) const;

 private:
  unsigned short port_;
  std::string cookie_;
  std::string csrf_;
};

// Adds a staff account to the database in `data_dir` before the server
// starts, as `byline user add` does.
::testing::AssertionResult add_staff(const std::filesystem::path& data_dir, const std::string& email,
                                     const std::string& name, content::Role role, const std::string& password);

// The first capture of `pattern` in `text`, or "".
std::string first_match(const std::string& text, const std::string& pattern);

}  // namespace byline::testing
