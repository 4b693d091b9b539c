import Testing
import TroveCore

/// The order `trove copy` writes tables in: every table after those it references.
@Suite struct StoreTableTests {
    private func table(_ name: String, _ references: Set<String> = []) -> StoreTable {
        StoreTable(name: name, columns: ["id"], references: references)
    }

    @Test func aTableComesAfterEveryTableItReferencesEvenWhenItsNameSortsFirst() throws {
        let tables = [
            table("turn_event", ["trajectory", "label_batch", "turn_event"]), table("label_tag", ["trajectory"]),
            table("label_event", ["trajectory", "label_batch", "label_event"]), table("trajectory", ["import_run"]),
            table("import_run"), table("label_batch", ["label_batch"]),
        ]
        let order = try StoreTable.inReferenceOrder(tables).map(\.name)
        #expect(order == ["import_run", "label_batch", "trajectory", "label_event", "label_tag", "turn_event"])
    }

    @Test func tablesReferencingEachOtherAreACycle() {
        #expect(throws: StoreCopyError.referenceCycle(["a", "b"])) {
            try StoreTable.inReferenceOrder([self.table("a", ["b"]), self.table("b", ["a"])])
        }
    }
}
