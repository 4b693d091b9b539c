import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct ReviewSourceTests {
    private func storeWithDialectFixtures() throws -> Store {
        let store = try Store.inMemory()
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("dialects").path).sorted()
            .map { Fixtures.url("dialects/\($0)").path }
        try TrajectoryImporter(store: store, options: .init(codec: .init(defaultReward: 1))).importFiles(files)
        // Vary statuses and rewards so every column has ties and distinct values.
        let ids = try store.trajectoryIDs(matching: Filter(nil))
        for (index, id) in ids.enumerated() where index % 3 == 0 {
            try store.applyLabel(.accept, to: [id], reviewer: "ana", origin: "test")
        }
        for (index, id) in ids.enumerated() where index % 4 == 1 {
            try store.applyLabel(
                LabelChange(status: .rejected, reward: .set(Double(index % 5) / 4, reason: nil)), to: [id],
                reviewer: "ana", origin: "test")
        }
        return store
    }

    /// Walks the whole list page by page, forward from the start and backward from the end.
    @Test(arguments: ListColumn.allCases.flatMap { [ListSort(column: $0), ListSort(column: $0, descending: true)] })
    func keysetPagesVisitEveryRowOnceInOrder(sort: ListSort) throws {
        let store = try storeWithDialectFixtures()
        let filter = Filter(nil)
        let everything = try store.rows(matching: filter, sortedBy: sort, after: nil, limit: 10_000)
        #expect(everything.count == (try store.trajectoryCount()))
        var forward: [TrajectoryRow] = []
        var last: TrajectoryRow?
        while true {
            let page = try store.rows(matching: filter, sortedBy: sort, after: last, limit: 4)
            if page.isEmpty { break }
            forward += page
            last = page.last
        }
        #expect(forward.map(\.id) == everything.map(\.id))
        var backward: [TrajectoryRow] = []
        var first: TrajectoryRow?
        while true {
            let page = try store.rows(matching: filter, sortedBy: sort, before: first, limit: 3)
            if page.isEmpty { break }
            backward = page + backward
            first = page.first
        }
        #expect(backward.map(\.id) == everything.map(\.id))
        for (index, row) in everything.enumerated() where index % 5 == 0 {
            #expect(try store.listCounts(matching: filter, sortedBy: sort, before: row).position == index)
        }
        // Sorted by the column, ties by import order.
        let keys = everything.map { Store.sortValue(sort.column, of: $0) }
        for index in keys.indices.dropFirst() where keys[index] == keys[index - 1] {
            #expect((everything[index].rowID > everything[index - 1].rowID) != sort.descending)
        }
    }

    @Test func rowsCarryTheListColumnsAndFiltersApply() throws {
        let store = try storeWithDialectFixtures()
        let filter = try Filter.parse("task:db")
        let rows = try store.rows(matching: filter, sortedBy: ListSort(), after: nil, limit: 100)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.task == "db" })
        let listCounts = try store.listCounts(matching: filter, sortedBy: ListSort(), before: nil)
        #expect(listCounts.storeTotal == (try store.trajectoryCount()))
        // A store size the caller knows is taken as given, not counted again.
        let known = try store.listCounts(matching: filter, sortedBy: ListSort(), before: nil, storeTotal: 12_345)
        #expect(known == ListCounts(counts: listCounts.counts, storeTotal: 12_345, position: 0))
        #expect(listCounts.position == 0)
        let counts = listCounts.counts
        #expect(counts.total == rows.count)
        #expect(counts.accepted == rows.filter { $0.status == .accepted }.count)
        let first = try #require(rows.first)
        #expect(!first.preview.isEmpty)
        #expect(first.environmentReward == 1)
        #expect(try store.row(id: first.id) == first)
        #expect(try store.row(id: "absent") == nil)
    }

    @Test(arguments: [ListSort(), ListSort(column: .steps, descending: true), ListSort(column: .status)])
    func unfilteredCountsTakeTheShortcutAndAgreeWithTheJoin(sort: ListSort) throws {
        let store = try storeWithDialectFixtures()
        let everything = try Filter.parse("steps>=0")
        let rows = try store.rows(matching: Filter(nil), sortedBy: sort, after: nil, limit: 10_000)
        for anchor in [nil, rows[rows.count / 2], rows.last] {
            let shortcut = try store.listCounts(matching: Filter(nil), sortedBy: sort, before: anchor)
            #expect(shortcut == (try store.listCounts(matching: everything, sortedBy: sort, before: anchor)))
            #expect(shortcut.counts.accepted > 0)
            #expect(shortcut.position == anchor.map { row in rows.firstIndex(of: row) ?? -1 } ?? 0)
        }
    }

    /// A lone `flag:` or `tag:` is counted from its side table; `steps>=0` forces the general query.
    @Test(arguments: ["flag:no-answer", "flag:label-leak", "tag:odd", "flag:raw-fallback", "tag:none-such"])
    func sideTableCountsAgreeWithTheJoin(filter: String) throws {
        let store = try storeWithDialectFixtures()
        let ids = try store.trajectoryIDs(matching: Filter(nil))
        try store.applyLabel(LabelChange(addTags: ["odd"]), to: [ids[1], ids[4]], reviewer: "ana", origin: "test")
        let lone = try Filter.parse(filter)
        let general = try Filter.parse(filter + " steps>=0")
        for sort in [ListSort(), ListSort(descending: true)] {
            let rows = try store.rows(matching: Filter(nil), sortedBy: sort, after: nil, limit: 10_000)
            for anchor in [nil, rows.first, rows[rows.count / 2], rows.last] {
                let counted = try store.listCounts(matching: lone, sortedBy: sort, before: anchor)
                #expect(counted == (try store.listCounts(matching: general, sortedBy: sort, before: anchor)))
            }
        }
    }

    /// The position of a row in a filtered list, and of a row the filter drops: the rows before it.
    @Test(arguments: [ListSort(), ListSort(column: .reward), ListSort(column: .id, descending: true)])
    func filteredPositionsCountTheMatchingRowsBefore(sort: ListSort) throws {
        let store = try storeWithDialectFixtures()
        let filter = try Filter.parse("status:pending or flag:no-answer")
        let all = try store.rows(matching: Filter(nil), sortedBy: sort, after: nil, limit: 10_000)
        let matching = try store.rows(matching: filter, sortedBy: sort, after: nil, limit: 10_000)
        #expect(matching.count < all.count)
        for (index, row) in all.enumerated() {
            let counted = try store.listCounts(matching: filter, sortedBy: sort, before: row)
            #expect(counted.position == all[..<index].filter { matching.contains($0) }.count)
            #expect(counted.counts.total == matching.count)
        }
    }

    @Test func reviewStateIsKeptPerReviewer() throws {
        let store = try storeWithDialectFixtures()
        #expect(try store.reviewState(for: "ana") == nil)
        let state = ReviewSessionState(
            trajectoryID: "db_f1", filter: "status:pending", sort: ListSort(column: .steps, descending: true))
        try store.saveReviewState(state, for: "ana")
        try store.saveReviewState(ReviewSessionState(trajectoryID: nil, filter: "", sort: ListSort()), for: "ben")
        #expect(try store.reviewState(for: "ana") == state)
        #expect(try store.reviewState(for: "ben")?.trajectoryID == nil)
    }

    @Test func theChangeTokenMovesWithLabelsAndImports() throws {
        let store = try storeWithDialectFixtures()
        let before = try store.changeToken()
        let id = try #require(try store.trajectoryIDs(matching: Filter(nil)).first)
        try store.applyLabel(.reject, to: [id], reviewer: "ben", origin: "test")
        let afterLabel = try store.changeToken()
        #expect(afterLabel != before)
        try store.undo(reviewer: "ben", origin: "test")
        #expect(try store.changeToken() != afterLabel)
    }

    /// A team policy set (`trove team`) and an assignment (`trove assign`) by another process change
    /// what an open review shows (decisions, queues), so each moves the token its UI polls.
    @Test func theChangeTokenMovesWithThePolicyAndAssignments() throws {
        let store = try storeWithDialectFixtures()
        let before = try store.changeToken()
        try store.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .unanimous), by: "lead")
        let afterPolicy = try store.changeToken()
        #expect(afterPolicy != before)
        try store.assign(reviewers: ["ana"], perItem: 1, matching: Filter(nil), seed: 1)
        let afterAssignment = try store.changeToken()
        #expect(afterAssignment != afterPolicy)
        try store.assign(reviewers: ["ana", "ben"], perItem: 2, matching: Filter(nil), seed: 1)
        #expect(try store.changeToken() != afterAssignment)
    }
}
