// The view model handed to templates: a tree of strings, booleans, lists and
// objects (Mustache's data). Values are escaped when rendered with {{ }};
// only sanitised HTML may be rendered with {{{ }}}.
#pragma once

#include <kainjow/mustache.hpp>

namespace byline::render {

using View = kainjow::mustache::data;

inline View make_list() { return View(View::type::list); }

// Sets `key` only when `value` is not empty. Mustache (as kainjow renders
// it) treats an empty string as true, so optional text that a template
// tests with {{#key}} must be absent rather than "".
inline void set_if_present(View& view, const std::string& key, const std::string& value) {
  if (!value.empty()) view.set(key, value);
}

}  // namespace byline::render
