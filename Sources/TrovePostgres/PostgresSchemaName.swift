/// The schema names `--schema` takes: those PostgreSQL keeps as written without quotes, so that psql's
/// `SET search_path = NAME` and `?options=-csearch_path%3DNAME` reach the same store as trove does.
public enum PostgresSchemaName {
    /// Why `name` is not such a name (1 to 63 bytes of lowercase ASCII letters, digits and `_`, starting
    /// with a letter or `_`, without the `pg_` prefix PostgreSQL reserves, and not one of its reserved
    /// keywords); nil when it is one.
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
        guard !reservedKeywords.contains(name) else {
            return "\(name) is a reserved word of PostgreSQL's SQL, which psql's `SET search_path = \(name)` refuses"
        }
        return nil
    }

    /// PostgreSQL's reserved keywords (`SELECT word FROM pg_get_keywords() WHERE catcode = 'R'`, PostgreSQL
    /// 15, and `system_user`, reserved since 16): the words `SET search_path = NAME` does not take unquoted.
    static let reservedKeywords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
        "unique", "user", "using", "variadic", "when", "where", "window", "with",
    ]

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
