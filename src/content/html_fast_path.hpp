// A reader for the well-formed markup most bodies are, whose HTML parse
// is the tree its tags spell: gumbo, which builds every tree a browser
// would, reads about 9 MB a second, and an archive's import is mostly
// that. Chromium's innerHTML has the same kind of fast path
// (HTMLDocumentParserFastPath). Internal to content/.
#pragma once

#include <gumbo.h>

#include <span>
#include <string_view>

namespace byline::content {

struct AttributeView {
  std::string_view name;
  std::string_view value;  // decoded
};

// What read_well_formed_html finds, in document order. Void elements get
// their end() right after their start().
class WellFormedHtmlHandler {
 public:
  virtual void start(GumboTag tag, std::span<const AttributeView> attributes, int depth) = 0;
  virtual void end(GumboTag tag) = 0;
  virtual void text(std::string_view text) = 0;

 protected:
  ~WellFormedHtmlHandler() = default;
};

// Hands `handler` the tree of `html` when its parse as a <body> fragment
// is certain to be the one its tags spell, and returns true; returns false
// (having handed over part of it, perhaps) for anything else, which gumbo
// must read: markup a parser would repair or that has rules of its own
// (tables, forms, unknown elements), entities beyond a short list, control
// characters, carriage returns, bytes that are not UTF-8. `max_depth`:
// nesting at which it gives up.
bool read_well_formed_html(std::string_view html, WellFormedHtmlHandler& handler, int max_depth);

}  // namespace byline::content
