// Keys for the APIs, in the shapes Ghost's clients check: a Content API key
// is 26 hex characters, sent in the query string; an Admin API key is
// "24hex:64hex", an id and a secret the client signs its tokens with.
// A key is shown once, when it is made; the Store keeps a content key's
// digest only. Revoking takes effect on the next request.
#pragma once

#include "common/result.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace byline::accounts {

inline constexpr std::size_t kMaxApiKeyNameCharacters = 100;  // letters, not bytes

// What an admin typed to name a key or a webhook, as one line of at most
// kMaxApiKeyNameCharacters; invalid_input saying `when_empty` for nothing.
Result<std::string> integration_name(std::string_view typed, std::string_view when_empty);

struct NewApiKey {
  store::ApiKey record;
  std::string key;  // the whole key, to be shown once
};

// Makes a key for `name` (what it is for), by `created_by` (0: the command
// line). invalid_input for an empty or overlong name.
Result<NewApiKey> add_api_key(store::Store& store, store::ApiKeyKind kind, std::string_view name,
                              content::Id created_by, content::Time now);

// The content key `key` if it is one and not revoked.
Result<std::optional<store::ApiKey>> find_content_key(store::Store& store, std::string_view key);

// The admin key whose public id is `key_id` if there is one and it is not
// revoked (its secret checks the token's signature).
Result<std::optional<store::ApiKey>> find_admin_key(store::Store& store, std::string_view key_id);

// Revokes key `id`; not_found when there is no such key, conflict when it
// was revoked already.
Result<store::ApiKey> revoke_api_key(store::Store& store, content::Id id, content::Time now);

std::string_view to_string(store::ApiKeyKind kind);

// A key as the audit log and the logs name it: "content key 3 (Mobile app)".
std::string describe(const store::ApiKey& key);

}  // namespace byline::accounts
