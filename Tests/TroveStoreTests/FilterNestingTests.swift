import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// QA: 16 levels of `(task:db or (steps>N` failed on SQLite with "parser stack overflow" while PostgreSQL
/// answered. The parser refuses what nests deeper than ``FilterExpression/nesting`` 16; this suite holds
/// every SQLite statement a filter is compiled into to that depth, mixing the kinds of terms.
@Suite struct FilterNestingTests {
    private static let deepest: Filter = {
        let terms = [#"has:"singer""#, "thought:count", "tag:odd", "reward<1"]
        let text =
            "not "
            + (0..<8).map { "(\(terms[$0 % terms.count]) or (steps>\($0)" }.joined(separator: " ")
            + String(repeating: "))", count: 8)
        return try! Filter.parse(text)
    }()

    @Test func theDeepestFilterRunsInEveryStatement() throws {
        #expect(Self.deepest.expression?.nesting == 16)
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([Fixtures.url("dialects/db.json").path])
        _ = try store.stats(matching: Self.deepest)
        let ids = try store.trajectoryIDs(matching: Self.deepest)
        let change = LabelChange(status: .accepted)
        let preview = try store.previewLabel(change, matching: Self.deepest, reviewer: "ana", limit: 5)
        #expect(preview.count == ids.count)
        _ = try store.applyLabel(change, matching: Self.deepest, reviewer: "ana", origin: "test")
        _ = try store.rows(matching: Self.deepest, sortedBy: ListSort(), after: nil, limit: 50)
        _ = try store.listCounts(matching: Self.deepest, sortedBy: ListSort(), before: nil)
        let request = ExportRequest(
            filter: Self.deepest, policy: .accepted, writer: ExportRecordWriter(format: .openai))
        _ = try TrajectoryExporter(store: store).dryRun(request)
    }
}
