// The detector that tells whether a tree carries a known fix: found whatever the fix's whitespace, comments,
// position and local names; not found when the code that makes it a fix is missing.
#include "mitigation/MitigationDetector.h"
#include "mitigation/CodePattern.h"

#include "gtest/gtest.h"

#include <chrono>

using namespace mmio;

namespace {

/// 016a25e4b0df's vmbus_reserve_fb(), as Debian's 6.12 carries it (the part the detector reads).
const char *Shipped = R"c(
static void __maybe_unused vmbus_reserve_fb(void)
{
	resource_size_t start = 0, size;
	resource_size_t low_mmio_base;
	struct pci_dev *pdev;

	if (efi_enabled(EFI_BOOT)) {
		/* Gen2 VM: get FB base from EFI framebuffer */
		if (IS_ENABLED(CONFIG_SYSFB)) {
			start = screen_info.lfb_base;
			size = max_t(__u32, screen_info.lfb_size, 0x800000);

			low_mmio_base = hyperv_mmio->start;
			if (!low_mmio_base || upper_32_bits(low_mmio_base) ||
			    (start && start < low_mmio_base)) {
				pr_warn("Unexpected low mmio base %pa\n", &low_mmio_base);
			} else {
				/*
				 * If the kdump/kexec or CVM kernel's lfb_base
				 * is 0, fall back to the low mmio base.
				 */
				if (!start)
					start = low_mmio_base;
				size = min((SZ_4G - start) / 2, SZ_128M);
			}
		}
	}
}
)c";

std::vector<CodePattern> fixPatterns() {
  std::vector<CodePattern> Out;
  for (const char *Text : {"if (!$start) $start = $low;", "$low = hyperv_mmio->start;"}) {
    llvm::Expected<CodePattern> P = compileCodePattern(Text);
    EXPECT_TRUE(bool(P)) << llvm::toString(P.takeError());
    Out.push_back(std::move(*P));
  }
  return Out;
}

std::optional<PatternMatch> find(const std::string &Text) {
  return findInFunction(Text, "vmbus_reserve_fb", fixPatterns());
}

std::string replaced(std::string Text, const std::string &From, const std::string &To) {
  for (size_t At = Text.find(From); At != std::string::npos; At = Text.find(From, At + To.size()))
    Text.replace(At, From.size(), To);
  return Text;
}

TEST(MitigationDetectorTest, FindsTheShippedFixAtItsFallback) {
  std::optional<PatternMatch> M = find(Shipped);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->Line, 23u); // `if (!start)`, the first pattern (the text starts with a line break)
  EXPECT_EQ(M->Column, 5u);
}

TEST(MitigationDetectorTest, Reindented) {
  std::string Flat = replaced(replaced(Shipped, "\t", ""), "\n", " ");
  EXPECT_TRUE(find(Flat));
  EXPECT_TRUE(find(replaced(Shipped, "\t", "        ")));
  EXPECT_TRUE(find(replaced(Shipped, "if (!start)\n\t\t\t\t\tstart", "if(!start)start")));
}

TEST(MitigationDetectorTest, Recommented) {
  std::string Text = replaced(Shipped, "if (!start)", "if (/* kdump */ !start) // no lfb_base\n");
  Text = replaced(Text, "/* Gen2 VM: get FB base from EFI framebuffer */", "// Gen2");
  EXPECT_TRUE(find(Text));
}

TEST(MitigationDetectorTest, MovedInTheFileAndInTheFunction) {
  std::string Moved = std::string("static int other(void)\n{\n\treturn 0;\n}\n") + Shipped;
  std::optional<PatternMatch> M = find(Moved);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->Line, 27u);
  // The fallback written before the low base is read still counts: patterns are found in any order.
  std::string Reordered = replaced(Shipped, "\t\t\tlow_mmio_base = hyperv_mmio->start;\n", "");
  Reordered = replaced(Reordered, "size = min(", "low_mmio_base = hyperv_mmio->start;\n size = min(");
  EXPECT_TRUE(find(Reordered));
}

TEST(MitigationDetectorTest, RenamedLocals) {
  std::string Text = replaced(replaced(Shipped, "low_mmio_base", "low_base"), "start", "fb_base");
  Text = replaced(Text, "hyperv_mmio->fb_base", "hyperv_mmio->start"); // the global keeps its field
  EXPECT_TRUE(find(Text));
}

TEST(MitigationDetectorTest, WithoutTheFallbackAssignmentNotFound) {
  EXPECT_FALSE(find(replaced(Shipped, "if (!start)\n\t\t\t\t\tstart = low_mmio_base;", "")));
  // The fallback to some other value is not the fix.
  EXPECT_FALSE(find(replaced(Shipped, "start = low_mmio_base;", "start = 0x80000000;")));
  // One name per metavariable: `if (!a) b = low` is not the fallback.
  EXPECT_FALSE(find(replaced(Shipped, "if (!start)", "if (!size)")));
}

