/// Where a record keeps its own environment reward: the members each codec reads it from, so that blind
/// review can hide the member a trajectory's reward actually came from (a SWE-agent dataset row's
/// `target`, an Inspect sample's `scores`, an ATIF run's `final_metrics.extra.verdict`) rather than
/// guess by the key's name, which would hide every `target` of every other format too.
///
/// The codecs read their own members (``TrajectoryCodec``, `AgentRunFormat`'s files); ``candidates``
/// lists them all, each with how its value reads as a reward, and `RewardFieldTests` decodes a record of
/// every format and checks that taking the member found here out of the record takes its reward away.
/// A codec that reads a new member adds it here.
public enum RewardField {
    /// One member a codec reads a reward from: its path of keys from the record's top (a trajectory's
    /// ``Trajectory/metadata`` is the record's members but its messages and id), and how its value reads.
    struct Candidate: Sendable {
        var path: [String]
        var read: @Sendable (JSONValue) -> Double?
    }

    /// Every member a codec reads a record's own reward from.
    static let candidates: [Candidate] =
        // Chat records, tau-bench, FireAct, WebArena, SWE-agent runs (`TrajectoryCodec.reward(in:)`).
        TrajectoryCodec.rewardKeys.map { Candidate(path: [$0], read: number) }
        + [
            // SWE-Gym chat records and OpenHands outputs, a SWE-agent dataset row's `target`.
            Candidate(path: ["resolved"], read: flag),
            Candidate(path: ["target"], read: flag),
            // An Inspect sample's first score that reads as one.
            Candidate(path: ["scores"], read: inspectScores),
        ]
        // An ATIF run's final metrics, else its verdict.
        + TrajectoryCodec.rewardKeys.map { Candidate(path: ["final_metrics", $0], read: number) }
        + [
            Candidate(path: ["final_metrics", "extra", "verdict"], read: verdict),
            Candidate(path: ["extra", "verdict"], read: verdict),
            // An OpenHands output's test report.
            Candidate(path: ["test_result", "report", "resolved"], read: flag),
            Candidate(path: ["test_result", "report", "success"], read: flag),
        ]

    /// The paths of the members of `trajectory`'s metadata its environment reward was read from: the
    /// candidates whose value reads as that reward. None when it has no reward, or one from elsewhere (an
    /// observation, a sidecar, `--reward`); a trajectory whose source is unknown (the review's excerpt,
    /// which does not read it, or a store older than schema 3) is taken to be read from its record, since
    /// only a member that reads as its reward is found.
    public static func paths(of trajectory: Trajectory) -> [[String]] {
        guard let reward = trajectory.environmentReward,
            trajectory.environmentRewardSource == nil || trajectory.environmentRewardSource == .recordField
        else { return [] }
        return paths(in: trajectory.metadata, reward: reward)
    }

    /// The paths of the candidates in `metadata` whose value reads as `reward`, in ``candidates``' order.
    public static func paths(in metadata: JSONObject, reward: Double) -> [[String]] {
        candidates.compactMap { candidate in
            guard let value = value(at: candidate.path, in: metadata), candidate.read(value) == reward else {
                return nil
            }
            return candidate.path
        }
    }

    /// The value at `path` in `object` (the first member of each key), if there is one.
    static func value(at path: [String], in object: JSONObject) -> JSONValue? {
        guard let key = path.first, let value = object[key] else { return nil }
        guard path.count > 1 else { return value }
        return value.objectValue.flatMap { Self.value(at: Array(path.dropFirst()), in: $0) }
    }

    /// A number in `0...1`, or a boolean as 1 or 0.
    @Sendable static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .bool(let isTrue): isTrue ? 1 : 0
        case .number: value.doubleValue.flatMap { (0...1).contains($0) ? $0 : nil }
        default: nil
        }
    }

    /// A boolean as 1 or 0.
    @Sendable static func flag(_ value: JSONValue) -> Double? {
        if case .bool(let isTrue) = value { return isTrue ? 1 : 0 }
        return nil
    }

    /// `PASS` as 1 and `FAIL` as 0, in any case.
    @Sendable static func verdict(_ value: JSONValue) -> Double? {
        switch value.stringValue?.uppercased() {
        case "PASS"?: 1
        case "FAIL"?: 0
        default: nil
        }
    }

    /// The first of an Inspect sample's scores whose value reads as a reward.
    @Sendable static func inspectScores(_ value: JSONValue) -> Double? {
        value.objectValue?.members.lazy.compactMap { AgentRunFormat.inspectScore($0.value.objectValue?["value"]) }
            .first
    }
}
