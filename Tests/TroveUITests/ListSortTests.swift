import Testing
import TroveCore
import TroveStore

/// Sorting the list by id is natural and by text ignores case, in every page the UI reads.
@Suite struct ListSortTests {
    /// The ids of every row in `sort` order, read one keyset page of one row at a time, both ways.
    func pagedIDs(_ store: Store, _ sort: ListSort) throws -> (forward: [String], backward: [String]) {
        var forward: [TrajectoryRow] = []
        while let next = try store.rows(matching: Filter(nil), sortedBy: sort, after: forward.last, limit: 1).first {
            forward.append(next)
        }
        var backward: [TrajectoryRow] = []
        while let next = try store.rows(matching: Filter(nil), sortedBy: sort, before: backward.last, limit: 1).first {
            backward.append(next)
        }
        return (forward.map(\.id), backward.reversed().map(\.id))
    }

    @Test func idSortIsNatural() throws {
        let store = try ReviewSession.store(ids: ["db_10", "db_2", "os_1", "db_1", "db_02", "db_100", "DB_3"])
        let (forward, backward) = try pagedIDs(store, ListSort(column: .id))
        #expect(forward == ["DB_3", "db_1", "db_02", "db_2", "db_10", "db_100", "os_1"])
        #expect(backward == forward)
        let (descending, _) = try pagedIDs(store, ListSort(column: .id, descending: true))
        #expect(descending == forward.reversed())
        let counts = try store.listCounts(
            matching: Filter(nil), sortedBy: ListSort(column: .id), before: try store.row(id: "db_10"), storeTotal: nil,
            onOwnConnection: false, shouldStop: { false })
        #expect(counts.position == 4)
    }

    @Test func textSortIgnoresCase() throws {
        let store = try ReviewSession.store(
            ids: ["a", "b", "c", "d"], tasks: ["banana", "Apple", "cherry", "apricot"])
        let (forward, backward) = try pagedIDs(store, ListSort(column: .text))
        #expect(forward == ["b", "d", "a", "c"])
        #expect(backward == forward)
    }

    /// QA: the text sort ordered rows by the start of the task's text, boilerplate and all (mind2web's
    /// pages first), while the TASK TEXT column shows the goal. It orders by the goal shown, ignoring case.
    @Test func textSortFollowsTheGoalTheListShows() throws {
        let tasks = [
            #"'''<html>page</html>'''\n\nBased on the HTML webpage above, try to complete the following task:\nTask: Buy a red mug\nPrevious actions:\nNone"#,
            #"Now, my problem is:\n\napple count"#,
            #"WebShop [SEP] Instruction: [SEP] cheap lamp [SEP] Search"#,
            #"Zebra facts"#,
        ]
        let store = try ReviewSession.store(ids: ["m2w", "os", "shop", "plain"], tasks: tasks)
        let (forward, backward) = try pagedIDs(store, ListSort(column: .text))
        #expect(forward == ["os", "m2w", "shop", "plain"])
        #expect(backward == forward)
        let rows = try store.rows(matching: Filter(nil), sortedBy: ListSort(column: .text), after: nil, limit: 9)
        #expect(rows.map(\.taskGoal) == ["apple count", "Buy a red mug", "cheap lamp", "Zebra facts"])
        let (descending, _) = try pagedIDs(store, ListSort(column: .text, descending: true))
        #expect(descending == forward.reversed())
        let counts = try store.listCounts(
            matching: Filter(nil), sortedBy: ListSort(column: .text), before: try store.row(id: "shop"),
            storeTotal: nil, onOwnConnection: false, shouldStop: { false })
        #expect(counts.position == 2)
    }
}
