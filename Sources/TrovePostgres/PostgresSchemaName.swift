/// The schema names `--schema` takes: those PostgreSQL keeps as written without quotes, so that psql's
/// `SET search_path = NAME` and `?options=-csearch_path%3DNAME` reach the same store as trove does.
public enum PostgresSchemaName {
    /// Why `name` is not such a name (1 to 63 bytes of lowercase ASCII letters, digits and `_`, starting
    /// with a letter or `_`, without the `pg_` prefix PostgreSQL reserves); nil when it is one.
    public static func problem(with name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { return "a schema name is not empty" }
        guard bytes.count <= 63 else { return "a schema name is at most 63 bytes (this one has \(bytes.count))" }
        guard isLetter(first) else { return "a schema name starts with a lowercase letter or _" }
        guard bytes.allSatisfy({ isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return "a schema name holds only lowercase letters, digits and _ (PostgreSQL folds unquoted names "
                + "to lowercase)"
        }
        guard !name.hasPrefix("pg_") else { return "PostgreSQL reserves schema names starting with pg_" }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
