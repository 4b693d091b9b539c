/// A table of a store as `trove copy` sees it: its columns in order and the tables its foreign keys
/// reference.
public struct StoreTable: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    /// The tables this one's foreign keys point to (itself included when a row may reference an
    /// earlier row of the same table).
    public var references: Set<String>

    public init(name: String, columns: [String], references: Set<String>) {
        self.name = name
        self.columns = columns
        self.references = references
    }

    /// `tables` ordered so that every table comes after the tables it references (ties by name), so
    /// rows copied in that order always find what they point to.
    ///
    /// - throws: ``StoreCopyError/referenceCycle(_:)`` when tables reference each other in a cycle.
    public static func inReferenceOrder(_ tables: [StoreTable]) throws(StoreCopyError) -> [StoreTable] {
        var remaining = tables.sorted { $0.name < $1.name }
        var placed = Set<String>()
        var ordered: [StoreTable] = []
        while !remaining.isEmpty {
            let names = Set(remaining.map(\.name))
            guard
                let next = remaining.firstIndex(where: {
                    $0.references.subtracting([$0.name]).allSatisfy { !names.contains($0) || placed.contains($0) }
                })
            else { throw .referenceCycle(remaining.map(\.name)) }
            placed.insert(remaining[next].name)
            ordered.append(remaining.remove(at: next))
        }
        return ordered
    }
}
