import Testing
import TroveCore

/// Issue 10 item 7: rewards the environment states in its last observation.
@Suite struct ObservationRewardTests {
    @Test(
        arguments: [
            ("Observation: Episode finished, reward = True", 1.0), ("reward = False", 0), ("reward = 0.5", 0.5),
            ("Reward: 1", 1), ("success: true", 1), ("SUCCESS:false.", 0), ("done. reward=0.25\nbye", 0.25),
            ("reward: 0 then later reward: 1", 1),
        ] as [(String, Double)])
    func statedRewardsAreRead(text: String, expected: Double) {
        #expect(ObservationReward.stated(in: text) == expected)
    }

    @Test(arguments: [
        "reward_info: {}", "rewarded = True", "no reward here", "reward = 5", "reward = maybe", "the reward is 1",
        "successful: true", "",
    ])
    func otherTextStatesNoReward(text: String) {
        #expect(ObservationReward.stated(in: text) == nil)
    }

    @Test func theCodecRecordsWhereTheEnvironmentRewardCameFrom() throws {
        func decode(_ json: String, _ options: TrajectoryCodec.Options = .init()) throws -> Trajectory {
            let codec = TrajectoryCodec(options: options)
            return try codec.decode(RawRecord(bytes: Array(json.utf8), line: 1), file: "f")
        }
        let fireAct = #"""
            {"id": "q_1", "messages": [{"role": "user", "content": "Who?"},
             {"role": "assistant", "content": "Action: finish[x]"},
             {"role": "user", "content": "Observation: Episode finished, reward = False"}]}
            """#
        let stated = try decode(fireAct, .init(rewards: ["q_1": 1], defaultReward: 1))
        #expect(stated.environmentReward == 0)
        #expect(stated.environmentRewardSource == .observationText)
        let field = try decode(#"{"id": "q_2", "reward": 0.75, "messages": [{"role": "user", "content": "x"}]}"#)
        #expect(field.environmentRewardSource == .recordField)
        let plain =
            #"{"id": "q_3", "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]}"#
        #expect(try decode(plain, .init(rewards: ["q_3": 0.5])).environmentRewardSource == .sidecar)
        #expect(try decode(plain, .init(defaultReward: 1)).environmentRewardSource == .option)
        let unknown = try decode(plain)
        #expect(unknown.environmentReward == nil && unknown.environmentRewardSource == nil)
    }

    /// Blind review reads every stated reward as `hidden`, and the rest of the text as it was.
    @Test(arguments: [
        ("Observation: Episode finished, reward = True", "Observation: Episode finished, reward = hidden"),
        ("Reward: 0.5. Done.", "Reward: hidden. Done."),
        ("success: false and reward=1", "success: hidden and reward=hidden"),
        ("reward_info: {} rewards: 2", "reward_info: {} rewards: 2"),
    ])
    func redactedHidesEveryStatedReward(text: String, redacted: String) {
        #expect(ObservationReward.redacted(text) == redacted)
        #expect(ObservationReward.stated(in: redacted) == nil)
    }

    /// A piece of a longer text (a page, or an excerpt's cut text) hides a value its start or end cuts:
    /// the text before it finds a statement whose value goes on in it, and a text that continues may
    /// finish the value its piece ends in.
    @Test(
        arguments: [
            ("ue. Done.", "finished, reward = Tr", false, "hidden. Done."),
            (" = 1 and more", "Episode finished, reward", false, " = hidden and more"),
            ("finished, reward = Tr", "", true, "finished, reward = hidden"),
            ("finished, reward = 0.", "", true, "finished, reward = hidden"),
            ("finished, reward = 0.5 and on", "", true, "finished, reward = hidden and on"),
            ("finished, reward =", "", true, "finished, reward ="),
            ("Tr", "reward = ", true, "hidden"),
            ("finished, rewards = Tr", "", true, "finished, rewards = Tr"),
            ("5 more lines", "reward = 1 then ", false, "5 more lines"),
        ] as [(String, String, Bool, String)])
    func aPieceHidesAValueItsCutSplits(piece: String, before: String, continues: Bool, redacted: String) {
        #expect(ObservationReward.redacted(piece, after: before, continues: continues) == redacted)
    }
}
