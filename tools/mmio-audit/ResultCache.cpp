#include "ResultCache.h"
#include "Options.h"
#include "Runner.h"
#include "SummaryJson.h"

#include "input/BoundedJson.h"
#include "input/InputFile.h"
#include "report/AtomicFile.h"
#include "report/JsonReport.h"
#include "session/AuditSession.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace mmio {

namespace {

/// Entries of another layout are misses.
constexpr int CacheEntryVersion = 2; // 2: wrapper summaries
/// An entry larger than this is not read back (a unit's outcome is kilobytes; its lookups some hundred KiB).
constexpr uint64_t MaxEntryBytes = 64u << 20;
/// A file the unit read that is now larger than this is taken as changed rather than hashed.
constexpr uint64_t MaxHashedBytes = 256u << 20;

char kindLetter(FileLookup::Kind K) {
  switch (K) {
  case FileLookup::Absent:
    return 'a';
  case FileLookup::Present:
    return 'p';
  case FileLookup::Read:
    return 'r';
  }
  return 'a';
}

std::optional<FileLookup::Kind> kindOf(llvm::StringRef Letter) {
  if (Letter == "a")
    return FileLookup::Absent;
  if (Letter == "p")
    return FileLookup::Present;
  if (Letter == "r")
    return FileLookup::Read;
  return std::nullopt;
}

Value outcomeReport(const TUOutcome &O) {
  Report R;
  R.TranslationUnits.push_back(O.Info);
  R.Findings = O.Findings;
  R.Calls = O.Calls;
  return toJSON(R); // no source root: every path stays absolute
}

} // namespace

std::string toolBuildStamp() {
  SaltWriter W;
  W << versionString();
  llvm::sys::fs::file_status Self;
  if (!llvm::sys::fs::status("/proc/self/exe", Self))
    W << llvm::utostr(Self.getSize()) << llvm::utostr(Self.getLastModificationTime().time_since_epoch().count())
      << llvm::utostr(Self.getUniqueID().getFile());
  return W.take();
}

std::string sessionCacheSalt(const AuditSettings &Settings, const AuditSession &Session) {
  SaltWriter W;
  W << toolBuildStamp();
  if (Settings.RulesText) {
    W << "rules-text" << *Settings.RulesText;
  } else if (!Settings.RulesPath.empty()) {
    auto Text = readInputFile(Settings.RulesPath, 64u << 20);
    W << "rules-file" << Settings.RulesPath << (Text ? hashContent((*Text)->getBuffer()).hex() : "unreadable");
    if (!Text)
      llvm::consumeError(Text.takeError());
  } else {
    W << "built-in rules"; // compiled into the binary, which the stamp above names
  }
  W << "disabled";
  for (const std::string &D : Settings.Disabled)
    W << D;
  W << "enabled";
  for (const std::string &E : Settings.Enabled)
    W << E;
  W << (Settings.ReportUnknown ? "unknown" : "-") << (Settings.WarningsAsErrors ? "werror" : "-")
    << (Settings.AbsoluteRulesetPaths ? "absolute" : "-") << Settings.TreeRoot << Settings.TreeOverlay;
  W << "fixes";
  for (const FoundMitigation &M : Session.treeMitigations())
    W << M.Spec->Id << M.Where.File << llvm::utostr(M.Where.Line) << llvm::utostr(M.Where.Column);
  return W.take();
}

llvm::Expected<std::unique_ptr<ResultCache>> ResultCache::open(llvm::StringRef Dir, std::string Salt) {
  llvm::SmallString<256> Abs(Dir);
  if (std::error_code EC = llvm::sys::fs::make_absolute(Abs))
    return llvm::createStringError(EC, "cannot use cache directory %s: %s", Dir.str().c_str(), EC.message().c_str());
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  std::string Units = (Abs + "/units").str();
  if (std::error_code EC = llvm::sys::fs::create_directories(Units))
    return llvm::createStringError(EC, "cannot create cache directory %s: %s", Units.c_str(), EC.message().c_str());
  if (!llvm::sys::fs::is_directory(Units))
    return llvm::createStringError(std::errc::not_a_directory, "cannot use cache directory %s: not a directory",
                                   Units.c_str());
  return std::unique_ptr<ResultCache>(new ResultCache(std::string(Abs), std::move(Salt)));
}

std::string ResultCache::keyFor(llvm::StringRef RunSalt, llvm::StringRef File, llvm::StringRef Directory,
                                const std::vector<std::string> &Args) const {
  SaltWriter W;
  W << Salt << RunSalt << File << Directory;
  for (const std::string &A : Args)
    W << A;
  llvm::SHA256 H;
  H.update(W.take());
  return llvm::toHex(H.final(), /*LowerCase=*/true);
}

std::string ResultCache::entryPath(const std::string &Key) const {
  return Dir + "/units/" + Key.substr(0, 2) + "/" + Key.substr(2) + ".json";
}

bool ResultCache::stillHolds(const std::string &Path, const FileLookup &Then) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto [It, New] = Now.try_emplace(Path);
  PathNow &P = It->second;
  if (New) {
    llvm::sys::fs::file_status St;
    std::error_code EC = llvm::sys::fs::status(Path, St);
    P.Exists = !EC;
    P.Sure = !EC || EC == std::errc::no_such_file_or_directory || EC == std::errc::not_a_directory;
  }
  if (!P.Sure)
    return false;
  switch (Then.What) {
  case FileLookup::Absent:
    return !P.Exists;
  case FileLookup::Present:
    return P.Exists;
  case FileLookup::Read:
    if (!P.Exists)
      return false;
    if (!P.Hashed) {
      P.Hashed = true;
      // Read as untrusted input: only a regular file, bounded; anything else is a change.
      auto Buffer = readInputFile(Path, MaxHashedBytes);
      if (Buffer)
        P.Hash = hashContent((*Buffer)->getBuffer());
      else
        llvm::consumeError(Buffer.takeError());
    }
    return P.Hash && *P.Hash == Then.Hash;
  }
  return false;
}

