#include "suppress/Suppression.h"

#include "source/CallExtent.h"

#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/GlobPattern.h"

#include <algorithm>
#include <tuple>

using namespace clang;

namespace mmio {

namespace {

/// `* text` or `*/`: a line inside a block comment, as kernel comments are written.
bool isCommentContinuation(llvm::StringRef Trimmed) {
  return Trimmed.starts_with("*") &&
         (Trimmed.size() == 1 || Trimmed[1] == ' ' || Trimmed[1] == '\t' || Trimmed[1] == '/');
}

bool isCommentOnlyLine(llvm::StringRef Line) {
  llvm::StringRef T = Line.trim();
  return T.starts_with("//") || T.starts_with("/*") || isCommentContinuation(T);
}

/// Text up to the end of a block comment, if it ends on this line.
llvm::StringRef untilCommentEnd(llvm::StringRef S) { return S.substr(0, S.find("*/")); }

} // namespace

bool SuppressionComment::names(llvm::StringRef RuleId) const {
  if (Rules.empty()) // malformed; it still covers every rule, so the front end can say what is wrong with it
    return true;
  for (const std::string &Pattern : Rules) {
    if (Pattern == RuleId)
      return true;
    llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob) {
      llvm::consumeError(Glob.takeError());
      continue;
    }
    if (Glob->match(RuleId))
      return true;
  }
  return false;
}

std::optional<SuppressionComment> parseSuppressionLine(llvm::StringRef Line) {
  Line = Line.rtrim("\r");
  size_t Pos = Line.find(SuppressionMarker);
  if (Pos == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Before = Line.substr(0, Pos);
  size_t Opener = std::min(Before.find("//"), Before.find("/*"));
  bool Continuation = isCommentContinuation(Line.ltrim());
  if (Opener == llvm::StringRef::npos && !Continuation)
    return std::nullopt; // not in a comment: a string, or code
  llvm::StringRef Rest = Line.substr(Pos + SuppressionMarker.size()).ltrim();
  if (!Rest.consume_front("ignore") || (!Rest.empty() && Rest[0] != '[' && !isWhitespace(Rest[0])))
    return std::nullopt;

  SuppressionComment C;
  C.Where.Column = Pos + 1;
  C.StandsAlone = Opener == llvm::StringRef::npos ? Continuation : Line.substr(0, Opener).trim().empty();

  Rest = Rest.ltrim();
  llvm::StringRef RuleText;
  if (Rest.consume_front("[")) {
    size_t Close = Rest.find(']');
    if (Close == llvm::StringRef::npos) {
      C.Problem = "its rule list has no closing ']'";
      return C;
    }
    RuleText = Rest.substr(0, Close);
    Rest = Rest.substr(Close + 1);
  } else {
    size_t Dashes = Rest.find("--");
    RuleText = untilCommentEnd(Rest.substr(0, Dashes));
    Rest = Dashes == llvm::StringRef::npos ? llvm::StringRef() : Rest.substr(Dashes);
  }
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  RuleText.split(Parts, ',');
  for (llvm::StringRef Part : Parts) {
    llvm::SmallVector<llvm::StringRef, 2> Words;
    Part.split(Words, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef W : Words)
      if (!W.trim().empty())
        C.Rules.push_back(W.trim().str());
  }
  Rest = Rest.ltrim();
  if (Rest.consume_front("--"))
    C.Reason = untilCommentEnd(Rest).trim().str();

  for (const std::string &Pattern : C.Rules) {
    if (llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Pattern); !Glob) {
      C.Problem = "'" + Pattern + "' is not a valid rule pattern: " + llvm::toString(Glob.takeError());
      return C;
    }
  }
  if (C.Rules.empty())
    C.Problem = "it names no rule (write 'ignore[RULE]', or 'ignore[*]' for every rule)";
  else if (C.Reason.empty())
    C.Problem = "it gives no reason (write '-- REASON' after the rule ids)";
  return C;
}

std::vector<SuppressionComment> scanSuppressions(llvm::StringRef Text, llvm::StringRef FileName) {
  std::vector<SuppressionComment> Out;
  if (!Text.contains(SuppressionMarker))
    return Out;
  unsigned LineNo = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    ++LineNo;
    if (std::optional<SuppressionComment> C = parseSuppressionLine(Line)) {
      C->Where.File = FileName.str();
      C->Where.Line = LineNo;
      Out.push_back(std::move(*C));
    }
    Text = Rest;
  }
  return Out;
}

