import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

/// Every agent turn of the real AgentInstruct data in `../shared/data` parses
/// with its task's dialect and reassembles exactly.
///
/// Documented quirks (turns that legitimately break their grammar) are listed
/// in ``knownQuirks``; the real samples currently have none.
@Suite(.enabled(if: Fixtures.sharedData != nil)) struct StepParserConformanceTests {
    /// `id#messageIndex` of real agent turns that break their task's grammar on
    /// purpose of the data, with the reason.
    static let knownQuirks: [String: String] = [:]

    static let sampleTasks = ["os", "db", "alfworld", "webshop", "kg", "mind2web"]

    static func realRecords() throws -> [(task: String, record: TrajectoryRecord)] {
        let data = try #require(Fixtures.sharedData).appendingPathComponent("agentinstruct")
        var records: [(String, TrajectoryRecord)] = []
        for task in sampleTasks {
            let file = data.appendingPathComponent("samples/\(task).json")
            records += try TrajectoryRecord.loadArray(file).map { (task, $0) }
        }
        records += try TrajectoryRecord.loadLines(data.appendingPathComponent("db-dev.jsonl")).map { ("db", $0) }
        return records
    }

    @Test func everyRealAgentTurnParsesWithItsDialect() throws {
        var coverage: [String: (parsed: Int, total: Int)] = [:]
        for (task, record) in try Self.realRecords() {
            let parsed = StepParser.parse(record.messages, task: task)
            #expect(parsed.dialect.rawValue == task, "\(record.id)")
            #expect(StepParser.detectDialect(record.messages) == parsed.dialect, "\(record.id) detection")
            for step in parsed.steps {
                let key = "\(record.id)#\(step.messageIndex)"
                #expect(step.segments.map(\.text).joined() == record.messages[step.messageIndex].text, "\(key)")
                var counts = coverage[task] ?? (0, 0)
                counts.total += 1
                if step.parsedBy == parsed.dialect && !step.segments.contains(where: { $0.kind == .other }) {
                    counts.parsed += 1
                } else {
                    #expect(Self.knownQuirks[key] != nil, "\(key) fell back to raw")
                }
                coverage[task] = counts
            }
            #expect(!parsed.flags.contains(.rawFallback) || Self.hasQuirk(record.id), "\(record.id)")
        }
        for task in Self.sampleTasks {
            let counts = coverage[task] ?? (0, 0)
            print("StepParser coverage \(task): \(counts.parsed)/\(counts.total) agent turns")
        }
    }

    static func hasQuirk(_ id: String) -> Bool { knownQuirks.keys.contains { $0.hasPrefix("\(id)#") } }
}
