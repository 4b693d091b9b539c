import GRDB
import TroveCore

extension Filter {
    /// The filter as an SQL boolean expression, with its values as arguments.
    ///
    /// The condition refers to the aliases `t` for `trajectory` and `l` for
    /// `label_current`, and must be used in a query of this shape:
    ///
    /// ```swift
    /// let filter = try Filter.parse("status:pending reward<1")
    /// let (condition, arguments) = try filter.sqlCondition(in: db)
    /// let ids = try String.fetchAll(db, sql: """
    ///     SELECT t.external_id FROM trajectory t
    ///     LEFT JOIN label_current l ON l.trajectory_id = t.id
    ///     WHERE \(condition) ORDER BY t.id
    ///     """, arguments: arguments)
    /// ```
    ///
    /// Every value is bound as an argument, never spliced into the SQL, and
    /// `has:` text is bound as one quoted FTS5 phrase, so no input can change
    /// the query. Each predicate is true or false, never NULL: an unknown
    /// reward fails every comparison but `:none` and `!=`, so `not reward<1`
    /// keeps unknown rewards. An empty filter gives `1`. TroveCore's
    /// ``TroveCore/Filter/condition(in:page:firstParameter:hidden:)`` writes it, in
    /// SQLite's dialect. A `has:` term calls `trove_phrase`, which every store connection has; on a
    /// connection opened otherwise, call ``GRDB/Database/addPhraseFunction()`` first.
    ///
    /// - parameter page: the condition is for a page read in row id order
    ///   with a limit (the review list's import order), past `page.rowID`
    ///   when set. `task` and `dialect` tests under `or` are then written so
    ///   SQLite cannot answer the `or` through the task index (that plan
    ///   gathers and sorts every match before the first row, while a walk in
    ///   row id order stops at the limit: a task holds a large share of all
    ///   rows), and `flag`, `tag` and `status` lists hold only the ids past
    ///   `page.rowID`, so the walk starts there instead of stepping over every
    ///   listed id before it. Counts and other orders leave it nil.
    ///
    ///   A filter read by a blind reviewer (``TroveCore/Filter/read(by:)``) first has its text terms'
    ///   hidden matches looked up in `db` (``TroveCore/HiddenMatches``), the condition's to use there.
    public func sqlCondition(page: RowIDPage? = nil, in db: Database) throws
        -> (sql: String, arguments: StatementArguments)
    {
        let hidden = try HiddenMatches.lookUp(for: self, dialect: .sqlite, in: HiddenMatchSearch(db: db))
        let (sql, values) = condition(in: .sqlite, page: page, hidden: hidden)
        return (sql, StatementArguments(values.map(\.databaseValue)))
    }
}
