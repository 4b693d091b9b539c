import Testing
import TroveCore

@testable import TroveUI

/// QA: at 80 columns the TASK TEXT column was 19 wide (13 with long ids), too narrow to tell one run's
/// goal from the next. From 80 wide it keeps 3/10 of the width; the step count and the task's split
/// give way first, and the column the list is sorted by stays.
@Suite struct ListColumnsTests {
    static func headings(width: Int, longestID: Int, sort: ListSort = ListSort()) -> [String: Int] {
        var state = AppState(size: Size(width: width, height: 24), reviewer: "ana")
        state.sort = sort
        let columns = ListScreen.columns(for: width, state: state, longestID: longestID)
        #expect(columns.reduce(0) { $0 + $1.width + 1 } - 1 <= width)
        return Dictionary(uniqueKeysWithValues: columns.map { ($0.heading.isEmpty ? "marks" : $0.heading, $0.width) })
    }

    @Test func theTaskTextKeepsRoomAt80Columns() throws {
        let short = Self.headings(width: 80, longestID: 11)
        #expect(try #require(short["TASK TEXT"]) >= 24)
        #expect(short["STEPS"] == nil)
        #expect(short["TASK"] != nil && short["FLAGS"] != nil && short["ENV"] != nil && short["REV"] != nil)
        let long = Self.headings(width: 80, longestID: 30)
        #expect(long["ID"] == 20)
        #expect(try #require(long["TASK TEXT"]) >= 24)
        #expect(long["FLAGS"] != nil && long["TASK"] == nil)
        let bySteps = Self.headings(width: 80, longestID: 11, sort: ListSort(column: .steps))
        #expect(bySteps["STEPS"] != nil)
        #expect(try #require(bySteps["TASK TEXT"]) >= 24)
    }

    @Test func at120ColumnsEveryColumnShows() {
        let wide = Self.headings(width: 120, longestID: 24)
        #expect(wide.count == 9)
        #expect((wide["TASK TEXT"] ?? 0) >= 36)
    }
}
