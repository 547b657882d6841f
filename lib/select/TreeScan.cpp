#include "TreeScan.h"
#include "FileSpelling.h"
#include "TreeWalk.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace mmio {

namespace {

bool isIdentifierChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_' || C == '$';
}

/// True when the `##` at `At` in `Text` has, right beside it, a literal piece of an allocator's name
/// (isPastedPiece).
bool pastesPieceAt(llvm::StringRef Text, size_t At, const WantedNames &Names) {
  size_t Left = At;
  while (Left > 0 && (Text[Left - 1] == ' ' || Text[Left - 1] == '\t'))
    --Left;
  size_t LeftStart = Left;
  while (LeftStart > 0 && isIdentifierChar(Text[LeftStart - 1]))
    --LeftStart;
  size_t Right = At + 2;
  while (Right < Text.size() && (Text[Right] == ' ' || Text[Right] == '\t'))
    ++Right;
  size_t RightEnd = Right;
  while (RightEnd < Text.size() && isIdentifierChar(Text[RightEnd]))
    ++RightEnd;
  return isPastedPiece(Text.slice(LeftStart, Left), Names) || isPastedPiece(Text.slice(Right, RightEnd), Names);
}

/// True when some `##` in `Text` pastes a piece of an allocator's name.
bool pastesPieceOf(llvm::StringRef Text, const WantedNames &Names) {
  for (size_t At = Text.find("##"); At != llvm::StringRef::npos; At = Text.find("##", At + 2))
    if (pastesPieceAt(Text, At, Names))
      return true;
  return false;
}

/// Reads a regular file whole without ever blocking on it (a FIFO planted in a tree is refused, not waited on).
enum class ReadResult { Read, NotRegular, TooLarge, Failed };
/// A read buffer that grows without clearing what it holds, its text followed by a NUL as clang's lexer needs.
struct ReadBuffer {
  std::unique_ptr<char[]> Data;
  size_t Capacity = 0, Size = 0;
  operator llvm::StringRef() const { return llvm::StringRef(Data.get(), Size); }
  void reserve(size_t N) {
    if (N + 1 > Capacity) {
      Capacity = std::max(N + 1, Capacity * 2);
      Data.reset(new char[Capacity]);
    }
  }
};

ReadResult readRegularFile(const std::string &Path, uint64_t MaxBytes, ReadBuffer &Text, FileStamp &Stamp) {
  int FD = ::open(Path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (FD < 0)
    return ReadResult::Failed;
  struct stat St;
  ReadResult Result = ReadResult::Read;
  if (::fstat(FD, &St) != 0)
    Result = ReadResult::Failed;
  else if (!S_ISREG(St.st_mode))
    Result = ReadResult::NotRegular;
  else if (static_cast<uint64_t>(St.st_size) > MaxBytes)
    Result = ReadResult::TooLarge;
  if (Result != ReadResult::Failed)
    Stamp = stampOf(St);
  if (Result == ReadResult::Read) {
    // The size stat gave, no more: a file that grows while read, or a /proc file that claims size 0, stays bounded.
    size_t Want = St.st_size;
    Text.reserve(Want);
    size_t Done = 0;
    while (Done < Want) {
      ssize_t N = ::read(FD, Text.Data.get() + Done, Want - Done);
      if (N < 0 && errno == EINTR)
        continue;
      if (N <= 0)
        break;
      Done += N;
    }
    Text.Size = Done;
    Text.Data[Done] = '\0';
  }
  ::close(FD);
  return Result;
}

/// The trailing components an include operand names, without its `.` and `..` steps: "linux/hyperv.h" for
/// "../include/linux/hyperv.h".
std::string includeTail(llvm::StringRef Operand) {
  std::string Tail;
  for (auto It = llvm::sys::path::begin(Operand, llvm::sys::path::Style::posix), End = llvm::sys::path::end(Operand);
       It != End; ++It) {
    if (*It == "." || *It == ".." || *It == "/")
      continue;
    if (!Tail.empty())
      Tail += '/';
    Tail += *It;
  }
  return Tail;
}

bool pathEndsWith(llvm::StringRef Path, llvm::StringRef Tail) {
  return Path == Tail ||
         (Path.ends_with(Tail) && Path.size() > Tail.size() && Path[Path.size() - Tail.size() - 1] == '/');
}

} // namespace

