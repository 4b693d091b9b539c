import Testing

@testable import TroveCore

/// A turn's separate reasoning (ATIF's and OpenAI-compatible servers' `reasoning_content`) imported as a
/// `<think>` block before its text, and a leading block read as the thought by every dialect.
@Suite struct ReasoningBlockTests {
    /// The turn's steps as `dialect` parses them after a task.
    private func parse(_ turn: String, dialect: Dialect, calls: [ToolCall] = []) -> ParsedTrajectory {
        StepParser.parse(
            [
                Message(originalRole: "user", text: "Find the capital of France."),
                Message(originalRole: "assistant", text: turn, toolCalls: calls),
            ], task: nil, dialect: dialect)
    }

    /// Every step's segments reassemble its turn, with no empty piece.
    private func expectLossless(
        _ parsed: ParsedTrajectory, _ turn: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for step in parsed.steps {
            #expect(step.segments.map(\.text).joined() == turn, sourceLocation: sourceLocation)
            #expect(!step.segments.contains { $0.text.isEmpty }, sourceLocation: sourceLocation)
        }
    }

    @Test func reasoningGoesBeforeTheMessageInTheTemplatesLayout() {
        #expect(ReasoningBlock.text(reasoning: "R", message: "M") == "<think>\nR\n</think>\n\nM")
        #expect(ReasoningBlock.text(reasoning: "R", message: "") == "<think>\nR\n</think>\n\n")
        #expect(ReasoningBlock.text(reasoning: nil, message: "M") == "M")
        #expect(ReasoningBlock.text(reasoning: " \n", message: "M") == "M")
        // A mapper that copied the message into the reasoning would show it twice.
        #expect(ReasoningBlock.text(reasoning: "M\n", message: "M") == "M")
    }

    @Test func aToolCallingTurnsThoughtIsTheReasoningThenItsText() {
        let turn = ReasoningBlock.text(reasoning: "Chose action \"navigate\".", message: "navigate to /login")
        let parsed = parse(turn, dialect: .toolCalls, calls: [ToolCall(id: "c1", name: "navigate", arguments: "{}")])
        #expect(parsed.steps.first?.thought == "Chose action \"navigate\".\n\nnavigate to /login")
        #expect(parsed.steps.first?.action == StepAction(kind: "navigate", argument: "{}"))
        #expect(
            parsed.steps.first?.segments == [
                Segment(.syntax, "<think>\n"), Segment(.thought, "Chose action \"navigate\"."),
                Segment(.syntax, "\n</think>\n\n"), Segment(.thought, "navigate to /login"),
            ])
        expectLossless(parsed, turn)
    }

    /// The dialect's grammar reads the text after the block: before, the block broke it (a raw fallback).
    @Test func aReActTurnReadsItsGrammarAfterTheBlock() {
        let turn = "<think>\nParis is likely.\n</think>\n\nThought: Check it.\nAction: search[France]"
        let parsed = parse(turn, dialect: .react)
        let step = parsed.steps.first
        #expect(step?.parsedBy == .react)
        #expect(step?.thought == "Paris is likely.\n\nCheck it.")
        #expect(step?.action == StepAction(kind: "search", argument: "France"))
        #expect(!parsed.flags.contains(.rawFallback))
        expectLossless(parsed, turn)
    }

    @Test func aTerminusReplysThoughtStartsWithTheReasoning() {
        let reply =
            #"{"analysis": "Idle.", "plan": "List.", "commands": [{"keystrokes": "ls\n"}], "task_complete": false}"#
        let turn = ReasoningBlock.text(reasoning: "The shell waits.", message: reply)
        let parsed = parse(turn, dialect: .terminus)
        #expect(parsed.steps.first?.parsedBy == .terminus)
        #expect(parsed.steps.first?.thought == "The shell waits.\n\nIdle.\n\nList.")
        #expect(parsed.steps.first?.action == StepAction(kind: "keystrokes", argument: "ls\n"))
        expectLossless(parsed, turn)
    }

    /// An empty block (a model asked not to think) adds no thought; a block alone is the whole thought, and
    /// a turn of nothing but reasoning broke no grammar.
    @Test func anEmptyBlockAddsNothingAndABlockAloneIsTheThought() {
        let empty = "<think>\n\n</think>\n\nThought: Check it.\nAction: search[France]"
        #expect(parse(empty, dialect: .react).steps.first?.thought == "Check it.")
        expectLossless(parse(empty, dialect: .react), empty)
        let alone = "<think>R</think>"
        let parsed = parse(alone, dialect: .react)
        #expect(parsed.steps.first?.thought == "R")
        #expect(parsed.steps.first?.action == nil)
        #expect(!parsed.flags.contains(.rawFallback))
        #expect(!parsed.flags.contains(.emptyTurn))
        expectLossless(parsed, alone)
    }

    /// A block cut off before `</think>` is left to the dialect, as before blocks were read.
    @Test func anUnclosedBlockIsTheDialectsToRead() {
        let turn = "<think>\nParis is likely.\nThought: Check it.\nAction: search[France]"
        let parsed = parse(turn, dialect: .toolCalls, calls: [])
        #expect(parsed.steps.first?.thought == turn)
        #expect(parsed.steps.first?.segments == [Segment(.thought, turn)])
    }

    @Test func anAgentMessagesReasoningContentIsItsBlockAndOtherRolesKeepTheirText() throws {
        let record = #"""
            {"messages": [{"role": "user", "content": "Q", "reasoning_content": "not the agent's"}, {"role": "assistant", "content": "A", "reasoning_content": "R"}, {"role": "assistant", "content": "B", "reasoning_content": null}]}
            """#
        let trajectory = try TrajectoryCodec().decode(RawRecord(bytes: Array(record.utf8), line: 1), file: "in.jsonl")
        #expect(trajectory.messages.map(\.text) == ["Q", "<think>\nR\n</think>\n\nA", "B"])
    }
}