TEST(MitigationDetectorTest, CommentedOutOrDeadCodeIsNoFix) {
  // `//*` starts a line comment in C99 and later, not a block comment.
  std::string LineCommented = replaced(Shipped, "if (!start)\n\t\t\t\t\tstart = low_mmio_base;",
                                       "//* if (!start) */ if (!start)\n//* */ start = low_mmio_base;");
  EXPECT_FALSE(find(LineCommented));
  std::string Dead = replaced(Shipped, "if (!start)\n", "#if 0\n#ifdef X\n#endif\nif (!start)\n");
  Dead = replaced(Dead, "start = low_mmio_base;", "start = low_mmio_base;\n#else\n#endif");
  EXPECT_FALSE(find(Dead));
  // Under a condition that cannot be judged here (a CONFIG_ option), the code is taken as compiled.
  std::string Configured = replaced(Shipped, "if (!start)\n", "#ifdef CONFIG_SYSFB\nif (!start)\n");
  Configured = replaced(Configured, "start = low_mmio_base;", "start = low_mmio_base;\n#endif");
  EXPECT_TRUE(find(Configured));
  // A `//****` banner does not swallow the code after it.
  EXPECT_TRUE(find(replaced(Shipped, "\t\t\t\t/*\n", "//****\n\t\t\t\t/*\n")));
}

TEST(MitigationDetectorTest, DirectivesAndContinuations) {
  // A brace in a macro definition at file scope does not hide the function after it.
  EXPECT_TRUE(find(std::string("#define OPEN {\n#define LONG(x) \\\n\t{ x }\n") + Shipped));
  // Line continuations inside tokens are read as the compiler reads them.
  EXPECT_TRUE(find(replaced(Shipped, "hyperv_mmio->start;", "hyperv_mmio-\\\n>sta\\\nrt;")));
}

TEST(MitigationDetectorTest, OnlyInTheNamedFunction) {
  EXPECT_FALSE(find(replaced(Shipped, "vmbus_reserve_fb", "vmbus_reserve_other")));
  // A declaration, or a call at file scope, is no body.
  EXPECT_FALSE(find("static void vmbus_reserve_fb(void);\nint x = (vmbus_reserve_fb(), 0);\n"
                    "void f(void) { if (!s) s = l; l = hyperv_mmio->start; }\n"));
}

TEST(MitigationDetectorTest, PatternsAreChecked) {
  EXPECT_FALSE(bool(compileCodePattern("  /* nothing */ ")));
  llvm::Expected<CodePattern> Lone = compileCodePattern("if (!$) x = y;");
  ASSERT_FALSE(bool(Lone));
  EXPECT_EQ(llvm::toString(Lone.takeError()), "'$' is not a metavariable (expected '$' followed by a C identifier)");
  llvm::Expected<CodePattern> Digit = compileCodePattern("$1 = 0;");
  EXPECT_FALSE(bool(Digit));
  llvm::consumeError(Digit.takeError());
}

TEST(MitigationDetectorTest, OneBudgetForTheWholeFile) {
  // Thousands of bodies, each built to make the search backtrack: the budget is the file's, not each body's.
  std::string Body = "void vmbus_reserve_fb(void) {";
  for (int I = 0; I < 200; ++I)
    Body += " a = b;";
  Body += " }\n";
  std::string File;
  for (int I = 0; I < 2000; ++I)
    File += Body;
  std::vector<CodePattern> Patterns;
  for (const char *Text : {"$a = $b;", "$c = $d;", "$e = $f;", "never_here;"})
    Patterns.push_back(std::move(*compileCodePattern(Text)));
  auto Start = std::chrono::steady_clock::now();
  EXPECT_FALSE(findInFunction(File, "vmbus_reserve_fb", Patterns));
  // Not a timing test: a per-body budget would take minutes here, a per-file one well under a second.
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(30));
}

TEST(MitigationDetectorTest, ManyPatternsDoNotExhaustTheStack) {
  std::vector<CodePattern> Patterns;
  for (int I = 0; I < 200000; ++I)
    Patterns.push_back(std::move(*compileCodePattern("x")));
  // Patterns may share tokens: every `x` is the body's one `x`, found without a call per pattern.
  EXPECT_TRUE(findInFunction("void vmbus_reserve_fb(void) { x; }", "vmbus_reserve_fb", Patterns));
  Patterns.push_back(std::move(*compileCodePattern("y")));
  EXPECT_FALSE(findInFunction("void vmbus_reserve_fb(void) { x; }", "vmbus_reserve_fb", Patterns));
}

TEST(MitigationDetectorTest, BoundedOnAdversarialInput) {
  // Many placements for every pattern and none that completes: the search gives up instead of running for ever.
  std::string Body = "void vmbus_reserve_fb(void) {";
  for (int I = 0; I < 20000; ++I)
    Body += " a = b;";
  Body += " }";
  std::vector<CodePattern> Patterns;
  for (const char *Text : {"$a = $b;", "$c = $d;", "$e = $f;", "never_here;"})
    Patterns.push_back(std::move(*compileCodePattern(Text)));
  EXPECT_FALSE(findInFunction(Body, "vmbus_reserve_fb", Patterns));
}

} // namespace
