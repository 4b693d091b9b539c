import TroveCore

/// How the PostgreSQL store answers ``HiddenMatches/lookUp(for:dialect:in:)``: on `connection`, with the
/// store's search configuration (``PostgresSearchConfiguration``), so a phrase is found in a redacted
/// text exactly as `has:` finds one.
struct PostgresHiddenMatchSearch: HiddenMatches.Lookup {
    let connection: PostgresConnection

    func rows(_ sql: String, _ values: [StoreValue]) throws -> [(key: String, text: String)] {
        let result = try connection.execute(sql, values.map(PostgresValue.init), binary: true)
        return try (0..<result.rowCount).map { (try result.string($0, 0) ?? "", try result.string($0, 1) ?? "") }
    }

    func phrase(_ phrase: String, isIn texts: [String]) throws -> [Bool] {
        try texts.map { text in
            try connection.execute(
                "SELECT \(PostgresSearchConfiguration.words(of: "$1::text")) @@ \(PostgresSearchConfiguration.phrase("$2::text"))",
                [.text(text), .text(phrase)], binary: true
            ).integer(0, 0) == 1
        }
    }
}
