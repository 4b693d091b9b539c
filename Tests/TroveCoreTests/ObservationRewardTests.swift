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
}
