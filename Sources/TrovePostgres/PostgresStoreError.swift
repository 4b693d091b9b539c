/// Errors opening a store on PostgreSQL, each naming the store (server and schema).
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema holds no trove store, and the command does not create one.
    case missing(store: String)
    /// The schema holds tables trove did not create.
    case notAStore(store: String)
    /// The store was written by a newer trove (it lists migrations this one does not know).
    case supersededSchema(store: String, unknown: [String])
    /// A schema name trove will not use (empty, or longer than PostgreSQL's 63 bytes).
    case badSchemaName(String)
    /// The schema a new store was to be created in already exists.
    case exists(store: String)

    public var description: String {
        switch self {
        case .missing(let store):
            "\(store): no such store (only `trove import` creates one)"
        case .notAStore(let store):
            "\(store) is not a trove store (the schema holds tables trove did not create); nothing was changed"
        case .supersededSchema(let store, let unknown):
            "\(store): this store was written by a newer version of trove (migrations "
                + "\(unknown.joined(separator: ", "))); upgrade trove to open it"
        case .badSchemaName(let name):
            "\(name.debugDescription) is not a schema name trove uses (1 to 63 bytes)"
        case .exists(let store):
            "\(store) already exists; a copy never overwrites a store"
        }
    }
}
