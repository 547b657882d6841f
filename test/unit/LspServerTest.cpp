// The language server driven a message at a time, as the fuzzer drives it (test/lsp drives the real program over
// pipes). Analyses are a stand-in, run inline, so that each test is quick and replays the same.
#include "Server.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>
#include <vector>

using namespace mmio;
using namespace mmio::lsp;

namespace {

class RecordingSink : public MessageSink {
public:
  bool send(const llvm::json::Value &Message) override {
    std::string Json;
    llvm::raw_string_ostream(Json) << Message;
    Sent.push_back(std::move(Json));
    return true;
  }
  bool connected() const override { return true; }
  std::vector<std::string> Sent;
};

AnalysisResult nothingFound(const AnalysisRequest &, const AuditSession &) { return {}; }

class LspServerTest : public ::testing::Test {
protected:
  LspServerTest() {
    Log.SetUnbuffered();
    ServerOptions Options;
    // A directory without a compilation database: no document finds one, wherever it says it is.
    Options.CompileCommandsDir = "/nonexistent-mmio-audit-test";
    Options.Log = &Log;
    Options.Analyse = nothingFound;
    Options.AnalyseInline = true;
    S = std::make_unique<Server>(Sink, std::move(Options));
    EXPECT_EQ(S->receive(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})"),
              Server::After::Continue);
    EXPECT_EQ(S->receive(R"({"jsonrpc":"2.0","method":"initialized","params":{}})"), Server::After::Continue);
    Sink.Sent.clear();
  }

  RecordingSink Sink;
  llvm::raw_null_ostream Log;
  std::unique_ptr<Server> S;
};

TEST_F(LspServerTest, BodyThatIsNotJsonIsAnsweredNotDropped) {
  EXPECT_EQ(S->receive("{\"jsonrp"), Server::After::Continue);
  ASSERT_EQ(Sink.Sent.size(), 1u);
  EXPECT_NE(Sink.Sent[0].find(R"("code":-32700)"), std::string::npos) << Sink.Sent[0];
  EXPECT_NE(Sink.Sent[0].find(R"("id":null)"), std::string::npos) << Sink.Sent[0];
}

TEST_F(LspServerTest, DeeplyNestedBodyIsAnsweredNotRecursedInto) {
  // llvm::json's parser recurses per level: this would overflow the stack if it were parsed.
  std::string Deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(S->receive(Deep), Server::After::Continue);
  ASSERT_EQ(Sink.Sent.size(), 1u);
  EXPECT_NE(Sink.Sent[0].find(R"("code":-32700)"), std::string::npos) << Sink.Sent[0];
  EXPECT_NE(Sink.Sent[0].find("nested more than 256 deep"), std::string::npos) << Sink.Sent[0];
}

TEST_F(LspServerTest, ExitEndsServing) {
  EXPECT_EQ(S->receive(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})"), Server::After::Continue);
  EXPECT_EQ(S->exitStatus(), 0);
  EXPECT_EQ(S->receive(R"({"jsonrpc":"2.0","method":"exit"})"), Server::After::Exit);
}

} // namespace
