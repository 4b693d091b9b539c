extension Filter {
    /// The filter as an SQL boolean expression in `dialect`, with its values in the order its
    /// placeholders take them: what both stores' conditions are (`Filter.sqlCondition(page:in:)` in
    /// TroveStore, `Filter.postgresCondition(firstParameter:on:)` in TrovePostgres), so the filter
    /// language selects the same trajectories on either.
    ///
    /// The condition refers to the aliases `t` for `trajectory` and `l` for `label_current`. Every
    /// value is bound (`?` on SQLite, `$firstParameter` and up on PostgreSQL), never spliced into the
    /// SQL, so no input can change the query. Each predicate is true or false, never NULL. An empty
    /// filter is always true.
    ///
    /// - parameter page: the condition is for a page read in row id order with a limit, past
    ///   `page.rowID` when set; see `Filter.sqlCondition(page:in:)` for what SQLite's plans need.
    /// - parameter firstParameter: PostgreSQL's first placeholder number, for a query that binds
    ///   parameters of its own before the condition's.
    /// - parameter hidden: for a filter read by a blind reviewer (``read(by:)``), the matches its text
    ///   terms leave out, which the store looked up first (``HiddenMatches/lookUp(for:dialect:in:)``);
    ///   every `has:`, `context:` and `observation:` term of such a filter must be among them.
    public func condition(
        in dialect: SQLDialect, page: RowIDPage? = nil, firstParameter: Int = 1, hidden: HiddenMatches = .init()
    ) -> (sql: String, values: [StoreValue]) {
        var compiler = FilterSQLCompiler(
            dialect: dialect, page: page, firstParameter: firstParameter, blindReviewer: blindReviewer, hidden: hidden)
        guard let expression else { return (compiler.literal(true), []) }
        let sql = compiler.condition(expression)
        return (sql, compiler.values)
    }
}
