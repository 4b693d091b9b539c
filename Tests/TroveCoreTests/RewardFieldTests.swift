import Testing

@testable import TroveCore

/// ``RewardField`` finds the member each codec read a record's reward from: taking that member out of
/// the record takes the reward away, in every format that reads one.
@Suite struct RewardFieldTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var format: String
        var record: String
        var path: [String]
        var testDescription: String { format }
    }

    static let messages = #"[{"role":"user","content":"Fix it."},{"role":"assistant","content":"Done."}]"#

    static let cases = [
        Case(format: "chat reward", record: #"{"id":"c_1","reward":0.5,"messages":\#(messages)}"#, path: ["reward"]),
        Case(format: "chat score", record: #"{"id":"c_2","score":1,"messages":\#(messages)}"#, path: ["score"]),
        Case(
            format: "chat resolved", record: #"{"id":"c_3","resolved":false,"messages":\#(messages)}"#,
            path: ["resolved"]),
        Case(
            format: "SWE-agent dataset row",
            record: #"""
                {"instance_id":"n_1","model_name":"swe-llama","target":true,"trajectory":[{"role":"system","text":"s"},{"role":"ai","text":"x"}],"exit_status":"submitted","eval_logs":"PASSED"}
                """#,
            path: ["target"]),
        Case(
            format: "Inspect sample",
            record: #"""
                {"id":1,"epoch":1,"messages":\#(messages),"scores":{"match":{"value":"C"}},"output":{"model":"gpt-4o-mini"}}
                """#,
            path: ["scores"]),
        Case(
            format: "ATIF metrics",
            record: #"""
                {"schema_version":"ATIF-v1.5","session_id":"s1","steps":[{"source":"user","message":"q"},{"source":"agent","message":"a"}],"final_metrics":{"reward":1}}
                """#,
            path: ["final_metrics", "reward"]),
        Case(
            format: "ATIF verdict",
            record: #"""
                {"schema_version":"ATIF-v1.7","session_id":"s2","steps":[{"source":"user","message":"q"},{"source":"agent","message":"a"}],"final_metrics":{"extra":{"verdict":"PASS"}}}
                """#,
            path: ["final_metrics", "extra", "verdict"]),
        Case(
            format: "OpenHands output",
            record: #"""
                {"instance_id":"o_1","history":[{"id":0,"source":"user","action":"message","message":"Fix it.","args":{"content":"Fix it."}}],"test_result":{"report":{"resolved":true}}}
                """#,
            path: ["test_result", "report", "resolved"]),
        Case(
            format: "FireAct episode",
            record: #"{"traj":\#(messages),"reward":true,"em":true,"f1":1.0,"gt":"x"}"#, path: ["reward"]),
        Case(
            format: "tau-bench", record: #"{"task_id":3,"trial":0,"traj":\#(messages),"reward":0.0}"#,
            path: ["reward"]),
    ]

    static func decode(_ json: String) throws -> Trajectory {
        let trajectories = try TrajectoryCodec().decodeAll(RawRecord(bytes: Array(json.utf8), line: 1), file: "r.json")
        return try #require(trajectories.first)
    }

    /// `object` without the member at `path`.
    static func removing(_ path: [String], from object: JSONObject) -> JSONObject {
        var result = object
        guard let index = object.members.firstIndex(where: { $0.key == path[0] }) else { return object }
        if path.count == 1 {
            result.members.remove(at: index)
        } else if case .object(let inner) = object.members[index].value {
            result.members[index].value = .object(removing(Array(path.dropFirst()), from: inner))
        }
        return result
    }

    @Test(arguments: cases)
    func theFieldFoundIsTheOneTheRewardWasReadFrom(_ test: Case) throws {
        let trajectory = try Self.decode(test.record)
        #expect(trajectory.environmentRewardSource == .recordField)
        #expect(RewardField.paths(of: trajectory) == [test.path])
        // The review's excerpt does not read the reward's source: the field is found by its value then.
        var excerpt = trajectory
        excerpt.environmentRewardSource = nil
        #expect(RewardField.paths(of: excerpt) == [test.path])
        // Without that member the record has no reward of its own.
        let object = try #require(try JSONParser.parse(Array(test.record.utf8)).objectValue)
        let without = try Self.decode(JSONWriter.string(.object(Self.removing(test.path, from: object))))
        #expect(without.environmentReward == nil)
    }

    /// A member of the same name that no codec read the reward from is not the reward's: a chat record's
    /// `target`, a reward given by `--reward`.
    @Test func aMemberTheRewardWasNotReadFromIsNotFound() throws {
        let chat = try Self.decode(#"{"id":"c_4","target":true,"messages":\#(Self.messages)}"#)
        #expect(chat.environmentReward == nil)
        #expect(RewardField.paths(of: chat) == [])
        let given = try TrajectoryCodec(options: .init(defaultReward: 1)).decodeAll(
            RawRecord(bytes: Array(#"{"id":"c_5","target":true,"messages":\#(Self.messages)}"#.utf8), line: 1),
            file: "r.json")
        #expect(given.first?.environmentRewardSource == .option)
        #expect(given.first.map(RewardField.paths(of:)) == [])
        // A value that does not read as the reward is not where it came from.
        #expect(RewardField.paths(in: chat.metadata, reward: 0) == [])
        #expect(RewardField.paths(in: chat.metadata, reward: 1) == [["target"]])
    }
}