std::optional<TUOutcome> ResultCache::lookup(const std::string &Key) {
  std::string Path = entryPath(Key);
  auto Buffer = readInputFile(Path, MaxEntryBytes);
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return std::nullopt;
  }
  llvm::StringRef Text = (*Buffer)->getBuffer();
  llvm::Expected<Value> Parsed = parseBoundedJSON(Text);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const Object *Root = Parsed->getAsObject();
  const Object *Entry = Root ? Root->getObject("mmioAuditCache") : nullptr;
  if (!Entry || Entry->getInteger("version") != CacheEntryVersion || Entry->getString("key") != Key)
    return std::nullopt;
  const Array *Lookups = Entry->getArray("lookups");
  const Array *Rendered = Entry->getArray("rendered");
  const Array *Used = Entry->getArray("usedSuppressions");
  if (!Lookups || !Rendered || !Used)
    return std::nullopt;
  for (const Value &L : *Lookups) {
    const Array *A = L.getAsArray();
    if (!A || A->size() < 2)
      return std::nullopt;
    std::optional<llvm::StringRef> File = (*A)[0].getAsString(), Letter = (*A)[1].getAsString();
    std::optional<FileLookup::Kind> Kind = Letter ? kindOf(*Letter) : std::nullopt;
    if (!File || !Kind)
      return std::nullopt;
    FileLookup Then{*Kind, {}};
    if (*Kind == FileLookup::Read) {
      std::optional<llvm::StringRef> Hex = A->size() == 3 ? (*A)[2].getAsString() : std::nullopt;
      std::optional<ContentHash> Hash = Hex ? ContentHash::fromHex(*Hex) : std::nullopt;
      if (!Hash)
        return std::nullopt;
      Then.Hash = *Hash;
    }
    if (!stillHolds(File->str(), Then))
      return std::nullopt;
  }
  llvm::Expected<Report> R = readJSONReport(Text, Path);
  if (!R) {
    llvm::consumeError(R.takeError());
    return std::nullopt;
  }
  if (R->TranslationUnits.size() != 1 || Rendered->size() != R->Findings.size())
    return std::nullopt;
  TUOutcome Out;
  Out.Info = std::move(R->TranslationUnits.front());
  Out.Findings = std::move(R->Findings);
  for (size_t I = 0; I < Out.Findings.size(); ++I)
    Out.Findings[I].Rendered = (*Rendered)[I].getAsString().value_or("").str();
  if (R->Calls)
    Out.Calls = std::move(*R->Calls);
  for (const Value &U : *Used) {
    const Array *A = U.getAsArray();
    if (!A || A->size() != 2 || !(*A)[0].getAsString() || !(*A)[1].getAsInteger())
      return std::nullopt;
    FileLocation L;
    L.File = (*A)[0].getAsString()->str();
    L.Line = static_cast<unsigned>(*(*A)[1].getAsInteger());
    Out.UsedSuppressions.push_back(std::move(L));
  }
  if (const Array *Summaries = Entry->getArray("summaries"))
    for (const Value &S : *Summaries) {
      std::optional<DerivedAllocator> D = summaryFromJSON(S);
      if (!D)
        return std::nullopt;
      Out.Summaries.push_back(std::move(*D));
    }
  Out.Candidate = Entry->getBoolean("candidate").value_or(false);
  Out.Cached = true;
  ++Hits;
  return Out;
}

void ResultCache::store(const std::string &Key, const TUOutcome &Outcome, const LookupLog &Lookups) {
  if (Outcome.Info.Status == TUStatus::Failed || Outcome.Undecided || !Outcome.Touched || Lookups.unsure())
    return;
  Value Whole = outcomeReport(Outcome);
  Array LookupValues, Rendered, Used;
  for (const auto &[Path, L] : Lookups.entries()) {
    Array A{Path, std::string(1, kindLetter(L.What))};
    if (L.What == FileLookup::Read)
      A.push_back(L.Hash.hex());
    LookupValues.push_back(std::move(A));
  }
  for (const ReportFinding &F : Outcome.Findings)
    Rendered.push_back(F.Rendered);
  for (const FileLocation &L : Outcome.UsedSuppressions)
    Used.push_back(Array{L.File, L.Line});
  Array Summaries;
  for (const DerivedAllocator &D : Outcome.Summaries)
    Summaries.push_back(summaryToJSON(D));
  Whole.getAsObject()->insert({"mmioAuditCache", Object{{"version", CacheEntryVersion},
                                                        {"key", Key},
                                                        {"candidate", Outcome.Candidate},
                                                        {"rendered", std::move(Rendered)},
                                                        {"usedSuppressions", std::move(Used)},
                                                        {"summaries", std::move(Summaries)},
                                                        {"lookups", std::move(LookupValues)}}});
  std::string Path = entryPath(Key);
  std::error_code EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  llvm::Error E = EC ? llvm::createStringError(EC, "cannot write %s: %s", Path.c_str(), EC.message().c_str())
                     : writeFileAtomically(Path, [&](llvm::raw_ostream &OS) {
                         OS << Whole;
                         return llvm::Error::success();
                       });
  if (E) {
    std::lock_guard<std::mutex> Lock(Mutex);
    std::string Message = llvm::toString(std::move(E));
    if (FirstWriteError.empty())
      FirstWriteError = Message;
    return;
  }
  ++Stored;
}

std::string ResultCache::writeError() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return FirstWriteError;
}

} // namespace mmio
