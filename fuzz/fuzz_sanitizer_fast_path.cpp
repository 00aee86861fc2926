// The sanitiser's fast path against gumbo on arbitrary bytes. Property:
// for every input, sanitising (fast path first) and sanitising with
// gumbo alone give the same HTML and the same text, and so do the two
// ways to the text alone. The fast path may refuse anything; what it
// reads, it must read as a browser would.
#include "content/html_document.hpp"
#include "content/sanitize.hpp"
#include "content/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (byline::content::estimate_nesting_depth(input) > 512) return 0;  // refused before sanitising
  const auto fast = byline::content::sanitize_html_with_text(input);
  const auto parsed = byline::content::sanitize_parsed_html(input);
  if (fast.html != parsed.html || fast.text != parsed.text) std::abort();
  const byline::content::HtmlDocument document(input);
  if (byline::content::html_to_text(input) != byline::content::text_of(document)) std::abort();
  return 0;
}
