// Markdown, for writers and API clients who send it: CommonMark with
// tables, strikethrough and bare links, by md4c. The HTML it makes is not
// trusted: it goes through sanitize_html like any other body.
#pragma once

#include <string>
#include <string_view>

namespace byline::content {

std::string markdown_to_html(std::string_view markdown);

}  // namespace byline::content
