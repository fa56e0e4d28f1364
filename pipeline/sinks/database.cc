// The database sink: one transaction per document, replacing what its sha256 held.
#include "pipeline/sinks/database.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace budgetx::sinks {
namespace {

std::string CreateTable(const Connection& db, const TableDef& t) {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(t.name) + " (";
  for (const auto& c : t.columns) sql += std::string(c.name) + " " + db.TypeName(c.type) + ", ";
  sql += "PRIMARY KEY (";
  for (size_t i = 0; i < t.key_columns; ++i) sql += (i ? ", " : "") + std::string(t.columns[i].name);
  return sql + "))";
}

class DatabaseStore : public Store {
 public:
  DatabaseStore(std::string shard, std::unique_ptr<Connection> db) : shard_(std::move(shard)), db_(std::move(db)) {}

  // Tables and indexes are made only when missing: DDL on a table locks it against the loads of
  // other machines, and two loaders each waiting for the other's lock are a deadlock.
  Status Open() {
    std::set<std::string> present;
    BUDGETX_RETURN_IF_ERROR(SchemaObjects(&present));
    if (std::any_of(Schema().begin(), Schema().end(), [&](const TableDef& t) { return !Complete(t, present); })) {
      BUDGETX_RETURN_IF_ERROR(Within([&] {
        BUDGETX_RETURN_IF_ERROR(db_->LockSchema());
        present.clear();
        BUDGETX_RETURN_IF_ERROR(SchemaObjects(&present));  // as another loader may have left it
        for (const auto& t : Schema()) {
          if (!present.count(t.name)) BUDGETX_RETURN_IF_ERROR(db_->Run(CreateTable(*db_, t)));
          for (const char* column : t.indexes) {
            const std::string name = IndexName(t, column);
            if (present.count(name)) continue;
            BUDGETX_RETURN_IF_ERROR(db_->Run("CREATE INDEX IF NOT EXISTS " + name + " ON " + t.name + " (" + column + ")"));
          }
        }
        return Status::Ok();
      }));
    }
    std::vector<std::vector<std::string>> shas;
    BUDGETX_RETURN_IF_ERROR(db_->Query("SELECT sha256 FROM documents", {}, &shas));
    for (auto& row : shas) loaded_.insert(std::move(row[0]));
    return Status::Ok();
  }

  bool Has(const std::string& sha256) const override { return loaded_.count(sha256) > 0; }

  // The document's rows replace whatever its sha256 held, in one transaction; they are read from
  // its JSON element by element and inserted in batches.
  Status Put(const batch::Job&, const batch::Result& result) override {
    std::string sha = result.head["source"].value("sha256", "");
    BUDGETX_RETURN_IF_ERROR(Within([&] {
      BUDGETX_RETURN_IF_ERROR(db_->LockDocument(sha));
      for (auto t = Schema().rbegin(); t != Schema().rend(); ++t) {
        BUDGETX_RETURN_IF_ERROR(db_->Run("DELETE FROM " + std::string(t->name) + " WHERE sha256 = " + db_->Placeholder(0), {sha}));
      }
      Rows rows;
      rows["documents"].push_back(DocumentRow(result.head));
      rows["loads"].push_back(LoadRow(sha, result.seconds, shard_));
      BUDGETX_RETURN_IF_ERROR(ForEachElement(result.json_path, [&](const std::string& array, size_t i, const Json& e) {
        FlattenElement(sha, array, i, e, &rows);
        return rows["cells"].size() >= kBatchRows ? InsertAll(&rows) : Status::Ok();
      }));
      return InsertAll(&rows);
    }));
    loaded_.insert(sha);
    return Status::Ok();
  }

  Status Close() override { return Status::Ok(); }

 private:
  static std::string IndexName(const TableDef& t, const char* column) { return std::string(t.name) + "_" + column; }

  static bool Complete(const TableDef& t, const std::set<std::string>& present) {
    return present.count(t.name) &&
           std::all_of(t.indexes.begin(), t.indexes.end(), [&](const char* c) { return present.count(IndexName(t, c)); });
  }

  Status SchemaObjects(std::set<std::string>* out) {
    std::vector<std::vector<std::string>> rows;
    BUDGETX_RETURN_IF_ERROR(db_->Query(db_->SchemaObjectsQuery(), {}, &rows));
    for (auto& row : rows) out->insert(std::move(row[0]));
    return Status::Ok();
  }