class TreeScanBuilder {
public:
  explicit TreeScanBuilder(const ScanRequest &Request) : Request(Request) {}

  llvm::Expected<TreeScan> build() {
    if (llvm::Error E = listFiles())
      return std::move(E);
    for (const std::string &N : Request.Allocators) {
      Names.Allocators.insert(N);
      Heads.insert(llvm::StringRef(N).take_front(MinPastedPiece));
    }
    bool UseCache = usesCache();
    if (UseCache && buildFromCache()) {
      // Nothing the closure depends on changed: the files' cached closure stands.
      if (SaveWanted)
        closeOverIncludes();
      saveCache();
      return std::move(Scan);
    }
    std::string Note = std::move(Scan.CacheNote);
    Scan = TreeScan();
    Scan.CacheNote = std::move(Note);
    Names.Macros.clear();
    Names.PieceMacros.clear();
    // The first round reads every file: includes, and the files that spell an allocator or paste a piece of one.
    llvm::StringSet<> New = Names.Allocators;
    std::vector<std::vector<std::string>> Macros(Paths.size());
    forEachFile([&](size_t I, llvm::StringRef Text) { firstRead(I, Text, Macros[I]); });
    keepReadFiles();
    // From here on files are the scan's, once each by identity.
    std::vector<std::vector<std::string>> ByFile(Scan.Files.size());
    for (size_t K = 0; K < Scan.Files.size(); ++K)
      ByFile[K] = std::move(Macros[PathOf[K]]);
    Macros = std::move(ByFile);
    Scan.Rounds = 1;
    // Each further round reads again only for the macros the last round found, until none is new.
    while (true) {
      New.clear();
      for (size_t I = 0; I < Macros.size(); ++I)
        for (std::string &M : Macros[I])
          if (!Names.contains(M))
            New.insert(M);
      for (auto &[Macro, Piece] : FoundPieces)
        if (Names.PieceMacros.try_emplace(Macro, Piece).second)
          New.insert(Macro);
      FoundPieces.clear();
      if (New.empty())
        break;
      if (Scan.Rounds >= Request.MaxRounds) {
        std::vector<llvm::StringRef> Some;
        for (const auto &E : New)
          Some.push_back(E.getKey());
        llvm::sort(Some);
        Some.resize(std::min<size_t>(Some.size(), 5));
        return llvm::createStringError(
            std::errc::result_out_of_range, "macros that spell an allocator's name nest deeper than %u levels (%s%s)",
            Request.MaxRounds, llvm::join(Some, ", ").c_str(), New.size() > Some.size() ? ", ..." : "");
      }
      for (const auto &E : New)
        if (!Names.PieceMacros.count(E.getKey()))
          Names.Macros.insert(E.getKey());
      for (auto &M : Macros)
        M.clear();
      ++Scan.Rounds;
      forEachKept([&](size_t K, llvm::StringRef Text) {
        if (spellsAnyOf(Text, New) || pastesPieceOf(Text, Names)) {
          FileSpelling S = spellingOf(Text, Names);
          if (S.MayCall)
            Scan.Files[K].MayCall = true;
          Macros[K].insert(Macros[K].end(), S.Macros.begin(), S.Macros.end());
          notePieceMacros(S);
        }
      });
    }
    for (const auto &E : Names.Macros)
      Scan.Derived.push_back(E.getKey().str());
    llvm::sort(Scan.Derived);
    closeOverIncludes();
    if (UseCache)
      saveCache();
    return std::move(Scan);
  }

private:
  /// Paths to read, with whether each is a unit's source; the walk's bounds enforced.
  llvm::Error listFiles() {
    for (const std::string &U : Request.Units)
      addPath(U, /*Unit=*/true);
    for (const std::string &X : Request.Extra)
      addPath(X, false);
    if (llvm::Error E = walkRoots())
      return E;
    // Files only in the other contents (deleted since) come last, read from there alone.
    FirstVirtual = Paths.size();
    if (Request.AlsoAs)
      for (const auto &E : *Request.AlsoAs)
        if (!llvm::sys::fs::exists(E.getKey()))
          addPath(E.getKey().str(), false);
    return llvm::Error::success();
  }

