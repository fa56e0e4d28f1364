// Internal to the CLI: budgetx status, what an operator looks at while shards of a batch run
// on several machines into one database.
#pragma once

#include <ctime>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/batch/batch.h"
#include "pipeline/sinks/sinks.h"

namespace budgetx::cli {

struct StatusCounts {
  int stored = 0, failed = 0, incomplete = 0;
  int inputs = 0, missing = 0;  // distinct documents (content) among the input files
};

// Writes the report on `db`: documents stored by status with pages; the failed and incomplete
// with their causes; throughput in the last ten minutes and since the first load, per host and
// shard; and, when input files are given (hashed, Job::sha256 set), how many are still missing,
// the first of them by path and the time left at the recent rate. `now` is the current time.
StatusCounts WriteStatus(const std::string& db, const std::vector<sinks::StoredDocument>& stored,
                         const std::vector<batch::Job>* inputs, std::time_t now, std::ostream& out);

}  // namespace budgetx::cli
