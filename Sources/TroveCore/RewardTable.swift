/// Environment rewards kept apart from the trajectories (AgentBench writes
/// results and histories to different files), read from a sidecar file.
///
/// Two layouts are accepted, sniffed from the content:
/// - JSONL (or a JSON array) of objects with an id (`id`, `item_id`,
///   `instance_id` or `index`) and a reward (`reward`, `score` or `success`;
///   `true` is 1, `false` 0);
/// - CSV of `id,reward`, with or without a header line (a header may name the
///   columns in any order: `id`/`item_id`/`instance_id`/`index` and
///   `reward`/`score`/`success`).
///
/// A SWE-bench `report.json` or `results.json` is read too (``SWEBenchReport``).
///
/// Every reward must be a decimal number (or `true`/`false`) in `0...1`; a CSV row has two columns (a
/// header names the columns it has). An id given twice must be given the same reward: two different
/// ones are refused, naming the second.
public enum RewardTable {
    /// Reads a sidecar file into a dictionary of rewards by id; `path` may be standard input (`-`) or a
    /// pipe, read once.
    ///
    /// - throws: ``RecordReadError`` when the file cannot be read; ``RewardTableError`` naming the file
    ///   and line of the first bad entry.
    public static func load(path: String) throws -> [String: Double] {
        if let report = try SWEBenchReport.load(path: path) { return report }
        let reader = try RecordReader(path: path)
        var rewards: [String: Double] = [:]
        func add(_ id: String, _ reward: Double, line: Int) throws {
            if let earlier = rewards[id], earlier != reward {
                throw RewardTableError(
                    path: path, line: line,
                    reason:
                        "id \(TrajectoryReport.visible(id)) is given reward \(RewardText.text(reward, minimumPlaces: 0)) here and "
                        + "\(RewardText.text(earlier, minimumPlaces: 0)) on an earlier line; give each id one reward")
            }
            rewards[id] = reward
        }
        var first = try reader.next()
        guard let record = first else { return rewards }
        let startsAsJSON = record.bytes.first == UInt8(ascii: "{") || reader.container == .jsonArray
        if startsAsJSON {
            while let record = first {
                let (id, reward) = try jsonEntry(record, path: path)
                try add(id, reward, line: record.line)
                first = try reader.next()
            }
            return rewards
        }
        var idColumn = 0
        var rewardColumn = 1
        var columns = 2
        var isFirstLine = true
        while let record = first {
            defer { first = try? reader.next() }
            let fields = csvFields(String(decoding: record.bytes, as: UTF8.self))
            if isFirstLine {
                isFirstLine = false
                let lowered = fields.map { $0.lowercased() }
                if let id = lowered.firstIndex(where: { ["id", "item_id", "instance_id", "index"].contains($0) }),
                    let reward = lowered.firstIndex(where: { TrajectoryCodec.rewardKeys.contains($0) })
                {
                    (idColumn, rewardColumn, columns) = (id, reward, fields.count)
                    continue
                }
            }
            guard fields.count == columns else {
                throw RewardTableError(
                    path: path, line: record.line,
                    reason: "expected \(columns == 2 ? "id and reward" : "the header's \(columns)") columns, found "
                        + "\(fields.count)")
            }
            try add(
                fields[idColumn], try parseReward(fields[rewardColumn], path: path, line: record.line),
                line: record.line)
        }
        return rewards
    }

    private static func jsonEntry(_ record: RawRecord, path: String) throws -> (String, Double) {
        func fail(_ reason: String) -> RewardTableError {
            RewardTableError(path: path, line: record.line, reason: reason)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(record.bytes)
        } catch {
            throw fail(error.description)
        }
        guard let object = value.objectValue else { throw fail("expected an object, found \(value.typeName)") }
        if let key = object.conflictingDuplicate(among: TrajectoryCodec.idKeys + ["index"] + TrajectoryCodec.rewardKeys)
        {
            throw fail("duplicate key \"\(key)\"")
        }
        let id: String
        switch (TrajectoryCodec.idKeys + ["index"]).lazy.compactMap({ object[$0] }).first {
        case .string(let string)?: id = string
        case .number(let lexeme)?: id = lexeme
        default: throw fail("no id: expected \"id\", \"item_id\", \"instance_id\" or \"index\"")
        }
        switch TrajectoryCodec.rewardKeys.lazy.compactMap({ object[$0] }).first {
        case .bool(let flag)?: return (id, flag ? 1 : 0)
        case .number(let lexeme)?: return (id, try parseReward(lexeme, path: path, line: record.line))
        default: throw fail("no reward: expected a number or boolean \"reward\", \"score\" or \"success\"")
        }
    }

    private static func parseReward(_ text: String, path: String, line: Int) throws -> Double {
        let trimmed = text.trimmingCharacters(in: " \t\"")
        let value: Double? =
            switch trimmed.lowercased() {
            case "true": 1
            case "false": 0
            default: NumberText.reward(trimmed)
            }
        guard let value else {
            throw RewardTableError(path: path, line: line, reason: "reward '\(text)' is not a number in 0...1")
        }
        return value
    }

    /// Splits a CSV line, honouring double-quoted fields with `""` escapes.
    private static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                quoted = false
            case "\"" where field.isEmpty:
                quoted = true
            case "," where !quoted:
                fields.append(field.trimmingCharacters(in: " \t"))
                field = ""
            default:
                field.append(character)
            }
        }
        fields.append(field.trimmingCharacters(in: " \t"))
        return fields
    }
}

/// A bad entry in a rewards sidecar file.
public struct RewardTableError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var reason: String

    public var description: String { "\(path):\(line): \(reason)" }
}

extension String {
    /// The string without the given characters at either end.
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
