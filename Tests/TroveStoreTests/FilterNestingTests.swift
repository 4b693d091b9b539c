import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// QA: 16 levels of `(task:db or (steps>N` failed on SQLite with "parser stack overflow" while PostgreSQL
/// answered, and so did 16 of `has:` terms after the limit was first set there. The parser refuses what
/// nests deeper than ``FilterExpression/nesting`` 12; this suite holds every SQLite statement a filter is
/// compiled into to that depth, with each kind of term at every level (the text terms' SQL nests most).
@Suite struct FilterNestingTests {
    private static let terms = [
        #"has:"singer""#, "thought:count", "action:sql", "observation:Ann", "answer:4", #"context:"MySQL""#, "tag:odd",
        "reward<1", "status:pending", "reviewer:ana", "queue:ana", "flag:no-answer", "masked", "group:none",
    ]

    /// Five levels of `(TERM or (steps>N and …))` around `not (TERM or steps>99)`: nesting 12.
    private static func deepest(_ term: String) throws -> Filter {
        var text = "not (\(term) or steps>99)"
        for level in 0..<5 { text = "(\(term) or (steps>\(level) and \(text)))" }
        return try Filter.parse(text)
    }

    @Test(arguments: terms)
    func theDeepestFilterRunsInEveryStatement(term: String) throws {
        let filter = try Self.deepest(term)
        #expect(filter.expression?.nesting == 12)
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([Fixtures.url("dialects/db.json").path])
        _ = try store.stats(matching: filter)
        let ids = try store.trajectoryIDs(matching: filter)
        let change = LabelChange(note: .set("deep"))
        let preview = try store.previewLabel(change, matching: filter, reviewer: "ana", limit: 5)
        #expect(preview.count == ids.count)
        _ = try store.applyLabel(change, matching: filter, reviewer: "ana", origin: "test")
        _ = try store.rows(matching: filter, sortedBy: ListSort(), after: nil, limit: 50)
        _ = try store.listCounts(matching: filter, sortedBy: ListSort(), before: nil)
        let request = ExportRequest(filter: filter, policy: .accepted, writer: ExportRecordWriter(format: .openai))
        _ = try TrajectoryExporter(store: store).dryRun(request)
    }
}