  llvm::Error walkRoots() {
    WalkRequest Walk;
    Walk.Roots = Request.Roots;
    Walk.SkipDirectories = Request.SkipDirectories;
    Walk.MaxEntries = Request.MaxFiles;
    Walk.Threads = threads();
    // A cached scan needs every file's stamp, and takes it cheapest beside the directory entry.
    Walk.Stamps = usesCache();
    llvm::Expected<std::vector<WalkedFile>> Files = walkTree(Walk);
    if (!Files)
      return Files.takeError();
    for (WalkedFile &F : *Files) {
      addPath(std::move(F.Path), false);
      if (F.Stamped)
        Stamps.back() = F.Stamp;
    }
    return llvm::Error::success();
  }

  /// The cache is not used with other contents (ScanRequest::CachePath).
  bool usesCache() const { return !Request.CachePath.empty() && !Request.AlsoAs; }

  unsigned threads() const {
    return Request.Threads ? Request.Threads : llvm::hardware_concurrency().compute_thread_count();
  }

  void addPath(std::string Path, bool Unit) {
    Paths.push_back(std::move(Path));
    Stamps.emplace_back();
    IsUnit.push_back(Unit);
  }

  void forEachFile(llvm::function_ref<void(size_t, llvm::StringRef)> Visit) {
    Read.assign(Paths.size(), {});
    parallelFor(Paths.size(), [&](size_t I, ReadBuffer &Buffer) {
      ReadOutcome &R = Read[I];
      if (I >= FirstVirtual) { // only in the other contents: an identity of its own
        R.Result = ReadResult::Read;
        R.Stamp.ID = llvm::sys::fs::UniqueID(~uint64_t(0), I);
      } else {
        R.Result = readRegularFile(Paths[I], Request.MaxFileBytes, Buffer, R.Stamp);
        if (R.Result == ReadResult::Read) {
          R.Bytes = Buffer.Size;
          Visit(I, Buffer);
        }
      }
      if (const std::string *Other = otherContents(Paths[I]))
        if (R.Result == ReadResult::Read)
          Visit(I, *Other);
    });
  }

  const std::string *otherContents(const std::string &Path) const {
    if (!Request.AlsoAs)
      return nullptr;
    auto It = Request.AlsoAs->find(Path);
    return It == Request.AlsoAs->end() ? nullptr : &It->second;
  }

  void forEachKept(llvm::function_ref<void(size_t, llvm::StringRef)> Visit) {
    parallelFor(Scan.Files.size(), [&](size_t K, ReadBuffer &Buffer) {
      TreeScan::File &F = Scan.Files[K];
      if (F.Unread)
        return;
      if (const std::string *Other = otherContents(F.Path))
        Visit(K, *Other);
      if (F.ID.getDevice() == ~uint64_t(0))
        return;
      FileStamp Stamp;
      if (readRegularFile(F.Path, Request.MaxFileBytes, Buffer, Stamp) != ReadResult::Read || Stamp.ID != F.ID) {
        F.Unread = F.MayCall = true; // changed under the scan: no claim about it
        return;
      }
      Visit(K, Buffer);
    });
  }

  void parallelFor(size_t Count, llvm::function_ref<void(size_t, ReadBuffer &)> Work) {
    unsigned Threads = threads();
    std::atomic<size_t> Next{0};
    auto Worker = [&] {
      ReadBuffer Buffer;
      constexpr size_t Chunk = 64;
      for (size_t Start = Next.fetch_add(Chunk); Start < Count; Start = Next.fetch_add(Chunk))
        for (size_t I = Start; I < std::min(Count, Start + Chunk); ++I)
          Work(I, Buffer);
    };
    if (Threads <= 1 || Count < 256) {
      Worker();
      return;
    }
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
    for (unsigned T = 0; T < Threads; ++T)
      Pool.async(Worker);
    Pool.wait();
  }

