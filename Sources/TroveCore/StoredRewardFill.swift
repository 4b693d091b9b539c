/// What giving a SWE-bench report's rewards to the trajectories already in a store did (`trove import
/// REPORT` without the runs it scores): each stored trajectory of a report's id whose environment
/// reward is unknown gets the report's reward, as a re-import of its record with the report would
/// give it (source ``RewardSource/sidecar``); a known reward is never overwritten.
public struct StoredRewardFill: Sendable, Hashable {
    /// Stored trajectories whose unknown environment reward the report set.
    public var applied = 0
    /// Stored trajectories whose known environment reward differs from the report's, left alone.
    public var leftAlone = 0
    /// The report's ids no stored trajectory has.
    public var unmatched = 0
    /// The first ``sampleSize`` of those ids, by code point: what a typo in a rewards file looks like.
    public var unmatchedIDs: [String] = []

    /// How many unmatched ids ``unmatchedIDs`` names.
    public static let sampleSize = 3

    public init(applied: Int = 0, leftAlone: Int = 0, unmatched: Int = 0, unmatchedIDs: [String] = []) {
        self.applied = applied
        self.leftAlone = leftAlone
        self.unmatched = unmatched
        self.unmatchedIDs = unmatchedIDs
    }

    /// The rewards as one JSON object of id → reward, in id order: the parameter both stores' queries
    /// read with their JSON functions.
    public static func json(_ rewards: [String: Double]) -> String {
        let members = rewards.sorted { $0.key < $1.key }.map { id, reward in
            JSONObject.Member(key: id, value: .number(String(reward)))
        }
        return JSONWriter.string(.object(JSONObject(members)))
    }
}
