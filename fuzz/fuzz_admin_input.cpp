// What an Admin API client sends, on arbitrary bytes: the token in its
// Authorization header, a multipart upload, and a Lexical body. Properties:
// no crash, no hang, no sanitizer finding; a form has at most its bound of
// parts, each lying inside the body it was read from.
#include "api/admin_token.hpp"
#include "api/lexical.hpp"
#include "http/multipart.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kSecret =
    "4434a0e218af63ec212cfdd6b3590473adebb882da033b968d802251c3080b9b";

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  using namespace byline;

  auto token = api::read_admin_token("Ghost " + std::string(input));
  if (auto* read = std::get_if<api::AdminToken>(&token)) {
    const Time when(std::chrono::seconds(read->issued_at.value_or(0)));
    (void)api::check_admin_token(*read, kSecret, "admin", when);
    (void)api::check_admin_token(*read, std::string_view(input).substr(0, 64), "v3/admin", when);
  }

  // The first line names the Content-Type; the rest is the body.
  const auto line_end = input.find('\n');
  const std::string_view type = input.substr(0, line_end);
  const std::string_view body =
      line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);
  if (auto form = http::parse_multipart(type, body)) {
    if (form->parts.size() > http::kMaxMultipartParts) std::abort();
    for (const http::Part& part : form->parts) {
      if (!inside(part.body, body)) std::abort();
    }
  }

  (void)api::lexical_text_to_html(input);
  return 0;
}
