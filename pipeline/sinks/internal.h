// Internal to the sinks stage.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <functional>
#include <ostream>
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
  virtual Status Put(const batch::Job& job, const batch::Result& result) = 0;
  virtual Status Close() = 0;
};

Status OpenFolder(const Options& options, std::unique_ptr<Store>* out);
// `shard` ("K/N" or empty) is recorded with each load.
Status OpenDatabase(const std::string& target, const std::string& shard, std::unique_ptr<Store>* out);

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
using Rows = std::map<std::string, std::vector<RowValues>>;  // per table name, columns in order

// The documents row, from the head of a document's JSON (batch::Result::head).
RowValues DocumentRow(const Json& head);
// The loads row: when, how long the worker took, on which host and shard (--shard K/N).
RowValues LoadRow(const std::string& sha256, double seconds, const std::string& shard);
// The rows of element `index` of the top-level array `array` ("tables" gives a tables row and
// its cells) of the document with this sha256; other arrays add nothing.
void FlattenElement(const std::string& sha256, const std::string& array, size_t index, const Json& element, Rows* out);

// Calls `each` with every element of the top-level arrays of the JSON file at `path`, one at a
// time (a long document is never one tree in memory).
Status ForEachElement(const std::string& path,
                      const std::function<Status(const std::string& array, size_t index, const Json& element)>& each);

// A record's amount in yuan as exact decimal text: 123456 fen → "1234.56".
std::string Yuan(int64_t fen);

// Writes to `path` through a temporary file renamed into place.
Status WriteWhole(const std::string& path, const std::function<void(std::ostream&)>& write);

// The exports, built from the stored documents, which `each_doc` hands over one at a time.
using EachDocument = std::function<Status(const std::function<void(const Json&)>& use)>;
Status WriteDocumentsJsonl(const EachDocument& each_doc, std::ostream& out);
Status WriteRecordsCsv(const EachDocument& each_doc, std::ostream& out);
Status WriteFindingsCsv(const EachDocument& each_doc, std::ostream& out);
// budget.csv; *descriptor gets datapackage.json, whose measures are those the records need, each
// record's direction and phase decided by `measures` (rules::RuleSet::fdp_measures).
Status WriteFdp(const EachDocument& each_doc, const std::vector<rules::Pattern>& measures, std::ostream& csv,
                std::string* descriptor);

}  // namespace budgetx::sinks
