// Languages of sites and posts, as BCP 47 tags ("en", "fa", "pt-BR").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byline::content {

// `text` as a canonical language tag ("pt_br" → "pt-BR"); nullopt when it
// names no language ICU knows.
std::optional<std::string> language_tag(std::string_view text);

// The language's name in itself, as readers of it call it: "فارسی", "Deutsch".
std::string language_name(std::string_view tag);

bool is_right_to_left(std::string_view tag);

// A tag's primary language subtag, in lower case: "fa" for "fa-IR" and
// "FA"; what an edition's code and the lists of a language go by.
std::string primary_language(std::string_view tag);

}  // namespace byline::content
