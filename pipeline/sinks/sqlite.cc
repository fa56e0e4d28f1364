// SQLite, the embedded default database.
#include <sqlite3.h>

#include <map>

#include "pipeline/sinks/database.h"

namespace budgetx::sinks {
namespace {

class Sqlite : public Connection {
 public:
  Sqlite(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  ~Sqlite() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  std::string TypeName(Type type) const override {
    return type == Type::kInteger ? "INTEGER" : type == Type::kReal ? "REAL" : "TEXT";
  }
  std::string Placeholder(size_t) const override { return "?"; }  // ?NNN lookups are slow in long statements
  size_t MaxParams() const override { return 32766; }  // SQLITE_MAX_VARIABLE_NUMBER since 3.32

  Status Run(const std::string& sql, const std::vector<Value>& params) override { return Query(sql, params, nullptr); }

  Status Query(const std::string& sql, const std::vector<Value>& params,
               std::vector<std::vector<std::string>>* rows) override {
    sqlite3_stmt* stmt = nullptr;
    BUDGETX_RETURN_IF_ERROR(Prepare(sql, &stmt));
    for (size_t i = 0; i < params.size(); ++i) Bind(stmt, static_cast<int>(i + 1), params[i]);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (!rows) continue;
      auto& row = rows->emplace_back();
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_DONE ? Status::Ok() : Error(sql);
  }

  // One writer at a time is SQLite's own rule; the busy timeout waits for the others.
  Status LockDocument(const std::string&) override { return Status::Ok(); }
  Status LockSchema() override { return Status::Ok(); }
  std::string SchemaObjectsQuery() const override {
    return "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')";
  }

 private:
  Status Prepare(const std::string& sql, sqlite3_stmt** stmt) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return *stmt = it->second, Status::Ok();
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, stmt, nullptr) != SQLITE_OK) return Error(sql);
    statements_[sql] = *stmt;
    return Status::Ok();
  }

  static void Bind(sqlite3_stmt* stmt, int i, const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) sqlite3_bind_int64(stmt, i, *p);
    else if (auto d = std::get_if<double>(&v)) sqlite3_bind_double(stmt, i, *d);
    else if (auto s = std::get_if<std::string>(&v)) sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    else sqlite3_bind_null(stmt, i);
  }

  Status Error(const std::string& sql) const {
    return Status::Error(Status::Code::kIoError, path_, std::string("SQLite: ") + sqlite3_errmsg(db_) + " in: " + Shorten(sql));
  }

  std::string path_;
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Status ConnectSqlite(const std::string& path, std::unique_ptr<Connection>* out) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::Error(Status::Code::kIoError, path, "cannot open SQLite database: " + why);
  }
  sqlite3_busy_timeout(db, 30000);
  auto conn = std::make_unique<Sqlite>(path, db);
  // WAL: a reader (an analyst's query) never blocks the load, and a killed load loses only the
  // transaction it was in.
  BUDGETX_RETURN_IF_ERROR(conn->Run("PRAGMA journal_mode=WAL", {}));
  BUDGETX_RETURN_IF_ERROR(conn->Run("PRAGMA synchronous=NORMAL", {}));
  *out = std::move(conn);
  return Status::Ok();
}

}  // namespace budgetx::sinks
