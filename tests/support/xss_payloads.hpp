// The classic cross-site scripting payloads, for the sanitiser and for every
// place a template shows what someone typed. Each one, were it to work,
// would run script mentioning kXssMarker, so a page that shows it anywhere
// a browser would act on has let it through.
#pragma once

#include <string>
#include <vector>

namespace byline::testing {

inline constexpr const char* kXssMarker = "1337";

struct XssPayload {
  const char* kind;  // what trick it plays
  std::string text;
};

const std::vector<XssPayload>& xss_payloads();

}  // namespace byline::testing
