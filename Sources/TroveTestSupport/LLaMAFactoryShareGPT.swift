import TroveCore

/// The rule LLaMA-Factory's `SharegptDatasetConverter` (`src/llamafactory/data/converter.py`) applies to a
/// ShareGPT record before it trains on it, for tests of what trove writes.
///
/// A `system` turn is read only first; after it the 1st, 3rd, … turns must be `human` or `observation`
/// and the 2nd, 4th, … `gpt` or `function_call`, and there must be an even number of them, more than
/// none. Any other record is logged ("Invalid role tag", "Invalid message count") and skipped.
///
/// ```swift
/// LLaMAFactoryShareGPT.problem(in: line)   // nil, or "turn 2 is human, expected gpt or function_call"
/// ```
public enum LLaMAFactoryShareGPT {
    private static let accepted = [["human", "observation"], ["gpt", "function_call"]]

    /// Why LLaMA-Factory skips the record `line` (a ShareGPT JSON object); nil when it reads it.
    public static func problem(in line: [UInt8]) -> String? {
        guard let object = try? JSONParser.parse(line).objectValue else { return "not a JSON object" }
        guard let conversations = object["conversations"]?.arrayValue else { return "no conversations list" }
        return problem(tags: conversations.map { $0.objectValue?["from"]?.stringValue ?? "" })
    }

    /// Why LLaMA-Factory skips a record whose turns have these `from` tags; nil when it reads it.
    public static func problem(tags: [String]) -> String? {
        let turns = tags.first == "system" ? Array(tags.dropFirst()) : tags
        guard !turns.isEmpty else { return "no turns after the system prompt" }
        for (index, tag) in turns.enumerated() where !accepted[index % 2].contains(tag) {
            return "turn \(index + 1) is \(tag), expected \(accepted[index % 2].joined(separator: " or "))"
        }
        return turns.count % 2 == 0 ? nil : "\(turns.count) turns after the system prompt, an odd number"
    }

    /// The check QA ran on an export, in Python, as it was written: each failing record's id and first
    /// tags, one a line (empty when every record passes).
    public static let pythonCheck = """
        import json, sys
        for l in open(sys.argv[1]):
         r=json.loads(l); c=r['conversations']; c=c[1:] if c and c[0]['from']=='system' else c
         ok=len(c)>0 and len(c)%2==0 and all(m['from'] in (('human','observation'),('gpt','function_call'))[i%2] for i,m in enumerate(c))
         ok or print(r['id'],[m['from'][:3] for m in r['conversations']][:8])
        """
}
