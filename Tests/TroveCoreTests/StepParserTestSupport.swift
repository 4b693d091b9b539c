import Foundation

@testable import TroveCore

/// One trajectory record as the AgentInstruct files write it: `{id,
/// conversations: [{role, content}]}` (ADP samples) or `{conversations:
/// [{from, loss, value}], id}` (HF split).
struct TrajectoryRecord {
    var id: String
    var messages: [Message]

    enum LoadError: Error {
        case notARecord(String)
    }

    init(json: Any) throws(LoadError) {
        guard let object = json as? [String: Any], let id = object["id"] as? String,
            let conversation = object["conversations"] as? [[String: Any]]
        else { throw .notARecord("\(json)".prefix(80).description) }
        self.id = id
        messages = try conversation.map { turn throws(LoadError) in
            guard let role = (turn["role"] ?? turn["from"]) as? String,
                let text = (turn["content"] ?? turn["value"]) as? String
            else { throw .notARecord(id) }
            return Message(originalRole: role, text: text, loss: turn["loss"] as? Bool)
        }
    }

    /// The records of a JSON array file.
    static func loadArray(_ url: URL) throws -> [TrajectoryRecord] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try (json as? [Any] ?? []).map { try TrajectoryRecord(json: $0) }
    }

    /// The records of a JSONL file.
    static func loadLines(_ url: URL) throws -> [TrajectoryRecord] {
        try String(decoding: Data(contentsOf: url), as: UTF8.self).split(separator: "\n").map {
            try TrajectoryRecord(json: JSONSerialization.jsonObject(with: Data($0.utf8)))
        }
    }
}
