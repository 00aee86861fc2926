#include "accounts/api_keys.hpp"

#include "accounts/secrets.hpp"
#include "common/text_encoding.hpp"

#include <algorithm>

namespace byline::accounts {
namespace {

bool is_lower_hex(std::string_view text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string_view to_string(store::ApiKeyKind kind) {
  return kind == store::ApiKeyKind::admin ? "admin" : "content";
}

std::string describe(const store::ApiKey& key) {
  return std::string(to_string(key.kind)) + " key " + std::to_string(key.id) + " (" + key.name +
         ")";
}

Result<std::string> integration_name(std::string_view typed, std::string_view when_empty) {
  // One line, without the spaces around it.
  std::string cleaned = clean_text(typed);
  std::replace_if(
      cleaned.begin(), cleaned.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; },
      ' ');
  cleaned.erase(0, cleaned.find_first_not_of(' '));
  cleaned.erase(cleaned.find_last_not_of(' ') + 1);
  if (cleaned.empty()) return make_error(ErrorCode::invalid_input, std::string(when_empty));
  // Characters as a reader counts them: UTF-8 bytes that start one.
  const auto characters = std::count_if(cleaned.begin(), cleaned.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (static_cast<std::size_t>(characters) > kMaxApiKeyNameCharacters) {
    return make_error(
        ErrorCode::invalid_input,
        "A name has at most " + std::to_string(kMaxApiKeyNameCharacters) + " characters.");
  }
  return cleaned;
}

Result<NewApiKey> add_api_key(store::Store& store, store::ApiKeyKind kind, std::string_view name,
                              content::Id created_by, content::Time now) {
  auto cleaned = integration_name(name, "Give the key a name: what will use it?");
  BYLINE_TRY(cleaned);
  NewApiKey made;
  store::ApiKey& record = made.record;
  record.kind = kind;
  record.name = std::move(*cleaned);
  record.created_at = now;
  record.created_by = created_by;
  if (kind == store::ApiKeyKind::content) {
    made.key = random_hex(13);  // 26 hex characters
    record.lookup = token_digest(made.key);
  } else {
    record.lookup = random_hex(12);  // the 24-hex id
    record.secret = random_hex(32);  // 64 hex
    made.key = record.lookup + ":" + record.secret;
  }
  record.hint = made.key.substr(0, 6);
  auto id = store.create_api_key(record);
  BYLINE_TRY(id);
  record.id = *id;
  return made;
}

Result<std::optional<store::ApiKey>> find_content_key(store::Store& store, std::string_view key) {
  if (!is_lower_hex(key, 26)) return std::optional<store::ApiKey>{};
  auto found = store.api_key_by_lookup(token_digest(key));
  BYLINE_TRY(found);
  if (!*found || (*found)->kind != store::ApiKeyKind::content || (*found)->revoked_at) {
    return std::optional<store::ApiKey>{};
  }
  return found;
}

Result<std::optional<store::ApiKey>> find_admin_key(store::Store& store, std::string_view key_id) {
  if (!is_lower_hex(key_id, 24)) return std::optional<store::ApiKey>{};
  auto found = store.api_key_by_lookup(key_id);
  BYLINE_TRY(found);
  if (!*found || (*found)->kind != store::ApiKeyKind::admin || (*found)->revoked_at) {
    return std::optional<store::ApiKey>{};
  }
  return found;
}

Result<store::ApiKey> revoke_api_key(store::Store& store, content::Id id, content::Time now) {
  auto keys = store.api_keys();
  BYLINE_TRY(keys);
  const auto key =
      std::find_if(keys->begin(), keys->end(), [&](const store::ApiKey& k) { return k.id == id; });
  if (key == keys->end()) {
    return make_error(ErrorCode::not_found, "There is no API key " + std::to_string(id) + ".");
  }
  auto revoked = store.revoke_api_key(id, now);
  BYLINE_TRY(revoked);
  if (!*revoked) {
    return make_error(ErrorCode::conflict, "API key " + std::to_string(id) + " (" + key->name +
                                               ") was revoked already.");
  }
  key->revoked_at = now;
  return *key;
}

}  // namespace byline::accounts
