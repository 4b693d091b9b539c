import Foundation
import Synchronization
import TroveCore

extension PostgresStore: TrajectorySource {
    /// Counts with one statement over the matching trajectories, always on a connection apart from the
    /// pages' (kept for the next count, ``PostgresConnectionPool``), so a count never holds up a page.
    /// `shouldStop` is asked every millisecond while the server counts; when it turns true the statement
    /// is cancelled and the count throws ``CountStopped``. Without `onOwnConnection` (a try before the
    /// frame) it throws at once, while the cancel reaches the server on a thread of its own: the frame
    /// waits no longer than the caller allows, not for the server to stop.
    public func listCounts(
        matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int? = nil,
        onOwnConnection: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> ListCounts {
        guard !shouldStop() else { throw CountStopped() }
        let connections = countConnections
        let count = { @Sendable in
            try connections.withConnection { connection in
                try Self.stoppable(connection, shouldStop) {
                    try Self.listCounts(connection, filter: filter, sort: sort, anchor: anchor, storeTotal: storeTotal)
                }
            }
        }
        return onOwnConnection ? try count() : try Self.leavingWhenStopped(count, shouldStop)
    }

    /// Runs `body` on a thread of its own and returns what it returns, or throws ``CountStopped`` as
    /// soon as `shouldStop` turns true, leaving `body` to finish there (a stopped count is cancelled by
    /// its own watcher, and its connection goes back to the pool then).
    private static func leavingWhenStopped<T: Sendable>(
        _ body: @escaping @Sendable () throws -> T, _ shouldStop: @escaping @Sendable () -> Bool
    ) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        Thread.detachNewThread {
            let result = Result { try body() }
            outcome.withLock { $0 = result }
        }
        while true {
            if let result = outcome.withLock({ $0 }) { return try result.get() }
            if shouldStop() { throw CountStopped() }
            usleep(200)
        }
    }

    /// Runs `body` on `connection` while a watcher asks `shouldStop` every millisecond and cancels the
    /// running statement when it turns true; a cancelled statement throws ``CountStopped``.
    ///
    /// Implementation note: the watcher cancels under the lock that marks `body` finished, so a cancel
    /// is delivered before the connection's next statement is sent, and the server forgets a cancel that
    /// reaches it between statements.
    private static func stoppable<T>(
        _ connection: PostgresConnection, _ shouldStop: @escaping @Sendable () -> Bool, _ body: () throws -> T
    ) throws -> T {
        guard let canceller = connection.canceller() else { return try body() }
        let finished = Mutex(false)
        let watcher = Thread {
            while true {
                let done = finished.withLock { finished in
                    if !finished, shouldStop() {
                        canceller.cancel()
                        return true
                    }
                    return finished
                }
                if done { return }
                usleep(1000)
            }
        }
        watcher.start()
        defer { finished.withLock { $0 = true } }
        do {
            return try body()
        } catch let error as PostgresError where error.isCanceled {
            throw CountStopped()
        }
    }

