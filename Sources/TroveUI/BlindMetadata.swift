import TroveCore

/// The metadata a blind reviewer may read in the metadata view (`M`): the record's members with the
/// environment's verdict and the source model taken out, at any depth.
///
/// Taken out:
/// - the member the trajectory's reward was read from (``RewardField``: a SWE-agent dataset row's
///   `target`, an Inspect sample's `scores`, an ATIF run's `final_metrics.extra.verdict`), whatever its name;
/// - members whose key names a reward, score, metric or verdict, or a test or evaluation log
///   (``isBiasing(_:)``): FireAct's `em` and `f1` beside its reward, a SWE-bench row's `eval_logs`, whose
///   test output says whether the patch passed;
/// - the model's name wherever it sits: members under a key naming a model (an Inspect sample's
///   `output.model`), and any other member whose key or string value is one of those names.
///
/// A gold answer (`gt`) stays: checking the agent's answer against it is the reviewer's judgement.
enum BlindMetadata {
    /// The members of `trajectory`'s metadata a blind reviewer may read, in order.
    static func members(of trajectory: Trajectory) -> [JSONObject.Member] {
        var metadata = trajectory.metadata
        for path in RewardField.paths(of: trajectory) { metadata = removing(path, from: metadata) }
        let models = modelNames(in: .object(metadata), underModelKey: false)
        return pruned(metadata, models: models).members
    }

    /// Whether a member named `key` holds something a blind reviewer must not read: a reward, score or
    /// metric, a verdict, whether it was resolved or correct, an outcome, a test or evaluation log, or the
    /// model's name. Words short enough to be part of others (`em` in `system`) count only as whole keys.
    static func isBiasing(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return biasingWords.contains { lowered.contains($0) } || biasingKeys.contains(lowered)
    }

    private static let biasingWords = [
        "reward", "score", "success", "model", "label", "outcome", "metric", "verdict", "resolved", "correct",
        "accuracy", "exact_match", "eval_log", "test_log", "test_output", "tests_status",
    ]
    private static let biasingKeys: Set<String> = ["em", "f1", "acc", "pass", "passed", "won", "solved"]

    /// `object` without the member at `path` (the first of each key, as ``RewardField`` reads it).
    static func removing(_ path: [String], from object: JSONObject) -> JSONObject {
        guard let key = path.first, let index = object.members.firstIndex(where: { $0.key == key }) else {
            return object
        }
        var result = object
        if path.count == 1 {
            result.members.remove(at: index)
        } else if case .object(let inner) = object.members[index].value {
            result.members[index].value = .object(removing(Array(path.dropFirst()), from: inner))
        }
        return result
    }

    /// The non-empty strings under every member whose key names a model (`model`, `model_name`).
    static func modelNames(in value: JSONValue, underModelKey: Bool) -> Set<String> {
        switch value {
        case .string(let text): underModelKey && !text.isEmpty ? [text] : []
        case .array(let elements):
            elements.reduce(into: []) { $0.formUnion(modelNames(in: $1, underModelKey: underModelKey)) }
        case .object(let object):
            object.members.reduce(into: []) { names, member in
                let isModelKey = underModelKey || member.key.lowercased().contains("model")
                names.formUnion(modelNames(in: member.value, underModelKey: isModelKey))
            }
        case .null, .bool, .number: []
        }
    }

    /// `object` without the members ``isBiasing(_:)`` names, those keyed or valued by a model name in
    /// `models`, and array elements that are such a name, at every depth.
    static func pruned(_ object: JSONObject, models: Set<String>) -> JSONObject {
        JSONObject(
            object.members.compactMap { member in
                guard !isBiasing(member.key), !models.contains(member.key),
                    !(member.value.stringValue.map(models.contains) ?? false)
                else { return nil }
                return JSONObject.Member(key: member.key, value: pruned(member.value, models: models))
            })
    }

    static func pruned(_ value: JSONValue, models: Set<String>) -> JSONValue {
        switch value {
        case .object(let object): .object(pruned(object, models: models))
        case .array(let elements):
            .array(
                elements.filter { !($0.stringValue.map(models.contains) ?? false) }.map { pruned($0, models: models) })
        case .null, .bool, .number, .string: value
        }
    }
}