  void notePieceMacros(FileSpelling &S) {
    if (S.PieceMacros.empty())
      return;
    std::lock_guard<std::mutex> Lock(PiecesMutex);
    for (auto &P : S.PieceMacros)
      FoundPieces.push_back(std::move(P));
  }

  void firstRead(size_t I, llvm::StringRef Text, std::vector<std::string> &Macros) {
    ReadOutcome &R = Read[I];
    bool Pastes = false;
    for (std::string &Include :
         includesOf(Text, R.ComputedInclude, [&](size_t At) { Pastes = Pastes || pastesPieceAt(Text, At, Names); }))
      R.Includes.push_back(std::move(Include));
    // Every spelling of a name, whole or as the first piece of a paste, holds the name's first characters.
    if (Pastes || spellsAnyOf(Text, Heads, /*WordStartOnly=*/true)) {
      FileSpelling S = spellingOf(Text, Names);
      R.MayCall |= S.MayCall;
      Macros.insert(Macros.end(), S.Macros.begin(), S.Macros.end());
      notePieceMacros(S);
    }
  }

  /// Files read become the scan's, once each by identity; those too large to read count as calling, and a unit's
  /// source that cannot be read at all is left to the compile that reports why.
  void keepReadFiles() {
    for (size_t I = 0; I < Paths.size(); ++I) {
      ReadOutcome &R = Read[I];
      if (R.Result == ReadResult::NotRegular || R.Result == ReadResult::Failed)
        continue;
      auto [It, Inserted] = Scan.ByID.try_emplace(R.Stamp.ID, Scan.Files.size());
      if (!Inserted) {
        Scan.Files[It->second].Unit |= IsUnit[I];
        continue;
      }
      TreeScan::File F;
      F.Path = std::move(Paths[I]); // Paths are not read again
      F.ID = R.Stamp.ID;
      F.Size = R.Stamp.Size;
      F.MTimeNs = R.Stamp.MTimeNs;
      F.Includes = std::move(R.Includes);
      F.ComputedInclude = R.ComputedInclude;
      F.Unit = IsUnit[I];
      F.Unread = R.Result == ReadResult::TooLarge;
      F.MayCall = R.MayCall || F.Unread;
      F.Spells = R.MayCall || F.Unread;
      Scan.Bytes += R.Bytes;
      Scan.Reused += R.FromCache;
      Scan.Files.push_back(std::move(F));
      PathOf.push_back(I);
    }
    Read.clear();
  }

  /// Whoever includes a file that may call, by a name that can reach it, may call too; so may a file whose
  /// `#include` takes a macro, once a header (`.h`, `.inc`) may call: what a macro names is assumed to be a header,
  /// which spares every trace header's `#include TRACE_INCLUDE(...)` while only C sources call.
  void closeOverIncludes() {
    std::vector<TreeScan::File> &Files = Scan.Files;
    llvm::StringMap<std::vector<std::pair<size_t, size_t>>> IncludersByName; // basename -> (file, include)
    for (size_t I = 0; I < Files.size(); ++I)
      for (size_t J = 0; J < Files[I].Includes.size(); ++J)
        IncludersByName[llvm::sys::path::filename(Files[I].Includes[J], llvm::sys::path::Style::posix)].push_back(
            {I, J});
    std::vector<size_t> Work;
    for (size_t I = 0; I < Files.size(); ++I)
      if (Files[I].MayCall) {
        Files[I].Spells = true;
        Work.push_back(I);
      }
    bool ComputedDone = false;
    while (true) {
      while (!Work.empty()) {
        size_t T = Work.back();
        Work.pop_back();
        auto It = IncludersByName.find(llvm::sys::path::filename(Files[T].Path));
        if (It == IncludersByName.end())
          continue;
        for (auto [I, J] : It->second)
          if (!Files[I].MayCall && pathEndsWith(Files[T].Path, includeTail(Files[I].Includes[J]))) {
            Files[I].MayCall = true;
            Work.push_back(I);
          }
      }
      if (ComputedDone)
        break;
      bool HeaderCalls = llvm::any_of(Files, [](const TreeScan::File &F) {
        llvm::StringRef Path = F.Path;
        return F.MayCall && (Path.ends_with(".h") || Path.ends_with(".inc"));
      });
      if (!HeaderCalls)
        break;
      ComputedDone = true;
      for (size_t I = 0; I < Files.size(); ++I)
        if (Files[I].ComputedInclude && !Files[I].MayCall) {
          Files[I].MayCall = true;
          Work.push_back(I);
        }
    }
  }

