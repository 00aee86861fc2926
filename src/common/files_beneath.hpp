// Reading a file a request names, inside one folder: no step of the way may
// be a symlink, so nothing placed in the folder can lead a reader outside it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

// The bytes of the regular file at `relative` (components joined by '/')
// under `root`; nullopt when there is none, when a component is empty, "."
// or "..", when any step is a symlink, or when it holds more than
// `max_bytes`. `root` itself is the operator's and may be a symlink.
std::optional<std::string> read_file_beneath(const std::filesystem::path& root, std::string_view relative,
                                             std::size_t max_bytes);

// Whether read_file_beneath would find a file there (without reading it).
bool is_file_beneath(const std::filesystem::path& root, std::string_view relative);

}  // namespace byline
