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
  if (Rules.Allocators.empty())
    return Calls;
  std::vector<llvm::StringRef> Names;
  for (const AllocatorSpec &A : Rules.Allocators)
    Names.push_back(A.Name);

  Collector Collect(Rules, Calls);
  MatchFinder Finder;
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(Names)).bind("callee")),
                             optionally(forCallable(functionDecl().bind("enclosing"))))
                        .bind("call"),
                    &Collect);
  Finder.matchAST(Ctx);

  const SourceManager &SM = Ctx.getSourceManager();
  std::stable_sort(Calls.begin(), Calls.end(), [&](const AllocatorCall &A, const AllocatorCall &B) {
    return SM.isBeforeInTranslationUnit(A.Call->getBeginLoc(), B.Call->getBeginLoc());
  });
  return Calls;
}

} // namespace mmio
