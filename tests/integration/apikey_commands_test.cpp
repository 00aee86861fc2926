// `byline apikey add | list | revoke` as an operator runs them.
#include "byline_process.hpp"

#include "accounts/api_keys.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace byline::testing {
namespace {

std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

TEST(ApiKeyCommands, AKeyIsShownOnceWorksAndStopsWorkingWhenRevoked) {
  TempDir data("apikey-commands");
  const std::string dir = data.path().string();
  const CommandResult added =
      run_byline({"apikey", "add", "--data", dir, "--kind", "content", "--name", "Mobile app"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const std::string key = first_match(added.output, R"(\n  ([0-9a-f]{26})\n)");
  ASSERT_FALSE(key.empty()) << added.output;
  EXPECT_NE(added.output.find("only this once"), std::string::npos);

  const CommandResult admin =
      run_byline({"apikey", "add", "--data", dir, "--kind", "admin", "--name", "Script"});
  ASSERT_EQ(admin.exit_code, 0) << admin.output;
  const std::string admin_key = first_match(admin.output, R"(\n  ([0-9a-f]{24}:[0-9a-f]{64})\n)");
  ASSERT_FALSE(admin_key.empty()) << admin.output;

  const CommandResult listed = run_byline({"apikey", "list", "--data", dir});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("Mobile app"), std::string::npos);
  EXPECT_NE(listed.output.find(key.substr(0, 6) + "…"), std::string::npos);
  EXPECT_EQ(listed.output.find(key), std::string::npos) << "the list shows a key";
  EXPECT_EQ(listed.output.find(admin_key.substr(25)), std::string::npos)
      << "the list shows a secret";
  EXPECT_NE(listed.output.find("active"), std::string::npos);

  {
    auto store = store::sqlite::SqliteStore::open(data.path() / "byline.db", 1);
    ASSERT_TRUE(store.ok());
    EXPECT_TRUE(accounts::find_content_key(**store, key)->has_value());
  }
  const CommandResult revoked = run_byline({"apikey", "revoke", "--data", dir, "1"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_NE(revoked.output.find("Revoked content API key 1 (Mobile app)"), std::string::npos)
      << revoked.output;
  {
    auto store = store::sqlite::SqliteStore::open(data.path() / "byline.db", 1);
    ASSERT_TRUE(store.ok());
    EXPECT_FALSE(accounts::find_content_key(**store, key)->has_value());
    EXPECT_TRUE(accounts::find_admin_key(**store, admin_key.substr(0, 24))->has_value());
    // The audit log names each.
    auto entries = (*store)->audit_entries(10, 0);
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 3u);
    EXPECT_EQ(entries->at(0).action, "revoked an API key");
    EXPECT_EQ(entries->at(0).actor, "command line");
  }
  EXPECT_NE(run_byline({"apikey", "list", "--data", dir}).output.find("revoked 20"),
            std::string::npos);
}

TEST(ApiKeyCommands, MistakesGetAMessageAndAFailingExit) {
  TempDir data("apikey-mistakes");
  const std::string dir = data.path().string();
  const CommandResult twice_missing = run_byline({"apikey", "revoke", "--data", dir, "7"});
  EXPECT_NE(twice_missing.exit_code, 0);
  EXPECT_NE(twice_missing.output.find("There is no API key 7."), std::string::npos)
      << twice_missing.output;

  const CommandResult bad_kind =
      run_byline({"apikey", "add", "--data", dir, "--kind", "root", "--name", "x"});
  EXPECT_NE(bad_kind.exit_code, 0);
  EXPECT_NE(bad_kind.output.find("root"), std::string::npos) << bad_kind.output;

  const CommandResult no_name = run_byline({"apikey", "add", "--data", dir, "--name", "   "});
  EXPECT_NE(no_name.exit_code, 0);
  EXPECT_NE(no_name.output.find("Give the key a name"), std::string::npos) << no_name.output;

  ASSERT_EQ(run_byline({"apikey", "add", "--data", dir, "--name", "Site"}).exit_code, 0);
  ASSERT_EQ(run_byline({"apikey", "revoke", "--data", dir, "1"}).exit_code, 0);
  const CommandResult again = run_byline({"apikey", "revoke", "--data", dir, "1"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("revoked already"), std::string::npos) << again.output;

  const CommandResult help = run_byline({"apikey", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("revoke"), std::string::npos);
}

}  // namespace
}  // namespace byline::testing