  // Runs `body` in a transaction: committed when it succeeds, rolled back otherwise.
  template <typename Body>
  Status Within(Body body) {
    BUDGETX_RETURN_IF_ERROR(db_->Run("BEGIN"));
    Status s = body();
    if (!s.ok()) {
      db_->Run("ROLLBACK");
      return s;
    }
    return db_->Run("COMMIT");
  }

  static constexpr size_t kBatchRows = 20000;

  // Inserts the rows gathered so far, documents first (the others name it), and forgets them.
  Status InsertAll(Rows* rows) {
    for (const auto& t : Schema()) {
      BUDGETX_RETURN_IF_ERROR(Insert(t, (*rows)[t.name]));
      (*rows)[t.name].clear();
    }
    return Status::Ok();
  }

  // Many rows per statement, as many as the database takes parameters.
  Status Insert(const TableDef& t, const std::vector<RowValues>& rows) {
    size_t per = std::max<size_t>(1, std::min<size_t>(500, db_->MaxParams() / t.columns.size()));
    std::string head = "INSERT INTO " + std::string(t.name) + " (";
    for (size_t i = 0; i < t.columns.size(); ++i) head += (i ? ", " : "") + std::string(t.columns[i].name);
    head += ") VALUES ";
    for (size_t start = 0; start < rows.size(); start += per) {
      size_t end = std::min(rows.size(), start + per);
      std::string sql = head;
      std::vector<Value> params;
      for (size_t r = start; r < end; ++r) {
        sql += r > start ? ", (" : "(";
        for (size_t c = 0; c < t.columns.size(); ++c) {
          sql += (c ? ", " : "") + db_->Placeholder(params.size());
          params.push_back(rows[r][c]);
        }
        sql += ")";
      }
      BUDGETX_RETURN_IF_ERROR(db_->Run(sql, params));
    }
    return Status::Ok();
  }

  std::string shard_;
  std::unique_ptr<Connection> db_;
  std::set<std::string> loaded_;
};

}  // namespace

Status Connect(const std::string& target, std::unique_ptr<Connection>* out) {
  bool postgres = target.starts_with("postgresql://") || target.starts_with("postgres://");
  return postgres ? ConnectPostgres(target, out) : ConnectSqlite(target, out);
}

Status ReadStored(const std::string& target, std::vector<StoredDocument>* out) {
  std::unique_ptr<Connection> db;
  BUDGETX_RETURN_IF_ERROR(Connect(target, &db));
  std::vector<std::vector<std::string>> documents, loads;
  BUDGETX_RETURN_IF_ERROR(db->Query("SELECT sha256, path, status, error, pages FROM documents", {}, &documents));
  // A database loaded before the loads table existed has none: its documents have no load time.
  if (!db->Query("SELECT sha256, loaded_at, seconds, host, shard FROM loads", {}, &loads).ok()) loads.clear();
  // An incomplete document's cause is its first error-level warning.
  std::vector<std::vector<std::string>> errors;
  BUDGETX_RETURN_IF_ERROR(db->Query(
      "SELECT sha256, message FROM warnings WHERE severity = 'error' ORDER BY sha256, warning_index", {}, &errors));
  std::map<std::string, std::string> first_error;
  for (auto& row : errors) first_error.emplace(row[0], std::move(row[1]));
  std::map<std::string, const std::vector<std::string>*> load_of;
  for (const auto& row : loads) load_of[row[0]] = &row;
  for (const auto& row : documents) {
    StoredDocument d{row[0], row[1], row[2], row[3], std::strtoll(row[4].c_str(), nullptr, 10)};
    if (d.error.empty() && first_error.count(d.sha256)) d.error = first_error[d.sha256];
    if (auto it = load_of.find(d.sha256); it != load_of.end()) {
      const auto& load = *it->second;
      d.loaded_at = load[1];
      d.seconds = std::strtod(load[2].c_str(), nullptr);
      d.host = load[3];
      d.shard = load[4];
    }
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

Status OpenDatabase(const std::string& target, const std::string& shard, std::unique_ptr<Store>* out) {
  std::unique_ptr<Connection> db;
  BUDGETX_RETURN_IF_ERROR(Connect(target, &db));
  auto store = std::make_unique<DatabaseStore>(shard, std::move(db));
  BUDGETX_RETURN_IF_ERROR(store->Open());
  *out = std::move(store);
  return Status::Ok();
}

}  // namespace budgetx::sinks
