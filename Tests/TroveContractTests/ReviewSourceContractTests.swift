import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// What the review UI reads (``TrajectorySource``) is the same on both backends: the fixture stores of
/// ``FilterContractTests`` (same imports, labels, tags, assignments and turn masks), asked the same
/// questions.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct ReviewSourceContractTests {
    private static let filters = ["", "status:pending", "task:os or tag:wrong", "has:ls", "steps>2"]

    /// Every sort, both directions, paged forward from the start and back from the end three rows at a
    /// time, gives the same rows; the counts and each row's list position agree too.
    @Test func pagesAndCountsAgree() throws {
        let (sqlite, postgres) = try Self.sources()
        for source in Self.filters {
            let filter = try Filter.parse(source)
            for column in ListColumn.allCases {
                for descending in [false, true] {
                    let sort = ListSort(column: column, descending: descending)
                    let forward = try Self.walk(sqlite, filter, sort, forward: true)
                    #expect(try Self.walk(postgres, filter, sort, forward: true) == forward, "\(source) \(sort)")
                    #expect(try Self.walk(postgres, filter, sort, forward: false) == forward, "\(source) \(sort)")
                    for anchor in [nil] + forward.prefix(4).map(Optional.some) {
                        let counts = try sqlite.listCounts(
                            matching: filter, sortedBy: sort, before: anchor, storeTotal: nil, onOwnConnection: false,
                            shouldStop: { false })
                        for own in [false, true] {
                            #expect(
                                try postgres.listCounts(
                                    matching: filter, sortedBy: sort, before: anchor, storeTotal: nil,
                                    onOwnConnection: own, shouldStop: { false }) == counts, "\(source) \(sort)")
                        }
                    }
                }
            }
        }
    }

    /// The text sort follows the goal the list shows (``TrajectoryRow/taskGoal``), ASCII case ignored, on
    /// both backends: not the task text's start, whose boilerplate put one dialect's rows first.
    @Test func theTextSortFollowsTheGoalShown() throws {
        let (sqlite, postgres) = try Self.sources()
        for source in [sqlite, postgres] {
            let rows = try Self.walk(source, Filter.parse(""), ListSort(column: .text), forward: true)
            let keys = rows.map { Array($0.taskGoal.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }) }
            #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
            #expect(rows.map(\.goal) == rows.map(\.taskGoal))
        }
    }

    /// Each trajectory's row, excerpt (whole, and cut to a small budget), original bytes, label
    /// history, reviewers' labels and turn texts agree, and text pages join back into the text; the
    /// excerpts, turn texts and pages read for a blind reviewer agree too.
    @Test func eachTrajectoryReadsTheSame() throws {
        let (sqlite, postgres) = try Self.sources()
        let rows = try Self.walk(sqlite, Filter.parse(""), ListSort(), forward: true)
        #expect(rows.count > 10)
        for row in rows {
            #expect(try postgres.row(id: row.id) == row)
            for blind in [nil, "ana", "bo"] {
                for budget in [1 << 20, 40] {
                    #expect(
                        try postgres.excerpt(id: row.id, textBudget: budget, blindReviewer: blind)
                            == sqlite.excerpt(id: row.id, textBudget: budget, blindReviewer: blind), "\(row.id)")
                }
                for turn in 0..<6 {
                    let (expected, found) = (
                        try sqlite.turnText(of: row.id, turn: turn, blindReviewer: blind),
                        try postgres.turnText(of: row.id, turn: turn, blindReviewer: blind)
                    )
                    #expect(found?.original == expected?.original && found?.corrected == expected?.corrected)
                }
                for range in [0..<7, 5..<300, 100..<100_000] {
                    #expect(
                        try postgres.textPage(of: row.id, message: 1, bytes: range, blindReviewer: blind)
                            == sqlite.textPage(of: row.id, message: 1, bytes: range, blindReviewer: blind))
                }
            }
            #expect(try postgres.originalRecord(of: row.id) == sqlite.originalRecord(of: row.id))
            #expect(try postgres.labelHistory(of: row.id) == sqlite.labelHistory(of: row.id))
            #expect(try postgres.reviewerLabels(of: row.id) == sqlite.reviewerLabels(of: row.id))
        }
        // The cases are real ones: small budgets cut texts, and the first trajectories have labels.
        #expect(
            try rows.contains {
                try !(postgres.excerpt(id: $0.id, textBudget: 40, blindReviewer: nil)?.cuts.isEmpty ?? true)
            })
        #expect(try !postgres.labelHistory(of: rows[1].id).isEmpty)
        #expect(try postgres.reviewerLabels(of: rows[1].id).count == 2)
        #expect(try postgres.row(id: "no such id") == nil)
        #expect(try postgres.excerpt(id: "no such id", textBudget: 10, blindReviewer: nil) == nil)
        #expect(try postgres.originalRecord(of: "no such id") == nil)
    }

    /// The store-wide reads agree: stats, agreement, tags in use (all and one reviewer's), id completion, queue progress, the
    /// team policy and a reviewer's saved place.
    @Test func storeWideReadsAgree() throws {
        let (sqlite, postgres) = try Self.sources()
        #expect(try postgres.stats() == sqlite.stats())
        // `trove stats --where`: the same counts of the same selection, tasks with none left out.
        let (sqliteStats, postgresStats) = (
            try #require(sqlite as? any DatasetStatsSource), try #require(postgres as? any DatasetStatsSource)
        )
        for text in [
            "status:accepted", "tag:wrong", "has:the", "flag:no-answer or task:os", "task:none", "not task:db",
        ] {
            let filter = try Filter.parse(text)
            #expect(try postgresStats.stats(matching: filter) == sqliteStats.stats(matching: filter), "\(text)")
        }
        #expect(try sqliteStats.stats(matching: Filter.parse("task:none")).tasks.isEmpty)
        #expect(try sqliteStats.stats(matching: Filter.parse("status:accepted")).total.trajectories > 0)
        #expect(
            try sqliteStats.stats(matching: Filter.parse("not task:db")).tasks.map(\.task)
                == sqliteStats.stats().tasks.map(\.task).filter { $0 != "db" })
        #expect(try postgres.agreement() == sqlite.agreement())
        #expect(try postgres.tagsInUse() == sqlite.tagsInUse())
        #expect(try postgres.tagsInUse() == ["long", "wrong"])
        // One reviewer's tags (blind review's tag menu): theirs only, from their own labels.
        for (reviewer, tags) in [("ana", ["wrong"]), ("bo", ["long", "wrong"]), ("cy", [])] {
            #expect(try postgres.tagsInUse(by: reviewer) == sqlite.tagsInUse(by: reviewer), "\(reviewer)")
            #expect(try postgres.tagsInUse(by: reviewer) == tags, "\(reviewer)")
        }
        for prefix in ["", "os", "db_", "webshop_1", "zzz"] {
            #expect(try postgres.ids(startingWith: prefix, limit: 5) == sqlite.ids(startingWith: prefix, limit: 5))
        }
        for reviewer in ["ana", "bo", "cy"] {
            let own = try sqlite.ownDecisions(of: reviewer)
            let ownOnPostgres = try postgres.ownDecisions(of: reviewer)
            #expect(
                own.mapValues { [$0.accepted, $0.rejected] } == ownOnPostgres.mapValues { [$0.accepted, $0.rejected] },
                "\(reviewer)")
            #expect(reviewer != "ana" || own.values.reduce(0) { $0 + $1.accepted + $1.rejected } == 2)
            #expect(try postgres.queueProgress(of: reviewer) == sqlite.queueProgress(of: reviewer))
            #expect(try postgres.reviewState(for: reviewer) == sqlite.reviewState(for: reviewer))
        }
        #expect(
            try postgres.reviewState(for: "ana")
                == ReviewSessionState(
                    trajectoryID: "os_f1", filter: "task:os", sort: ListSort(column: .steps, descending: true)))
        #expect(try postgres.teamPolicy() == sqlite.teamPolicy())
        #expect(try postgres.teamPolicy().minReviews == 2)
    }

    /// The change token moves when a label batch is written.
    @Test func theChangeTokenMovesWithALabelBatch() throws {
        let store = try BackendStore(.postgres)
        _ = try store.importFiles([Fixtures.url("dialects/os.json").path])
        let source = try #require(store.postgresStore)
        let before = try source.changeToken()
        try store.execute(
            "INSERT INTO label_batch (reviewer, at, kind, change, origin) VALUES ('ana', '2026-11-30T00:00:00Z', 'label', '{}', 'test')"
        )
        #expect(try source.changeToken() != before)
    }

    /// The pair of fixture stores as the UI sees them, with a saved place and a team policy.
    private static func sources() throws -> (sqlite: any TrajectorySource, postgres: any TrajectorySource) {
        let stores = try FilterContractTests.labeledStores()
        let extra = """
            INSERT INTO review_state (reviewer, trajectory_external_id, filter, sort, updated_at)
                VALUES ('ana', 'os_f1', 'task:os', '-steps', '2026-11-30T00:00:00Z');
            INSERT INTO team_policy (min_reviews, consensus, adjudicators, set_by, set_at)
                VALUES (2, 'unanimous', '["bo"]', 'ana', '2026-11-30T00:00:00Z')
            """
        try stores.sqlite.execute(extra)
        try stores.postgres.execute(extra)
        return (try Store.open(path: stores.sqlite.sqlitePath), try #require(stores.postgres.postgresStore))
    }

    /// Every row of `filter` in `sort` order, read in pages of three from the start (`forward`) or from
    /// the end.
    private static func walk(_ source: any TrajectorySource, _ filter: Filter, _ sort: ListSort, forward: Bool) throws
        -> [TrajectoryRow]
    {
        var rows: [TrajectoryRow] = []
        while true {
            let page =
                forward
                ? try source.rows(matching: filter, sortedBy: sort, after: rows.last, limit: 3)
                : try source.rows(matching: filter, sortedBy: sort, before: rows.first, limit: 3)
            if page.isEmpty { return rows }
            rows = forward ? rows + page : page + rows
        }
    }
}