    private static func listCounts(
        _ connection: PostgresConnection, filter: Filter, sort: ListSort, anchor: TrajectoryRow?, storeTotal: Int?
    ) throws -> ListCounts {
        let total =
            try storeTotal
            ?? Int(connection.execute("SELECT count(*) FROM trajectory", binary: true).integer(0, 0) ?? 0)
        let (condition, before, parameters) = try filtered(
            filter, sort: sort, past: anchor, forward: false, withoutRow: "false", on: connection)
        if filter.expression == nil {
            // Unfiltered, as on SQLite: the counts come from the (small) current labels and the store's
            // size, and the position from the rows before the anchor alone, without joining every
            // trajectory to its label (a second of the server's time at a million).
            let labels = try connection.execute(
                """
                SELECT count(*) FILTER (WHERE status = 'accepted'), count(*) FILTER (WHERE status = 'rejected'),
                       count(*) FILTER (WHERE status = 'disputed')
                FROM label_current
                """, binary: true)
            let position =
                anchor == nil
                ? 0
                : try connection.execute(
                    "SELECT count(*) FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(before)",
                    parameters, binary: true
                ).integer(0, 0) ?? 0
            let count = { (column: Int) in Int(try labels.integer(0, column) ?? 0) }
            let (accepted, rejected, disputed) = (try count(0), try count(1), try count(2))
            let counts = StatusCounts(
                accepted: accepted, rejected: rejected, pending: total - accepted - rejected - disputed,
                disputed: disputed)
            return ListCounts(counts: counts, storeTotal: total, position: Int(position))
        }
        let result = try connection.execute(
            """
            SELECT count(*) FILTER (WHERE l.status = 'accepted'), count(*) FILTER (WHERE l.status = 'rejected'),
                   count(*) FILTER (WHERE l.status IS NULL OR l.status = 'pending'),
                   count(*) FILTER (WHERE l.status = 'disputed'), count(*) FILTER (WHERE \(before))
            FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(condition)
            """, parameters, binary: true)
        let count = { (column: Int) in Int(try result.integer(0, column) ?? 0) }
        let counts = StatusCounts(
            accepted: try count(0), rejected: try count(1), pending: try count(2), disputed: try count(3))
        return ListCounts(counts: counts, storeTotal: total, position: try count(4))
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        try page(filter: filter, sort: sort, from: row, forward: true, limit: limit)
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        try page(filter: filter, sort: sort, from: row, forward: false, limit: limit).reversed()
    }

    public func row(id: String) throws -> TrajectoryRow? {
        try serial.withLock {
            let result = try connection.execute(
                "\(PostgresTrajectoryRow.select) WHERE t.external_id = $1", [.text(id)], binary: true)
            return try result.rowCount == 0 ? nil : PostgresTrajectoryRow.row(result, 0)
        }
    }

    /// One page in `sort` order (`forward`) or in reverse order, starting past `row`: a keyset on the
    /// sort value and the row id, never an offset.
    private func page(filter: Filter, sort: ListSort, from row: TrajectoryRow?, forward: Bool, limit: Int) throws
        -> [TrajectoryRow]
    {
        let direction = forward != sort.descending ? "ASC" : "DESC"
        let order =
            Self.sortExpression(sort.column).map { "\($0) \(direction), t.id \(direction)" } ?? "t.id \(direction)"
        return try serial.withLock {
            let (condition, keyset, bound) = try Self.filtered(
                filter, sort: sort, past: row, forward: forward, withoutRow: "true", on: connection)
            let parameters = bound + [.integer(Int64(limit))]
            let result = try connection.execute(
                """
                \(PostgresTrajectoryRow.select) WHERE (\(condition)) AND \(keyset)
                ORDER BY \(order) LIMIT $\(parameters.count)
                """, parameters, binary: true)
            return try (0..<result.rowCount).map { try PostgresTrajectoryRow.row(result, $0) }
        }
    }

    /// `filter`'s condition on `connection` and the keyset past `row`
    /// (``keyset(sort:row:forward:firstParameter:)``, or `withoutRow` when there is no row), with the
    /// parameters of both numbered in that order.
    private static func filtered(
        _ filter: Filter, sort: ListSort, past row: TrajectoryRow?, forward: Bool, withoutRow: String,
        on connection: PostgresConnection
    ) throws -> (condition: String, keyset: String, parameters: [PostgresValue]) {
        let (condition, parameters) = try filter.postgresCondition(on: connection)
        guard let row else { return (condition, withoutRow, parameters) }
        let bound = keyset(sort: sort, row: row, forward: forward, firstParameter: parameters.count + 1)
        return (condition, bound.sql, parameters + bound.parameters)
    }

    /// The condition for rows strictly after (`forward`) or strictly before `row` in `sort` order, its
    /// placeholders numbered from `firstParameter`.
    ///
    /// Implementation note: PostgreSQL reads no index range out of the `OR`, so a page in text order
    /// scanned `trajectory_by_goal` from the list's start up to `row` (9,600 rows filtered out for a page
    /// halfway through 20,000). The sort value's bound is also stated on its own, which the index reads as
    /// where to start. The id sort's key is computed per row and no index serves it: it is left as it was.
    static func keyset(sort: ListSort, row: TrajectoryRow, forward: Bool, firstParameter: Int)
        -> (sql: String, parameters: [PostgresValue])
    {
        let comparison = forward != sort.descending ? ">" : "<"
        let id = "$\(firstParameter)::bigint"
        guard let expression = sortExpression(sort.column) else {
            return ("t.id \(comparison) \(id)", [.integer(row.rowID)])
        }
        let (value, type) = sortValue(sort.column, of: row)
        let bound = "$\(firstParameter + 1)::\(type)"
        let range = sort.column == .id ? "" : "\(expression) \(comparison)= \(bound) AND "
        return (
            "(\(range)(\(expression) \(comparison) \(bound) OR (\(expression) = \(bound) AND t.id \(comparison) \(id))))",
            [.integer(row.rowID), value]
        )
    }

