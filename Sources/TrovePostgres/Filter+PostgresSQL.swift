import TroveCore

extension Filter {
    /// The filter as a PostgreSQL boolean expression, with its values as parameters: the same
    /// trajectories as the SQLite store's condition selects, for every predicate of docs/filter.md.
    ///
    /// The condition refers to the aliases `t` for `trajectory` and `l` for `label_current`, and must be
    /// used in a query of this shape (in the store's schema, on its search path):
    ///
    /// ```swift
    /// let filter = try Filter.parse("status:pending reward<1")
    /// let (condition, parameters) = try filter.postgresCondition(on: store.connection)
    /// let result = try store.connection.execute("""
    ///     SELECT t.external_id FROM trajectory t
    ///     LEFT JOIN label_current l ON l.trajectory_id = t.id
    ///     WHERE \(condition) ORDER BY t.id
    ///     """, parameters)
    /// ```
    ///
    /// Every value is a parameter (`$firstParameter`, then up), never spliced into the SQL, so no input
    /// can change the query. Each predicate is true or false, never NULL, so `not reward<1` keeps
    /// unknown rewards as on SQLite. `task` and `id` globs become anchored regular expressions with
    /// GLOB's meaning (`*`, `?`, `[…]`, case-sensitive); `has:` and `context:` go through the GIN index
    /// `message_text_words` over the stored words as a phrase of the store's configuration's words
    /// (``TroveCore/PostgresSearchConfiguration``, diacritics folded); the step fields then look for the
    /// text in that part of a parsed step, as on SQLite. An empty filter gives `true`. TroveCore's
    /// ``TroveCore/Filter/condition(in:page:firstParameter:hidden:)`` writes it, in PostgreSQL's dialect.
    ///
    /// - parameter firstParameter: the number of the first placeholder, for a query that binds
    ///   parameters of its own before the condition's.
    /// - parameter connection: where a filter read by a blind reviewer (``TroveCore/Filter/read(by:)``)
    ///   first has its text terms' hidden matches looked up (``TroveCore/HiddenMatches``), the
    ///   condition's to use on the same store.
    public func postgresCondition(firstParameter: Int = 1, on connection: PostgresConnection) throws
        -> (sql: String, parameters: [PostgresValue])
    {
        let hidden = try HiddenMatches.lookUp(
            for: self, dialect: .postgres, in: PostgresHiddenMatchSearch(connection: connection))
        let (sql, values) = condition(in: .postgres, firstParameter: firstParameter, hidden: hidden)
        return (sql, values.map(PostgresValue.init))
    }
}
