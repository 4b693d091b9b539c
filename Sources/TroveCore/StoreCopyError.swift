/// Why `trove copy` cannot copy one store into another.
public enum StoreCopyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The two stores' schemas have different versions.
    case versionsDiffer(source: Int, target: Int)
    /// A table of the source has no counterpart in the new store.
    case missingTable(String)
    /// A table has other columns in the new store than in the source.
    case columnsDiffer(table: String, source: [String], target: [String])
    /// Foreign keys reference each other in a cycle, so no copy order satisfies them.
    case referenceCycle([String])
    /// A value the new store's column cannot hold (a text in an integer column).
    case valueType(table: String, column: String, expected: String)
    /// The destination already holds a store or a file (described).
    case destinationExists(String)

    public var description: String {
        switch self {
        case .versionsDiffer(let source, let target):
            "the source store has schema version \(source) and the new one \(target); open the source with "
                + "this trove first"
        case .missingTable(let table): "the new store has no table \(table)"
        case .columnsDiffer(let table, let source, let target):
            "table \(table) has columns \(source.joined(separator: ", ")) in the source and "
                + "\(target.joined(separator: ", ")) in the new store"
        case .referenceCycle(let tables):
            "tables \(tables.joined(separator: ", ")) reference each other in a cycle"
        case .valueType(let table, let column, let expected):
            "\(table).\(column) holds a value that is not \(expected)"
        case .destinationExists(let destination): "\(destination) already exists; a copy never overwrites a store"
        }
    }
}
