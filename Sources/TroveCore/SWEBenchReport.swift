/// Rewards from a SWE-bench evaluation: whether each instance's patch
/// resolved its issue, 1 or 0.
///
/// Two layouts are read:
/// - a per-instance `report.json` (and a run's merged report): an object of
///   `{instance_id: {"resolved": true|false, …}}`;
/// - a run's `results.json` summary: `resolved_ids` are 1, and every other
///   listed id (`submitted_ids`, `completed_ids`, `unresolved_ids`,
///   `error_ids`, `empty_patch_ids`, `incomplete_ids`) is 0.
public enum SWEBenchReport {
    /// The id lists of a summary whose ids did not resolve.
    static let unresolvedLists = [
        "submitted_ids", "completed_ids", "unresolved_ids", "error_ids", "empty_patch_ids", "incomplete_ids",
    ]

    /// The rewards a parsed report holds, or `nil` when it is not a SWE-bench report.
    public static func rewards(in value: JSONValue) -> [String: Double]? {
        guard case .object(let object) = value, !object.members.isEmpty else { return nil }
        if case .array(let resolved)? = object["resolved_ids"] {
            var rewards: [String: Double] = [:]
            for list in unresolvedLists {
                for id in object[list]?.arrayValue ?? [] { if let id = id.stringValue { rewards[id] = 0 } }
            }
            for id in resolved { if let id = id.stringValue { rewards[id] = 1 } }
            return rewards
        }
        var rewards: [String: Double] = [:]
        for member in object.members {
            guard case .bool(let resolved)? = member.value.objectValue?["resolved"] else { return nil }
            rewards[member.key] = resolved ? 1 : 0
        }
        return rewards
    }

    /// The rewards in the file at `path`, or `nil` when it does not hold one SWE-bench report. A stream
    /// (standard input, a pipe) that holds none has its bytes handed back, for the reader that comes next.
    ///
    /// - throws: ``RecordReadError`` when the file cannot be read.
    public static func load(path: String) throws(RecordReadError) -> [String: Double]? {
        let reader = try RecordReader(path: path, layout: .document, keepingBytes: true)
        if let record = try reader.next(), let value = try? JSONParser.parse(record.bytes),
            let rewards = rewards(in: value)
        {
            return rewards
        }
        try reader.rewind()
        return nil
    }
}
