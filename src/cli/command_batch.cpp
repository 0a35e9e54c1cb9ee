// chronicle batch: JSONL documents on standard input, one JSONL result a line on standard
// output, in input order, with worker threads. The stage that Hadoop Streaming, Spark's
// RDD.pipe() or GNU parallel run on many machines.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <chronicle/io/json.hpp>
#include <chronicle/io/timeline_json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "options.hpp"

namespace chronicle::cli {

namespace {

constexpr const char* batch_usage =
    R"(usage: chronicle batch [options] < documents.jsonl > results.jsonl

Reads JSONL on standard input, one document a line:
  {"id": "a1", "text": "...", "dct": "2022-01-06", "year": 2022}     (dct and year optional)
and writes JSONL on standard output, one result a line, in input order: the timeline object
of `chronicle extract --format json` (README.md, "JSON schema"). A line that cannot be read
or processed gives an error record instead, and the rest go on:
  {"line": 7, "error": "column 12: expected ',' or '}'"}
with "id" too when the line got that far. Blank lines are skipped. Memory stays bounded: lines
are read as the workers take them.

options:
  -j N               worker threads (default 1; 0: one per core); the output is the same for
                     every N
  --dct VALUE        DCT for lines without "dct" (default: each text's dateline)
  --year YEAR        year for lines without "year"
  --policy P         news (default), closest or future
  --mode M           news (default) or narrative
  --layers L,...     timex,event,tlink (default: all)
  --progress         show a progress bar on standard error (documents, MB/s, ETA)
  --no-progress      never show it (default: shown on long runs when standard error is a
                     terminal)
  --help             this text

Exit status: 0 every line gave a result; 1 some lines gave error records (all the others
were still processed and written) or the output could not be written; 2 usage error.
)";

struct Settings {
  ReconstructOptions options;
  unsigned threads = 1;
  int progress = -1;  // -1 auto, 0 off, 1 on
};

Settings parse_args(const Args& args) {
  Settings s;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (parse_pipeline_option(args, i, s.options)) continue;
    if (a == "-j" || (a.size() > 2 && a.substr(0, 2) == "-j")) {
      std::string_view v = a.substr(2);
      if (v.empty()) {
        if (i + 1 >= args.size()) throw usage_error("-j needs a number of threads");
        v = args[++i];
      }
      const int n = parse_int(v, "-j");
      if (n < 0 || n > 256) throw usage_error("-j takes 0 (one per core) to 256");
      s.threads =
          n == 0 ? std::max(1u, std::thread::hardware_concurrency()) : static_cast<unsigned>(n);
    } else if (a == "--progress") {
      s.progress = 1;
    } else if (a == "--no-progress") {
      s.progress = 0;
    } else {
      throw usage_error(fmt::format("unknown argument '{}' (documents come on standard input)", a));
    }
  }
  return s;
}

// One line's result: its JSON object, or an error record.
std::string process(std::size_t line_no, std::string& line, const ReconstructOptions& options,
                    bool& failed) {
  std::string out;
  std::string id;
  try {
    DocumentRequest request = parse_document_line(line, &id);
    std::string().swap(line);  // the text now lives in the request
    const Timeline t = reconstruct_request(std::move(request), options);
    json::Writer w(out);
    json::write(w, t);
    out += '\n';
    failed = false;
    return out;
  } catch (const std::exception& e) {
    out.clear();
    json::Writer w(out);
    w.begin_object().key("line").value(line_no);
    if (!id.empty()) w.key("id").value(id);
    w.key("error").value(std::string_view(e.what())).end_object();
    out += '\n';
    failed = true;
    return out;
  }
}

// Reads standard input line by line in large blocks.
class LineReader {
 public:
  explicit LineReader(std::FILE* in) : in_(in) { buffer_.resize(1 << 20); }

  // The next line without its '\n'; false at the end of the input. A last line without '\n'
  // still counts.
  bool next(std::string& line) {
    line.clear();
    bool any = false;
    for (;;) {
      if (pos_ == size_) {
        if (eof_) return any;
        size_ = std::fread(buffer_.data(), 1, buffer_.size(), in_);
        pos_ = 0;
        if (size_ == 0) {
          eof_ = true;
          error_ = std::ferror(in_) != 0;
          return any;
        }
      }
      const char* start = buffer_.data() + pos_;
      const void* nl = std::memchr(start, '\n', size_ - pos_);
      if (nl) {
        const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
        line.append(start, n);
        pos_ += n + 1;
        return true;
      }
      line.append(start, size_ - pos_);
      any = true;
      pos_ = size_;
    }
  }

  bool error() const { return error_; }

 private:
  std::FILE* in_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, size_ = 0;
  bool eof_ = false, error_ = false;
};

// The progress bar: documents, MB/s and, when the input's size is known, a bar and an ETA.
class Progress {
 public:
  Progress(bool enabled, std::uint64_t total) : enabled_(enabled), total_(total) {}

  void update(std::uint64_t docs, std::uint64_t bytes, bool final) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    // Short runs stay silent; long ones redraw a few times a second.
    if (!final && (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(200))) return;
    if (final && !drawn_) return;
    last_ = now;
    drawn_ = true;
    const double mb = static_cast<double>(bytes) / 1e6;
    const double rate = elapsed > 0 ? mb / elapsed : 0;
    std::string line = "\r";
    if (total_ > 0) {
      const double done = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
      const int filled = static_cast<int>(done * 30);
      line += '[' + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(30 - filled), ' ') + "] ";
      line += fmt::format("{:3.0f}%  ", done * 100);
    }
    line += fmt::format("{} documents  {:.1f} MB  {:.1f} MB/s", docs, mb, rate);
    if (total_ > 0 && rate > 0 && !final) {
      const auto eta = static_cast<long>((static_cast<double>(total_) / 1e6 - mb) / rate);
      line += fmt::format("  ETA {}:{:02}:{:02}", eta / 3600, eta / 60 % 60, eta % 60);
    }
    line += "\x1b[K";
    if (final) line += '\n';
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
  bool drawn_ = false;
};

