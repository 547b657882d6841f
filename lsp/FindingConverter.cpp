#include "FindingConverter.h"

#include "input/PrintableText.h"
#include "source/CallExtent.h"

#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/DiagnosticRenderer.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace mmio::lsp {

namespace {

/// Records what clang's text printer would print for a diagnostic, message by message: the diagnostic and the
/// "expanded from macro" notes of its macro backtrace, at the locations clang would show. Nothing is printed.
class MessageCollector : public DiagnosticRenderer {
public:
  struct Message {
    FullSourceLoc Loc;
    DiagnosticsEngine::Level Level;
    std::string Text;
  };

  MessageCollector(const LangOptions &LangOpts, DiagnosticOptions *Opts) : DiagnosticRenderer(LangOpts, Opts) {}

  std::vector<Message> Messages;

protected:
  void emitDiagnosticMessage(FullSourceLoc Loc, PresumedLoc, DiagnosticsEngine::Level Level, StringRef Text,
                             ArrayRef<CharSourceRange>, DiagOrStoredDiag) override {
    Messages.push_back({Loc, Level, printableText(Text)}); // as the plugin's diagnostics say it
  }
  void emitDiagnosticLoc(FullSourceLoc, PresumedLoc, DiagnosticsEngine::Level, ArrayRef<CharSourceRange>) override {}
  void emitCodeContext(FullSourceLoc, DiagnosticsEngine::Level, SmallVectorImpl<CharSourceRange> &,
                       ArrayRef<FixItHint>) override {}
  void emitIncludeLocation(FullSourceLoc, PresumedLoc) override {}
  void emitImportLocation(FullSourceLoc, PresumedLoc, StringRef) override {}
  void emitBuildingModuleLocation(FullSourceLoc, PresumedLoc, StringRef) override {}
};

/// Copies its strings: a json::Value made from a StringRef only refers to it.
llvm::json::Object related(const std::string &Uri, const Range &Where, llvm::StringRef Message) {
  return llvm::json::Object{{"location", llvm::json::Object{{"uri", Uri}, {"range", Where}}},
                            {"message", Message.str()}};
}

} // namespace

FindingConverter::FindingConverter(SourceManager &SM, const LangOptions &LangOpts, OffsetEncoding Encoding,
                                   const Ruleset &Rules, std::string MainUri, std::string Directory)
    : SM(SM), LangOpts(LangOpts), Encoding(Encoding), Rules(Rules), MainUri(std::move(MainUri)),
      Directory(std::move(Directory)) {}

std::string FindingConverter::uriOf(FileID FID) {
  if (FID == SM.getMainFileID())
    return MainUri;
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return std::string();
  llvm::SmallString<256> Path(FE->getName());
  if (!llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(Directory, Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return uriFromPath(Path);
}

Position FindingConverter::positionIn(llvm::StringRef Buffer, size_t Offset) {
  auto It = Lines.find(Buffer.data());
  if (It == Lines.end())
    It = Lines.try_emplace(Buffer.data(), Buffer).first;
  return It->second.position(Offset, Encoding);
}

std::optional<FindingConverter::Place> FindingConverter::placeOf(SourceLocation Loc) {
  if (Loc.isInvalid())
    return std::nullopt;
  Loc = SM.getFileLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  std::string Uri = uriOf(FID);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Uri.empty() || Invalid)
    return std::nullopt;
  unsigned Length = Lexer::MeasureTokenLength(Loc, SM, LangOpts);
  Place P;
  P.Uri = std::move(Uri);
  P.Where.Start = positionIn(Buffer, Offset);
  P.Where.End = positionIn(Buffer, Offset + Length);
  return P;
}

std::optional<FindingConverter::Place> FindingConverter::placeIn(const FileLocation &Where) {
  if (Where.File.empty() || !Where.Line)
    return std::nullopt;
  llvm::SmallString<256> Path(Where.File);
  if (!llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(Directory, Path);
  auto It = OutsideFiles.find(Path);
  if (It == OutsideFiles.end()) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer)
      return std::nullopt; // the built-in ruleset has no file
    It = OutsideFiles.insert({Path, (*Buffer)->getBuffer().str()}).first;
  }
  llvm::StringRef Text = It->second;
  // Where.Column is a byte column: find the byte offset, then convert.
  size_t LineStart = 0;
  for (unsigned L = 1; L < Where.Line; ++L) {
    size_t NL = Text.find('\n', LineStart);
    if (NL == llvm::StringRef::npos)
      return std::nullopt;
    LineStart = NL + 1;
  }
  size_t Offset = std::min(Text.size(), LineStart + (Where.Column ? Where.Column - 1 : 0));
  Place P;
  P.Uri = uriFromPath(Path);
  P.Where.Start = P.Where.End = positionIn(Text, Offset);
  return P;
}

