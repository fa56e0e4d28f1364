// Internal to the sinks stage.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "pipeline/sinks/sinks.h"

namespace budgetx::sinks {

using Json = nlohmann::ordered_json;

// One backend: a folder or a database.
class Store {
 public:
  virtual ~Store() = default;
  virtual bool Has(const std::string& sha256) const = 0;
  virtual Status Put(const batch::Job& job, const Json& doc) = 0;
  virtual Status Close() = 0;
};

Status OpenFolder(const std::string& dir, const std::vector<std::string>& formats, std::unique_ptr<Store>* out);
Status OpenDatabase(const std::string& target, std::unique_ptr<Store>* out);

// --- the relational shape of a document (docs/database.md) ---------------------------------------

enum class Type { kInteger, kReal, kText };
struct ColumnDef {
  const char* name;
  Type type;
};
struct TableDef {
  const char* name;
  std::vector<ColumnDef> columns;
  size_t key_columns;                // the primary key is the first key_columns columns
  std::vector<const char*> indexes;  // single-column indexes
};
const std::vector<TableDef>& Schema();  // documents first; every other table starts with sha256

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using RowValues = std::vector<Value>;
// Rows per table name, in the columns' order.
std::map<std::string, std::vector<RowValues>> Flatten(const Json& doc);

// A record's amount in yuan as exact decimal text: 123456 fen → "1234.56".
std::string Yuan(int64_t fen);

// Writes `text` to `path` through a temporary file renamed into place.
Status WriteWhole(const std::string& path, const std::string& text);

// The exports, built from the stored documents.
std::string DocumentsJsonl(const std::vector<Json>& docs);
std::string RecordsCsv(const std::vector<Json>& docs);
std::string FdpCsv(const std::vector<Json>& docs);
std::string FdpDescriptor(const std::vector<Json>& docs);

}  // namespace budgetx::sinks