// Lines go to the workers through a queue; results come back into a ring of slots and are
// written in input order. The reader waits while the ring is full, so memory stays bounded
// however long the input.
class Batch {
 public:
  Batch(const Settings& s, Progress& progress)
      : options_(s.options),
        threads_(s.threads),
        window_(s.threads * 4),
        slots_(window_),
        progress_(progress) {}

  int run() {
    std::vector<std::thread> workers;
    for (unsigned k = 0; k < threads_; ++k) workers.emplace_back([this] { work(); });
    std::thread writer([this] { write(); });
    LineReader reader(stdin);
    std::string line;
    std::size_t line_no = 0;
    while (reader.next(line)) {
      ++line_no;
      if (blank(line)) continue;
      std::unique_lock<std::mutex> lock(m_);
      space_.wait(lock, [&] { return next_seq_ - written_ < window_ || stop_; });
      if (stop_) break;
      const std::uint64_t bytes = line.size() + 1;
      queue_.push_back(Job{next_seq_++, line_no, bytes, std::move(line)});
      lock.unlock();
      work_.notify_one();
      line = std::string();
    }
    {
      std::lock_guard<std::mutex> lock(m_);
      eof_ = true;
    }
    work_.notify_all();
    done_.notify_all();
    for (auto& w : workers) w.join();
    writer.join();
    progress_.update(written_, done_bytes_, true);
    if (reader.error()) {
      fmt::print(stderr, "chronicle batch: <stdin>: read error\n");
      return 1;
    }
    if (write_failed_) {
      fmt::print(stderr, "chronicle batch: cannot write to standard output\n");
      return 1;
    }
    if (failures_ > 0) {
      fmt::print(stderr, "chronicle batch: {} of {} lines gave error records\n", failures_,
                 written_);
      return 1;
    }
    return 0;
  }

 private:
  struct Job {
    std::size_t seq;
    std::size_t line;
    std::uint64_t bytes;  // of the input line
    std::string text;
  };
  struct Slot {
    bool ready = false;
    bool failed = false;
    std::uint64_t bytes = 0;
    std::string out;
  };

  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(m_);
        work_.wait(lock, [&] { return !queue_.empty() || eof_ || stop_; });
        if (stop_ || queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      bool failed = false;
      std::string out = process(job.line, job.text, options_, failed);
      {
        std::lock_guard<std::mutex> lock(m_);
        Slot& slot = slots_[job.seq % window_];
        slot.out = std::move(out);
        slot.failed = failed;
        slot.bytes = job.bytes;
        slot.ready = true;
      }
      done_.notify_all();
    }
  }

  void write() {
    for (;;) {
      std::string out;
      bool failed = false;
      std::uint64_t line_bytes = 0;
      {
        std::unique_lock<std::mutex> lock(m_);
        done_.wait(lock, [&] {
          return slots_[written_ % window_].ready || (eof_ && written_ == next_seq_) || stop_;
        });
        if (stop_ || !slots_[written_ % window_].ready) return;
        Slot& slot = slots_[written_ % window_];
        out.swap(slot.out);
        failed = slot.failed;
        line_bytes = slot.bytes;
        slot.ready = false;
      }
      const bool ok = std::fwrite(out.data(), 1, out.size(), stdout) == out.size();
      std::uint64_t written = 0, bytes = 0;
      {
        std::lock_guard<std::mutex> lock(m_);
        ++written_;
        if (failed) ++failures_;
        done_bytes_ += line_bytes;
        written = written_;
        bytes = done_bytes_;
        if (!ok) {
          write_failed_ = true;
          stop_ = true;
        }
      }
      space_.notify_one();
      if (!ok) {
        work_.notify_all();
        return;
      }
      progress_.update(written, bytes, false);
    }
  }

  ReconstructOptions options_;
  unsigned threads_;
  std::size_t window_;
  std::vector<Slot> slots_;
  Progress& progress_;

  std::mutex m_;
  std::condition_variable work_, done_, space_;
  std::deque<Job> queue_;
  std::size_t next_seq_ = 0;  // sequence number of the next line read
  std::size_t written_ = 0;   // results written so far
  std::size_t failures_ = 0;
  std::uint64_t done_bytes_ = 0;  // input bytes whose results are written
  bool eof_ = false, stop_ = false, write_failed_ = false;
};

}  // namespace

int run_batch(const Args& args) {
  if (wants_help(args)) {
    fmt::print("{}", batch_usage);
    return 0;
  }
  Settings s;
  try {
    s = parse_args(args);
  } catch (const usage_error& e) {
    fmt::print(stderr, "chronicle batch: {}\n(chronicle batch --help lists the options)\n",
               e.what());
    return 2;
  }
  std::uint64_t total = 0;
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
    total = static_cast<std::uint64_t>(st.st_size);
  }
  const bool show = s.progress == 1 || (s.progress == -1 && ::isatty(STDERR_FILENO));
  Progress progress(show, total);
  const int status = Batch(s, progress).run();
  std::fflush(stdout);
  return status;
}

}  // namespace chronicle::cli
