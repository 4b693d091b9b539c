/// Errors opening a store on PostgreSQL, each naming the store (server and schema).
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema holds no trove store, and the command does not create one.
    case missing(store: String)
    /// The schema holds tables trove did not create.
    case notAStore(store: String)
    /// The store was written by a newer trove: it lists migrations this one does not know (`unknown`), or
    /// records a newer schema version (`unknown` empty).
    case supersededSchema(store: String, unknown: [String])
    /// A schema name trove will not use (empty, or longer than PostgreSQL's 63 bytes).
    case badSchemaName(String)
    /// The `search_path` the URL's `options` set (the value given) names no schema trove can take for the
    /// store's: `reason` says why.
    case unusableSearchPath(String, reason: String)
    /// The schema a new store was to be created in already exists.
    case exists(store: String)
    /// The database lacks the `unaccent` extension the store's search folds diacritics with (migration
    /// `v13-folded-search-words`), and trove could not create it: `server` is why, as the server said
    /// (no CREATE privilege on the database, or the extension is not installed on the server).
    case missingUnaccent(store: String, server: String)

    public var description: String {
        switch self {
        case .missing(let store):
            "\(store): no such store (only `trove import` creates one)"
        case .notAStore(let store):
            "\(store) is not a trove store (the schema holds tables trove did not create); nothing was changed"
        case .supersededSchema(let store, let unknown) where unknown.isEmpty:
            "\(store): this store was written by a newer version of trove; upgrade trove to open it"
        case .supersededSchema(let store, let unknown):
            "\(store): this store was written by a newer version of trove (migrations "
                + "\(unknown.joined(separator: ", "))); upgrade trove to open it"
        case .badSchemaName(let name):
            "\(name.debugDescription) is not a schema name trove uses (1 to 63 bytes)"
        case .unusableSearchPath(let value, let reason):
            "the URL's search_path \(value.debugDescription) \(reason) (or leave it out and use --schema)"
        case .exists(let store):
            "\(store) already exists; a copy never overwrites a store"
        case .missingUnaccent(let store, let server):
            "\(store): this trove's search folds diacritics with PostgreSQL's unaccent extension, which the "
                + "database lacks and trove could not create (\(server)); ask the database's owner to run "
                + "`CREATE EXTENSION unaccent;` in it, in a schema the store's users may use (the server's "
                + "contrib modules must be installed), then open the store again; nothing was changed"
        }
    }
}
