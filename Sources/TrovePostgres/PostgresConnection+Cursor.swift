extension PostgresConnection {
    /// Runs `query` (with `parameters`) through a server-side cursor named `cursor`, fetching `batch` rows
    /// at a time in binary format and calling `body` with each fetched batch and a row's index in it, so a
    /// result of any size is read in bounded memory. The cursor is closed when every row was read.
    ///
    /// Contract: called inside a transaction (a cursor lives in one), with a `cursor` name no other
    /// cursor open in it has.
    ///
    /// - throws: ``PostgresError`` from the server, or what `body` throws.
    public func forEachRow(
        of query: String, _ parameters: [PostgresValue] = [], cursor: String, batch: Int,
        _ body: (PostgresResult, Int) throws -> Void
    ) throws {
        try execute("DECLARE \(cursor) NO SCROLL CURSOR FOR \(query)", parameters)
        while true {
            let rows = try execute("FETCH \(batch) FROM \(cursor)", binary: true)
            if rows.rowCount == 0 { break }
            for row in 0..<rows.rowCount { try body(rows, row) }
        }
        try execute("CLOSE \(cursor)")
    }
}
