// Stage: sinks — where a batch's documents are kept.
//
// Input:  each document's canonical JSON (output stage), or its failed-document record, with the
//         batch job it came from.
// Output: a folder (--out DIR): DIR/NAME.json per document (NAME: its path below the folder
//         given, without extension), each written under a temporary name and renamed, and
//         DIR/manifest.jsonl, one line per stored document (sha256, file, status). On Close the
//         exports asked for are rebuilt from the stored documents, whole or not at all:
//           jsonl  DIR/documents.jsonl, one document per line;
//           csv    DIR/records.csv, one amount per line (document, table, row, column, fen, yuan),
//                  and DIR/findings.csv, one finding per line (document, rule, severity, message);
//           fdp    DIR/datapackage.json + DIR/budget.csv, a Fiscal Data Package of the records
//                  (measure in CNY with factor; direction and phase by the rules' fdp_measures).
//         A database (--db FILE for SQLite, --db postgresql://… for PostgreSQL): the tables of
//         docs/database.md (documents, tables, cells, records, checks, findings, corrections,
//         warnings, loads),
//         created when missing. Each document is one transaction that replaces whatever its
//         sha256 held, so loads are idempotent (the loads table alone says when, on which host
//         and shard, and how long it took); PostgreSQL loads take a lock per sha256, so
//         several machines may load into one database at once.
// Resume: Has(sha256) is true for documents stored by an earlier run (the manifest, the
//         documents table); a run killed at any point leaves no half-written file or document.
// Errors: Status naming the folder, file or database and the cause (for SQL, the statement).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/batch/batch.h"
#include "pipeline/rules/rules.h"

namespace budgetx::sinks {

struct Options {
  std::string out_dir;               // empty: no folder
  std::vector<std::string> formats;  // json (always, with a folder), jsonl, csv, fdp
  std::vector<std::string> dbs;      // databases to load (each a file or postgresql:// URL)
  std::vector<rules::Pattern> fdp_measures;  // the rules' fdp_measures, for the fdp export
  std::string shard;                 // "K/N" of --shard, recorded in the loads table
};

// Every sink the options ask for, behind one batch::Sink: Put stores in each, Has asks all.
class Sinks : public batch::Sink {
 public:
  virtual Status Close() = 0;  // builds the exports; closes the database
};

Status Open(const Options& options, std::unique_ptr<Sinks>* out);

// A stored document as budgetx status reports it: the documents row and its last load.
struct StoredDocument {
  std::string sha256, path, status;
  std::string error;  // a failed document's cause; an incomplete one's first error-level warning
  int64_t pages = 0;
  std::string loaded_at, host, shard;  // empty for documents loaded before the loads table was
  double seconds = 0;
};
// Every document a database holds (--db FILE or URL). Errors name the database.
Status ReadStored(const std::string& db, std::vector<StoredDocument>* out);

// A database as messages name it: a URL without its password.
std::string Redacted(const std::string& db);

// The formats --format accepts.
bool KnownFormat(const std::string& format);

}  // namespace budgetx::sinks