namespace {

/// Looks for suppression comments on lines of one file.
class LineReader {
public:
  LineReader(const SourceManager &SM, FileID FID) : SM(SM), FID(FID) {
    bool Invalid = false;
    Buffer = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      Buffer = {};
  }

  std::optional<llvm::StringRef> line(unsigned LineNo) const {
    if (Buffer.empty() || LineNo == 0)
      return std::nullopt;
    SourceLocation Start = SM.translateLineCol(FID, LineNo, 1);
    if (Start.isInvalid() || SM.getFileID(Start) != FID)
      return std::nullopt;
    unsigned Offset = SM.getFileOffset(Start);
    if (Offset > Buffer.size() || SM.getLineNumber(FID, Offset) != LineNo)
      return std::nullopt;
    return Buffer.substr(Offset).split('\n').first;
  }

  std::optional<SuppressionComment> comment(unsigned LineNo) const {
    std::optional<llvm::StringRef> Text = line(LineNo);
    if (!Text)
      return std::nullopt;
    std::optional<SuppressionComment> C = parseSuppressionLine(*Text);
    if (C) {
      C->Loc = SM.translateLineCol(FID, LineNo, C->Where.Column);
      C->Where = resolveLocation(SM, C->Loc);
    }
    return C;
  }

private:
  const SourceManager &SM;
  FileID FID;
  llvm::StringRef Buffer;
};

} // namespace

std::optional<SuppressionComment> findSuppression(const Finding &F, const SourceManager &SM) {
  if (F.Loc.isInvalid())
    return std::nullopt;
  std::optional<SuppressionComment> Malformed;
  auto Consider = [&](std::optional<SuppressionComment> C) -> bool {
    if (!C || !C->names(F.RuleId))
      return false;
    if (C->valid())
      return true;
    if (!Malformed)
      Malformed = std::move(C);
    return false;
  };

  CharSourceRange Extent = callExtent(F.Loc, SM);
  SourceLocation Begin = Extent.isValid() ? Extent.getBegin() : SM.getExpansionLoc(F.Loc);
  FileID FID = SM.getFileID(Begin);
  LineReader Lines(SM, FID);
  unsigned First = SM.getSpellingLineNumber(Begin);
  unsigned Last = Extent.isValid() ? SM.getSpellingLineNumber(Extent.getEnd()) : First;
  for (unsigned L = First; L <= Last; ++L)
    if (std::optional<SuppressionComment> C = Lines.comment(L); Consider(C))
      return C;
  // The block of comment-only lines directly above the call.
  for (unsigned L = First - 1; L >= 1; --L) {
    std::optional<llvm::StringRef> Text = Lines.line(L);
    if (!Text || !isCommentOnlyLine(*Text))
      break;
    if (std::optional<SuppressionComment> C = Lines.comment(L); Consider(C))
      return C;
  }
  // A call spelled inside a macro definition: the definition's line.
  if (F.Loc.isMacroID()) {
    SourceLocation Spelling = SM.getSpellingLoc(F.Loc);
    LineReader MacroLines(SM, SM.getFileID(Spelling));
    if (std::optional<SuppressionComment> C = MacroLines.comment(SM.getSpellingLineNumber(Spelling)); Consider(C))
      return C;
  }
  return Malformed;
}

std::string malformedSuppressionNote(const SuppressionComment &C) {
  return "this suppression comment does not apply: " + C.Problem;
}

std::vector<const SuppressionComment *> unusedSuppressions(const std::vector<SuppressionComment> &All,
                                                           const std::set<std::pair<std::string, unsigned>> &Used) {
  std::vector<const SuppressionComment *> Unused;
  for (const SuppressionComment &C : All)
    if (!Used.count({C.Where.File, C.Where.Line}))
      Unused.push_back(&C);
  std::sort(Unused.begin(), Unused.end(), [](const SuppressionComment *A, const SuppressionComment *B) {
    return std::tie(A->Where.File, A->Where.Line) < std::tie(B->Where.File, B->Where.Line);
  });
  return Unused;
}

} // namespace mmio
