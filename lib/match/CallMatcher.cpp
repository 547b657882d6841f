#include "match/CallMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace mmio {

namespace {

class Collector : public MatchFinder::MatchCallback {
public:
  Collector(const Ruleset &Rules, std::vector<AllocatorCall> &Out) : Rules(Rules), Out(Out) {}

  void run(const MatchFinder::MatchResult &Result) override {
    const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
    const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
    const auto *Enclosing = Result.Nodes.getNodeAs<FunctionDecl>("enclosing");
    if (!Call || !Callee)
      return;
    if (const AllocatorSpec *Spec = Rules.findAllocator(Callee->getName()))
      Out.push_back(makeAllocatorCall(Call, Callee, Enclosing, *Spec, *Result.Context));
  }

private:
  const Ruleset &Rules;
  std::vector<AllocatorCall> &Out;
};

} // namespace

std::vector<AllocatorCall> findAllocatorCalls(ASTContext &Ctx, const Ruleset &Rules) {
  std::vector<AllocatorCall> Calls;
  // A call needs the callee's name as a token after preprocessing, so a translation unit whose identifier table
  // lacks every allocator name has no call to find, and skips the walk over its AST.
  std::vector<llvm::StringRef> Names;
  for (const AllocatorSpec &A : Rules.Allocators)
    if (Ctx.Idents.find(A.Name) != Ctx.Idents.end())
      Names.push_back(A.Name);
  if (Names.empty())
    return Calls;

  Collector Collect(Rules, Calls);
  MatchFinder Finder;
  // Matching from each function down to its calls (rather than asking a call for its enclosing function) spares
  // the parent map of the whole translation unit, which costs more than the rest of the analysis.
  Finder.addMatcher(functionDecl(isDefinition(),
                                 forEachDescendant(callExpr(callee(functionDecl(hasAnyName(Names)).bind("callee")))
                                                       .bind("call")))
                        .bind("enclosing"),
                    &Collect);
  Finder.matchAST(Ctx);

  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Calls, [&](const AllocatorCall &A, const AllocatorCall &B) {
    return SM.isBeforeInTranslationUnit(A.Call->getBeginLoc(), B.Call->getBeginLoc());
  });
  return Calls;
}

} // namespace mmio