std::string FindingConverter::fixTitle(const Finding &F, llvm::StringRef Original) const {
  const Rule *R = Rules.findRule(F.RuleId);
  if (R && R->FixIt)
    return ("Set " + roleName(R->FixIt->Target) + " to " + F.Fix->Replacement + " [" + F.RuleId + "]").str();
  return "Replace '" + Original.str() + "' with '" + F.Fix->Replacement + "' [" + F.RuleId + "]";
}

std::optional<LspFinding> FindingConverter::convert(const Finding &F) {
  if (F.Loc.isInvalid() || !SM.isWrittenInMainFile(SM.getFileLoc(F.Loc)))
    return std::nullopt;

  llvm::IntrusiveRefCntPtr<DiagnosticOptions> Opts(new DiagnosticOptions());
  MessageCollector Collector(LangOpts, Opts.get());
  llvm::SmallVector<FixItHint, 1> Hints;
  if (F.Fix)
    Hints.push_back(FixItHint::CreateReplacement(F.Fix->Range, F.Fix->Replacement));
  Collector.emitDiagnostic(FullSourceLoc(F.Loc, SM), DiagnosticsEngine::Warning, F.Message, {}, Hints);

  std::optional<Place> Main = placeOf(F.Loc);
  if (!Main)
    return std::nullopt;

  llvm::json::Array Related;
  auto AddRendered = [&](size_t From) {
    for (size_t I = From; I < Collector.Messages.size(); ++I) {
      const MessageCollector::Message &M = Collector.Messages[I];
      std::optional<Place> P = placeOf(M.Loc);
      Related.push_back(related(P ? P->Uri : Main->Uri, P ? P->Where : Main->Where, M.Text));
    }
  };
  // The first message is the diagnostic itself; the rest of its rendering is its macro backtrace.
  AddRendered(1);
  for (const FindingNote &N : F.Notes) {
    if (N.Loc.isValid()) {
      size_t From = Collector.Messages.size();
      Collector.emitDiagnostic(FullSourceLoc(N.Loc, SM), DiagnosticsEngine::Note, N.Message, {}, {});
      AddRendered(From);
      continue;
    }
    // A note about the ruleset: at its line in the ruleset file, or (the built-in ruleset has no file) at the call.
    std::optional<Place> P = placeIn(N.Where);
    Related.push_back(related(P ? P->Uri : Main->Uri, P ? P->Where : Main->Where, N.Message));
  }

  LspFinding Out;
  Out.RuleId = F.RuleId;
  bool IsError = F.Level == Severity::Error;
  llvm::json::Object Diagnostic{
      {"range", Main->Where},   {"severity", IsError ? 1 : 2}, {"code", F.RuleId},
      {"source", "mmio-audit"}, {"message", F.Message},
  };
  if (!Related.empty())
    Diagnostic["relatedInformation"] = std::move(Related);
  llvm::raw_string_ostream(Out.Diagnostic) << llvm::json::Value(std::move(Diagnostic));

  Out.Call = Main->Where;
  CharSourceRange Extent = callExtent(F.Loc, SM);
  if (Extent.isValid() && SM.isWrittenInMainFile(Extent.getBegin())) {
    llvm::StringRef Buffer = SM.getBufferData(SM.getMainFileID());
    Out.Call.Start = positionIn(Buffer, SM.getFileOffset(Extent.getBegin()));
    Out.Call.End = positionIn(Buffer, SM.getFileOffset(Extent.getEnd()));
  }

  if (F.Fix) {
    CharSourceRange R = Lexer::makeFileCharRange(F.Fix->Range, SM, LangOpts);
    if (R.isValid()) {
      auto [FID, Begin] = SM.getDecomposedLoc(R.getBegin());
      unsigned End = SM.getFileOffset(R.getEnd());
      bool Invalid = false;
      llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
      std::string Uri = uriOf(FID);
      if (!Invalid && !Uri.empty() && End >= Begin && End <= Buffer.size()) {
        LspFix Fix;
        Fix.Uri = std::move(Uri);
        Fix.Where.Start = positionIn(Buffer, Begin);
        Fix.Where.End = positionIn(Buffer, End);
        Fix.NewText = F.Fix->Replacement;
        Fix.Title = fixTitle(F, Buffer.slice(Begin, End));
        Out.Fix = std::move(Fix);
      }
    }
  }
  return Out;
}

} // namespace mmio::lsp
