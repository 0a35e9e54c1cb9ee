// The main of every chronicle benchmark: takes the --corpus* options (bench_corpus.hpp),
// then hands the rest of the command line to Google Benchmark.
#include <benchmark/benchmark.h>

#include <iostream>
#include <string>

#include "bench_corpus.hpp"

int main(int argc, char** argv) {
  const std::string error = chronicle::bench::take_corpus_options(argc, argv);
  if (!error.empty()) {
    std::cerr << argv[0] << ": " << error << "\n";
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::AddCustomContext("corpus", chronicle::bench::corpus_options().file.empty()
                                            ? "generated in-process"
                                            : chronicle::bench::corpus_options().file);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
