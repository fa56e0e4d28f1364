// Internal to the sinks stage: what the database sink needs of a database.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {

class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::string TypeName(Type type) const = 0;
  // One statement; params bind to ? (SQLite) or $1… (PostgreSQL), as Placeholder gives them.
  virtual Status Run(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  virtual std::string Placeholder(size_t i) const = 0;  // 0-based
  virtual size_t MaxParams() const = 0;
  // A statement's result rows, each value as text (NULL as empty text).
  virtual Status Query(const std::string& sql, const std::vector<Value>& params,
                       std::vector<std::vector<std::string>>* rows) = 0;
  // Serialises loaders of the same document (several machines at once); inside a transaction.
  virtual Status LockDocument(const std::string& sha256) = 0;
  virtual Status LockSchema() = 0;  // around CREATE … IF NOT EXISTS
  virtual std::string SchemaObjectsQuery() const = 0;  // the names of the tables and indexes there are
};

// A statement as quoted in an error message: its first 160 bytes.
inline std::string Shorten(const std::string& sql) { return sql.size() > 160 ? sql.substr(0, 160) + "…" : sql; }

// SQLite for a file, PostgreSQL for a postgresql:// (or postgres://) URL.
Status Connect(const std::string& target, std::unique_ptr<Connection>* out);
Status ConnectSqlite(const std::string& path, std::unique_ptr<Connection>* out);
Status ConnectPostgres(const std::string& url, std::unique_ptr<Connection>* out);

}  // namespace budgetx::sinks
