// Finds what in an HTML document or fragment a browser would run or
// follow as script: parsed with gumbo, as a browser parses it, not matched
// as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byline::testing {

enum class HtmlScope {
  // Sanitised writing: no script, style, frame, form or SVG at all.
  fragment,
  // A whole page: the theme's own JSON-LD, same-origin script files,
  // stylesheets and forms are expected; nothing carrying `marker` is.
  page,
};

// One line per finding ("<img onerror>", "<a href=javascript:…>"); none
// means nothing there runs script.
std::vector<std::string> script_surface(std::string_view html, HtmlScope scope, std::string_view marker);

// The same findings as one string, a line each, for test failure messages:
// "" when nothing runs.
std::string script_surface_report(std::string_view html, HtmlScope scope, std::string_view marker);

// Whether a browser would treat `url` as a javascript:, vbscript: or data:
// address (it skips surrounding controls and spaces, and tabs and line
// breaks anywhere).
bool is_script_url(std::string_view url);

}  // namespace byline::testing
