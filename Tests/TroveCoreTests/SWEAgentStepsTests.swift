import Testing

@testable import TroveCore

/// SWE-agent `.traj` files whose `history` stops before `trajectory[]` does: the steps past its end follow
/// it, and a history that does not line up with the steps is read alone, as before.
@Suite struct SWEAgentStepsTests {
    private func decode(_ json: String) throws -> Trajectory {
        let trajectories = try TrajectoryCodec().decodeAll(
            RawRecord(bytes: Array(json.utf8), line: 1), file: "run.traj")
        return try #require(trajectories.first)
    }

    private static let system = #"{"role": "system", "content": "SETTING", "agent": "main"}"#
    private static let issue = #"{"role": "user", "content": "ISSUE", "agent": "main"}"#

    /// A 0.x history ends on the assistant's `submit`: the submission's diff, only in the step, is its
    /// observation; no turn is added.
    @Test func aHistoryEndingOnTheSubmitGainsItsObservation() throws {
        let trajectory = try decode(
            #"""
            {"environment": "swe_main", "trajectory": [
              {"action": "submit\n", "observation": "diff --git a/x b/x", "response": "Done.\n\n```\nsubmit\n```", "thought": "Done.\n\n", "state": "{}"}],
             "history": [\#(Self.system), \#(Self.issue),
              {"role": "assistant", "content": "Done.\n\n```\nsubmit\n```", "thought": "Done.\n\n", "action": "submit\n", "agent": "main"}],
             "info": {"exit_status": "submitted"}}
            """#)
        #expect(trajectory.messages.map(\.originalRole) == ["system", "user", "assistant", "user"])
        #expect(trajectory.messages.last?.text == "diff --git a/x b/x")
        let parsed = StepParser.parse(trajectory)
        #expect(parsed.steps.map(\.action?.kind) == ["submit"])
        #expect(parsed.steps.last?.observation == "diff --git a/x b/x")
    }

    /// A step past the history in a tool-calling run calls its action's first word; what follows the word
    /// is the arguments as written, since the step keeps no JSON arguments. Demonstrations count no step.
    @Test func aLaterStepCallsItsActionsFirstWordAndDemonstrationsAreNotSteps() throws {
        let trajectory = try decode(
            #"""
            {"trajectory": [
              {"action": "ls", "observation": "a.py", "response": "List.", "thought": "List."},
              {"action": "find_file a.py ", "observation": "Found 1", "response": "Find it.", "thought": "Find it."}],
             "history": [\#(Self.system),
              {"role": "assistant", "content": "Demo.", "is_demo": true, "agent": "main"},
              \#(Self.issue),
              {"role": "assistant", "content": "List.", "agent": "main", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "bash", "arguments": "{\"command\": \"ls\"}"}}]},
              {"role": "tool", "content": "a.py", "tool_call_ids": ["c1"], "agent": "main"}],
             "info": {"exit_status": "exit_cost"}}
            """#)
        #expect(trajectory.messages.count == 7)
        #expect(trajectory.messages[5].text == "Find it.")
        #expect(
            trajectory.messages[5].toolCalls == [
                ToolCall(id: nil, name: "bash", arguments: #"{"command": "find_file a.py"}"#)
            ])
        #expect(trajectory.messages[6].originalRole == "tool")
        #expect(trajectory.messages[6].text == "Found 1")
    }

    /// Review: a step after the history became a call of its first word with the rest as its arguments
    /// (`find_file` with `a.py`, `python` with `x.py`), not JSON, which trainers parse. A tool's name alone is
    /// that tool's call with `{}`; any other command line is the `bash` call that runs it.
    @Test(arguments: [
        ("submit", "submit", "{}"), ("  submit \n", "submit", "{}"), ("bash", "bash", "{}"),
        ("find_file a.py src", "bash", #"{"command": "find_file a.py src"}"#),
        ("python \"x.py\"", "bash", #"{"command": "python \"x.py\""}"#),
        ("submit --force", "bash", #"{"command": "submit --force"}"#),
    ])
    func aStepsCommandLineIsACallWithJSONArguments(action: String, name: String, arguments: String) throws {
        let call = try #require(AgentRunFormat.sweAgentCall(action, tools: ["bash"]))
        #expect(call.name == name)
        #expect(call.arguments == arguments)
        #expect(try JSONParser.parse(Array(call.arguments.utf8)).objectValue != nil)
    }

    /// A last assistant message that is not its step's (another response, another action) lines up with
    /// nothing: the history alone is the run.
    @Test func aHistoryThatIsNotTheStepsIsReadAlone() throws {
        let trajectory = try decode(
            #"""
            {"trajectory": [
              {"action": "ls", "observation": "a.py", "response": "List.", "thought": "List."},
              {"action": "submit", "observation": "diff", "response": "Submit.", "thought": "Submit."}],
             "history": [\#(Self.system), \#(Self.issue),
              {"role": "assistant", "content": "Something else.", "action": "cat a.py", "agent": "main"},
              {"role": "user", "content": "print(1)", "agent": "main"}],
             "info": {"exit_status": "submitted"}}
            """#)
        #expect(trajectory.messages.map(\.text) == ["SETTING", "ISSUE", "Something else.", "print(1)"])
    }
}
