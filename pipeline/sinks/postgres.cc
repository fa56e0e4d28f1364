// PostgreSQL through libpq, for teams loading into one database from several machines.
#include <libpq-fe.h>

#include <cstdio>

#include "pipeline/sinks/database.h"

namespace budgetx::sinks {
namespace {

// The URL without its password, for messages.
std::string Redacted(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

class Postgres : public Connection {
 public:
  Postgres(std::string url, PGconn* conn) : where_(Redacted(url)), conn_(conn) {}
  ~Postgres() override { PQfinish(conn_); }

  std::string TypeName(Type type) const override {
    return type == Type::kInteger ? "BIGINT" : type == Type::kReal ? "DOUBLE PRECISION" : "TEXT";
  }
  std::string Placeholder(size_t i) const override { return "$" + std::to_string(i + 1); }
  size_t MaxParams() const override { return 65535; }

  Status Run(const std::string& sql, const std::vector<Value>& params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::monostate>(params[i])) continue;
      texts[i] = Text(params[i]);
      values[i] = texts[i].c_str();
    }
    PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0);
    ExecStatusType st = PQresultStatus(res);
    PQclear(res);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? Status::Ok() : Error(sql);
  }

  Status Shas(std::set<std::string>* out) override {
    PGresult* res = PQexec(conn_, "SELECT sha256 FROM documents");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      PQclear(res);
      return Error("SELECT sha256 FROM documents");
    }
    for (int r = 0; r < PQntuples(res); ++r) out->insert(PQgetvalue(res, r, 0));
    PQclear(res);
    return Status::Ok();
  }

  Status LockDocument(const std::string& sha256) override {
    return Run("SELECT pg_advisory_xact_lock(hashtext($1))", {sha256});
  }
  Status LockSchema() override { return Run("SELECT pg_advisory_xact_lock(hashtext('budgetx schema'))", {}); }

 private:
  static std::string Text(const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto d = std::get_if<double>(&v)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *d);
      return buf;
    }
    return std::get<std::string>(v);
  }

  Status Error(const std::string& sql) const {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::Error(Status::Code::kIoError, where_, "PostgreSQL: " + why + " in: " + Shorten(sql));
  }

  std::string where_;
  PGconn* conn_;
};

}  // namespace

Status ConnectPostgres(const std::string& url, std::unique_ptr<Connection>* out) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn ? PQerrorMessage(conn) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(conn);
    return Status::Error(Status::Code::kIoError, Redacted(url), "cannot connect to PostgreSQL: " + why);
  }
  PQsetClientEncoding(conn, "UTF8");
  *out = std::make_unique<Postgres>(url, conn);
  // Notices (e.g. "relation already exists, skipping") are not for the user's terminal.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return Status::Ok();
}

}  // namespace budgetx::sinks