    /// The SQL a column sorts by, in the SQLite store's order; `nil` for import order, the row id alone.
    /// Texts compare by code point (`COLLATE "C"`), as SQLite's BINARY does; unknown rewards sort as -1.
    static func sortExpression(_ column: ListColumn) -> String? {
        switch column {
        case .order: nil
        case .id: naturalKey
        case .task: "t.task COLLATE \"C\""
        case .steps: "t.step_count"
        case .envReward: "COALESCE(t.env_reward, -1)"
        case .reward: "COALESCE(l.reward, -1)"
        case .status: "COALESCE(l.status, 'pending') COLLATE \"C\""
        case .flags: "t.flags COLLATE \"C\""
        case .text: goalKey(of: "t.goal")
        }
    }

    /// The text sort's key of the goal column `column`, as `trajectory_by_goal` indexes it: SQLite's
    /// NOCASE, which folds ASCII letters only, then code points.
    static func goalKey(of column: String) -> String {
        "translate(\(column), '\(asciiUpper)', '\(asciiUpper.lowercased())') COLLATE \"C\""
    }

    private static let asciiUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// The external id's key in the SQLite store's natural order (`db_2` before `db_10`): each run of
    /// digits, without its leading zeros, written after its length in three digits, so that keys compare
    /// by code point as runs of digits compare as numbers. A digit run and a non-digit compare as the
    /// run's first digit does, since the length's first digit is a digit too. Ids that only differ in
    /// leading zeros (`db_02`, `db_2`) tie, and the row id orders them.
    private static let naturalKey = """
        (SELECT string_agg(CASE WHEN m.part[1] ~ '^[0-9]' \
        THEN lpad(length(ltrim(m.part[1], '0'))::text, 3, '0') || ltrim(m.part[1], '0') ELSE m.part[1] END, \
        '' ORDER BY m.n) FROM regexp_matches(t.external_id, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY m(part, n)) \
        COLLATE "C"
        """

    /// The value of `row` that ``sortExpression(_:)`` computes in SQL, with its type.
    private static func sortValue(_ column: ListColumn, of row: TrajectoryRow) -> (PostgresValue, String) {
        switch column {
        case .order: (.integer(row.rowID), "bigint")
        case .id: (.text(naturalKey(of: row.id)), "text")
        case .task: (.text(row.task), "text")
        case .steps: (.integer(row.steps), "bigint")
        case .envReward: (.real(row.environmentReward ?? -1), "float8")
        case .reward: (.real(row.reviewReward ?? -1), "float8")
        case .status: (.text(row.status.rawValue), "text")
        case .flags: (.text(row.flags.sorted().map(\.rawValue).joined(separator: ",")), "text")
        case .text: (.text(asciiLowercased(row.goal ?? "")), "text")
        }
    }

    /// `text` with its ASCII capitals made small, as ``goalKey(of:)``'s `translate` does (by scalar: a
    /// capital a combining mark follows is one character, but `translate` folds it all the same).
    private static func asciiLowercased(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append((65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar)
        }
        return String(scalars)
    }

    /// ``naturalKey``, computed here for a row the screen holds.
    private static func naturalKey(of id: String) -> String {
        var key = ""
        var digits = ""
        func flush() {
            guard !digits.isEmpty else { return }
            let number = digits.drop { $0 == "0" }
            key += String(repeating: "0", count: max(0, 3 - String(number.count).count)) + "\(number.count)" + number
            digits = ""
        }
        for character in id {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                key.append(character)
            }
        }
        flush()
        return key
    }
}
