// Fuzzes the language server's input side with arbitrary bytes as the client's stream: framing, JSON, and the
// server's handling of each message (the lifecycle, document sync, code actions), as the serving loop does it. It
// must not crash, hang or leak. Replies go nowhere, and a stand-in takes the analysis's place (clang would cost
// seconds an input and is not what is fuzzed here); analyses run inline, so that an input replays the same.
#include "FrameParser.h"
#include "MessageSink.h"
#include "Server.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

using namespace mmio;
using namespace mmio::lsp;

namespace {

// A fixed place, so that the seeds can name its files: the ruleset the server is started with (saving it in the
// editor reloads it), and a directory without a compilation database, so that no document, whatever its path,
// finds a real one.
constexpr const char *FuzzDir = "/tmp/mmio-audit-lsp-fuzz";
constexpr const char *RulesFile = "/tmp/mmio-audit-lsp-fuzz/rules.yaml";
// One rule: the server loads its ruleset for each input, and the built-in one would take most of the time.
constexpr const char *RulesText = R"(version: 1
allocators:
  - name: vmbus_allocate_mmio
    params: {destination: 0, min: 2, max: 3, size: 4, align: 5}
rules:
  - id: fuzz-rule
    message: "window can start below 4GB"
    require:
      min-at-least: 0x100000000
)";

/// Serialises each message as the transport would, then drops it: what the server builds must be printable.
class DiscardSink : public MessageSink {
public:
  bool send(const llvm::json::Value &Message) override {
    std::string Json;
    llvm::raw_string_ostream(Json) << Message;
    return true;
  }
  bool connected() const override { return true; }
};

/// The stand-in analysis: a finding with a quick fix on each line that mentions "mmio" (so that code actions have
/// something to offer), and a unit that "does not compile" when the text has "#error".
AnalysisResult standIn(const AnalysisRequest &Request, const AuditSession &) {
  AnalysisResult Result;
  llvm::StringRef Text;
  if (auto It = Request.Overlay.find(Request.Path); It != Request.Overlay.end())
    Text = It->second;
  if (Text.contains("#error")) {
    Result.State = AnalysisResult::Status::DidNotCompile;
    Result.Problem = "#error";
    return Result;
  }
  size_t LineStart = 0;
  while (LineStart <= Text.size() && Result.Findings.size() < 8) {
    size_t LineEnd = std::min(Text.find('\n', LineStart), Text.size());
    llvm::StringRef Line = Text.slice(LineStart, LineEnd);
    if (Line.contains("mmio")) {
      LspFinding F;
      F.RuleId = "fuzz-rule";
      F.Call =
          Range{offsetToPosition(Text, LineStart, Request.Encoding), offsetToPosition(Text, LineEnd, Request.Encoding)};
      llvm::raw_string_ostream(F.Diagnostic) << llvm::json::Value(llvm::json::Object{
          {"range", F.Call}, {"severity", 2}, {"code", "fuzz-rule"}, {"source", "mmio-audit"}, {"message", "fuzz"}});
      F.Fix = LspFix{Request.Uri, F.Call, Line.str() + " /* fixed */", "fuzz fix"};
      Result.Findings.push_back(std::move(F));
    }
    LineStart = LineEnd + 1;
  }
  return Result;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  // Written afresh by each run, through a rename, as parallel jobs share it.
  if (llvm::sys::fs::create_directories(FuzzDir))
    return 0; // then the server starts without rules (and says so), as it does when --rules cannot be read
  llvm::SmallString<128> Temp;
  int Fd;
  if (llvm::sys::fs::createUniqueFile(llvm::Twine(RulesFile) + ".%%%%%%", Fd, Temp))
    return 0;
  {
    llvm::raw_fd_ostream OS(Fd, /*shouldClose=*/true);
    OS << RulesText;
  }
  if (llvm::sys::fs::rename(Temp, RulesFile))
    llvm::sys::fs::remove(Temp);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);

  // A pipe hands the stream over in pieces of any size: the frames must not depend on where it was cut.
  std::vector<std::pair<FrameParser::Status, std::string>> Frames = framesOf(Input, Input.size() + 1);
  if (framesOf(Input, 1 + Size % 13) != Frames)
    __builtin_trap();

  static llvm::raw_null_ostream *Null = [] {
    auto *S = new llvm::raw_null_ostream();
    S->SetUnbuffered(); // as ServerOptions::Log must be
    return S;
  }();
  ServerOptions Options;
  Options.CompileCommandsDir = FuzzDir;
  Options.Session.RulesPath = RulesFile;
  Options.AnalyseInline = true; // each input replays the same, and every analysis it asks for runs
  Options.Verbose = true;
  // MMIO_LSP_FUZZ_LOG=1: the server's log on stderr, to see what an input does.
  Options.Log = std::getenv("MMIO_LSP_FUZZ_LOG") ? static_cast<llvm::raw_ostream *>(&llvm::errs()) : Null;
  Options.Analyse = standIn;
  DiscardSink Sink;
  Server S(Sink, std::move(Options));
  for (const auto &[Status, Body] : Frames)
    if (Status == FrameParser::Status::Message && S.receive(Body) == Server::After::Exit)
      break;
  return 0;
}