  static constexpr llvm::StringLiteral CacheMagic = "mmio-audit scan cache 2";

  /// One file as the cache remembers it.
  struct CachedFile {
    FileStamp Stamp;
    bool Unread = false, ComputedInclude = false, Spells = false;
    bool MayCall = false; // after the include closure
    /// Its `I` lines in the cache's text, parsed only when needed (most runs need none of them).
    llvm::StringRef IncludeLines;
    std::vector<std::string> includes() const {
      std::vector<std::string> Out;
      llvm::StringRef Rest = IncludeLines;
      while (!Rest.empty()) {
        auto [Line, Next] = Rest.split('\n');
        Out.push_back(Line.drop_front(2).str());
        Rest = Next;
      }
      return Out;
    }
  };
  std::unique_ptr<llvm::MemoryBuffer> CacheText; // what CachedFile::IncludeLines point into

  /// What the cache holds that still applies: the names derived last time, and each file's facts by path. The
  /// cache is this tool's own file, but it is read as any input: a line that does not parse discards it all.
  bool loadCache(llvm::StringMap<CachedFile> &Out) {
    auto Buffer = llvm::MemoryBuffer::getFile(Request.CachePath, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return false;
    CacheText = std::move(*Buffer);
    llvm::StringRef Text = CacheText->getBuffer();
    llvm::StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    if (Line != CacheMagic)
      return false;
    std::tie(Line, Text) = Text.split('\n');
    if (Line !=
        "allocators " + llvm::join(Request.Allocators, " ") + " max-bytes " + llvm::utostr(Request.MaxFileBytes))
      return false;
    CachedFile *Last = nullptr;
    while (!Text.empty()) {
      std::tie(Line, Text) = Text.split('\n');
      auto [Tag, Rest] = Line.split(' ');
      if (Tag == "D") {
        Names.Macros.insert(Rest);
      } else if (Tag == "P") {
        auto [Macro, Piece] = Rest.split(' ');
        Names.PieceMacros[Macro] = Piece.str();
      } else if (Tag == "I" && Last) {
        const char *Start = Last->IncludeLines.empty() ? Line.data() : Last->IncludeLines.data();
        Last->IncludeLines = llvm::StringRef(Start, Line.end() - Start);
      } else if (Tag == "F") {
        llvm::SmallVector<llvm::StringRef, 6> Fields;
        Rest.split(Fields, ' ', /*MaxSplit=*/5);
        uint64_t Dev, Ino, Size, MTime;
        unsigned Flags;
        if (Fields.size() != 6 || Fields[0].getAsInteger(10, Dev) || Fields[1].getAsInteger(10, Ino) ||
            Fields[2].getAsInteger(10, Size) || Fields[3].getAsInteger(10, MTime) ||
            Fields[4].getAsInteger(10, Flags) || Fields[5].empty())
          return false;
        CachedFile &F = Out[Fields[5]];
        F.Stamp = FileStamp{llvm::sys::fs::UniqueID(Dev, Ino), Size, MTime};
        F.Unread = Flags & 1;
        F.ComputedInclude = Flags & 2;
        F.Spells = Flags & 4;
        F.MayCall = Flags & 8;
        Last = &F;
      } else {
        return false;
      }
    }
    return true;
  }

  /// The scan from the cache: unchanged files not read; changed ones read and held to the names derived last time.
  /// False (and a note) when a changed file derives a new name, so the caller scans afresh.
  bool buildFromCache() {
    llvm::StringMap<CachedFile> Cached;
    if (!loadCache(Cached)) {
      if (llvm::sys::fs::exists(Request.CachePath))
        Scan.CacheNote = "the scan cache " + Request.CachePath + " does not read back: scanned afresh";
      Names.Macros.clear();
      Names.PieceMacros.clear();
      return false;
    }
    llvm::DenseMap<llvm::sys::fs::UniqueID, const CachedFile *> ByID;
    for (const auto &E : Cached)
      ByID[E.getValue().Stamp.ID] = &E.getValue();
    std::atomic<bool> NewName{false}, FactsChanged{false};
    std::atomic<size_t> Changed{0};
    Read.assign(Paths.size(), {});
    parallelFor(Paths.size(), [&](size_t I, ReadBuffer &Buffer) {
      ReadOutcome &R = Read[I];
      struct stat St;
      auto It = Cached.find(Paths[I]);
      const CachedFile *Same = nullptr;
      std::optional<FileStamp> Now = Stamps[I];
      if (!Now && ::stat(Paths[I].c_str(), &St) == 0 && S_ISREG(St.st_mode))
        Now = stampOf(St);
      if (Now) {
        if (It != Cached.end())
          Same = It->second.Stamp == *Now ? &It->second : nullptr;
        else if (auto Alias = ByID.find(Now->ID); Alias != ByID.end() && Alias->second->Stamp == *Now)
          Same = Alias->second; // another name (a symbolic link) of a file the cache knows
      }
      if (Same) {
        const CachedFile &C = *Same; // a unit's source is listed twice (as a unit, and by the walk)
        R.Result = C.Unread ? ReadResult::TooLarge : ReadResult::Read;
        R.Stamp = C.Stamp;
        R.Cached = &C;
        R.ComputedInclude = C.ComputedInclude;
        R.MayCall = C.Spells;
        R.FromCache = true;
        return;
      }
      R.Result = readRegularFile(Paths[I], Request.MaxFileBytes, Buffer, R.Stamp);
      if (R.Result != ReadResult::Read) {
        // A file that cannot be read is not kept: one the cache does not hold either (a unit's source Kbuild has
        // not generated yet, every run) changes nothing the scan found.
        if (It != Cached.end() || R.Result == ReadResult::TooLarge)
          FactsChanged = true;
        return;
      }
      R.Bytes = Buffer.Size;
      llvm::StringRef Text = Buffer;
      R.Includes = includesOf(Text, R.ComputedInclude);
      FileSpelling S = spellingOf(Text, Names);
      R.MayCall = S.MayCall;
      ++Changed;
      if (It == Cached.end() || It->second.Unread || It->second.ComputedInclude != R.ComputedInclude ||
          It->second.Spells != R.MayCall || It->second.includes() != R.Includes)
        FactsChanged = true;
      else
        R.Cached = &It->second; // the same facts: its cached closure stands
      for (const std::string &M : S.Macros)
        if (!Names.contains(M) && !Names.PieceMacros.count(M))
          NewName = true;
      for (const auto &P : S.PieceMacros)
        if (!Names.PieceMacros.count(P.first))
          NewName = true;
    });
    if (NewName) {
      Scan.CacheNote = "a changed file derives a name the scan cache does not know: scanned afresh";
      Read.clear();
      return false;
    }
    // A few files changed in time but not in what the scan takes from them (an edit inside a function): rewriting
    // the whole cache costs more than reading them again next time, and the cached closure stands.
    SaveWanted = FactsChanged || Changed > MaxChangedUnsaved;
    std::vector<bool> ClosedMayCall(Read.size());
    for (size_t I = 0; I < Read.size(); ++I) {
      ReadOutcome &R = Read[I];
      if (!R.Cached)
        continue;
      ClosedMayCall[I] = R.Cached->MayCall;
      if (SaveWanted && R.FromCache)
        R.Includes = R.Cached->includes();
    }
    keepReadFiles();
    if (!SaveWanted)
      for (size_t K = 0; K < Scan.Files.size(); ++K)
        Scan.Files[K].MayCall = Scan.Files[K].MayCall || ClosedMayCall[PathOf[K]];
    for (const auto &E : Names.Macros)
      Scan.Derived.push_back(E.getKey().str());
    llvm::sort(Scan.Derived);
    Scan.Rounds = 0;
    return true;
  }

  static constexpr size_t MaxChangedUnsaved = 64;
  bool SaveWanted = true;

  /// Writes the cache whole beside its path and renames it over: a reader sees the old one or the new one.
  void saveCache() {
    if (!SaveWanted)
      return; // the cache on disk says all this already, but for the times of a few files
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << CacheMagic << "\n"
       << "allocators " << llvm::join(Request.Allocators, " ") << " max-bytes " << Request.MaxFileBytes << "\n";
    for (const auto &E : Names.Macros)
      OS << "D " << E.getKey() << "\n";
    for (const auto &E : Names.PieceMacros)
      OS << "P " << E.getKey() << " " << E.getValue() << "\n";
    for (const TreeScan::File &F : Scan.Files) {
      if (F.ID.getDevice() == ~uint64_t(0) || llvm::StringRef(F.Path).contains('\n'))
        continue;
      if (llvm::any_of(F.Includes, [](const std::string &I) { return llvm::StringRef(I).contains('\n'); }))
        continue;
      OS << "F " << F.ID.getDevice() << " " << F.ID.getFile() << " " << F.Size << " " << F.MTimeNs << " "
         << (unsigned(F.Unread) | unsigned(F.ComputedInclude) << 1 | unsigned(F.Spells) << 2 | unsigned(F.MayCall) << 3)
         << " " << F.Path << "\n";
      for (const std::string &I : F.Includes)
        OS << "I " << I << "\n";
    }
    OS.flush();
    llvm::StringRef Dir = llvm::sys::path::parent_path(Request.CachePath);
    std::error_code EC = llvm::sys::fs::create_directories(Dir);
    llvm::Expected<llvm::sys::fs::TempFile> Temp =
        EC ? llvm::Expected<llvm::sys::fs::TempFile>(llvm::errorCodeToError(EC))
           : llvm::sys::fs::TempFile::create(Request.CachePath + "-%%%%%%.tmp");
    if (!Temp) {
      Scan.CacheNote = "cannot write " + Request.CachePath + ": " + llvm::toString(Temp.takeError());
      return;
    }
    llvm::raw_fd_ostream Out(Temp->FD, /*shouldClose=*/false);
    Out << Text;
    Out.flush();
    if (Out.has_error()) {
      Out.clear_error();
      Scan.CacheNote = "cannot write " + Request.CachePath;
      llvm::consumeError(Temp->discard());
      return;
    }
    if (llvm::Error E = Temp->keep(Request.CachePath))
      Scan.CacheNote = "cannot write " + Request.CachePath + ": " + llvm::toString(std::move(E));
    else
      Scan.Written = true;
  }

  struct ReadOutcome {
    ReadResult Result = ReadResult::Failed;
    FileStamp Stamp;
    bool FromCache = false;
    const CachedFile *Cached = nullptr; // facts as the cache has them (this file unchanged, or changed alike)
    std::vector<std::string> Includes;
    bool ComputedInclude = false;
    bool MayCall = false;
    uint64_t Bytes = 0;
  };

  const ScanRequest &Request;
  WantedNames Names;
  llvm::StringSet<> Heads; // the allocators' names' first MinPastedPiece characters
  std::mutex PiecesMutex;
  std::vector<std::pair<std::string, std::string>> FoundPieces; // piece macros found in the last round
  std::vector<std::string> Paths;
  std::vector<std::optional<FileStamp>> Stamps; // by index in Paths: the walk's stat, for a cached scan
  std::vector<bool> IsUnit;
  std::vector<ReadOutcome> Read;
  std::vector<size_t> PathOf; // a scan file's index in Paths
  size_t FirstVirtual = ~size_t(0);
  TreeScan Scan;
};

llvm::Expected<TreeScan> TreeScan::run(const ScanRequest &Request) { return TreeScanBuilder(Request).build(); }

bool TreeScan::mayCall(llvm::StringRef Path) const {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St))
    return true;
  auto It = ByID.find(St.getUniqueID());
  return It == ByID.end() || Files[It->second].MayCall;
}

std::vector<std::string> TreeScan::callingFiles(bool OwnText) const {
  std::vector<std::string> Out;
  for (const File &F : Files)
    if (OwnText ? F.Spells : F.MayCall)
      Out.push_back(F.Path);
  llvm::sort(Out);
  return Out;
}

} // namespace mmio
