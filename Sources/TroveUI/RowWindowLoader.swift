import TroveCore

/// Places the list's row windows: rows around an anchor, read from a ``TrajectorySource`` in keyset
/// pages before and after it. Never an offset scan, never the whole list, never a count: without a known
/// position a window is placed fresh, numbered from 0 at its first row.
struct RowWindowLoader {
    let source: any TrajectorySource

    /// The window `request` asks for.
    func window(for request: WindowRequest) throws -> RowWindow {
        let filter = request.filter
        let sort = request.sort
        var message: UserMessage?
        var anchor: TrajectoryRow?
        switch request.anchor {
        case .first:
            anchor = try source.rows(matching: filter, sortedBy: sort, after: nil, limit: 1).first
        case .last:
            anchor = try source.rows(matching: filter, sortedBy: sort, before: nil, limit: 1).first
        case .row(let id):
            anchor = try source.row(id: id)
        case .nextPending(let id):
            let current = try source.row(id: id)
            let pending = Self.narrow(filter, by: .status(.pending))
            anchor = try next(matching: pending, sort: sort, from: current, forward: true)
            if anchor == nil { message = UserMessage("no pending trajectory left in this list") }
            anchor = anchor ?? current
        case .nextDisputed(let id):
            let current = try id.flatMap { try source.row(id: $0) }
            let disputed = Self.narrow(filter, by: .status(.disputed))
            anchor = try next(matching: disputed, sort: sort, from: current, forward: true)
            if anchor == nil { message = UserMessage("no disputed trajectory in this list") }
            anchor = anchor ?? current
        case .hit(let search, let id, let forward):
            let current = try id.flatMap { try source.row(id: $0) }
            if let has = FilterPredicate.has(search) {
                anchor = try next(matching: Self.narrow(filter, by: has), sort: sort, from: current, forward: forward)
            }
            if anchor == nil { message = UserMessage("no trajectory in this list contains “\(search)”") }
            anchor = anchor ?? current
        }
        let known = request.knownPosition ?? anchor.flatMap { request.knownPositions[$0.id] }
        let fresh = known == nil
        guard let anchor else {
            return RowWindow(
                start: 0, rows: [], cursor: 0, reachesStart: true, reachesEnd: true, isPlacedFresh: fresh,
                message: message)
        }
        let before = try source.rows(matching: filter, sortedBy: sort, before: anchor, limit: request.radius)
        let rest = try source.rows(matching: filter, sortedBy: sort, after: before.last, limit: request.radius + 1)
        let position = known ?? before.count
        return RowWindow(
            start: position - before.count, rows: before + rest, cursor: position,
            reachesStart: before.count < request.radius, reachesEnd: rest.count < request.radius + 1,
            isPlacedFresh: fresh, anchor: fresh ? anchor : nil, message: message)
    }

    /// The first row matching `filter` after (or before) `row`, wrapping around the list once.
    private func next(matching filter: Filter, sort: ListSort, from row: TrajectoryRow?, forward: Bool) throws
        -> TrajectoryRow?
    {
        func step(_ from: TrajectoryRow?) throws -> TrajectoryRow? {
            forward
                ? try source.rows(matching: filter, sortedBy: sort, after: from, limit: 1).first
                : try source.rows(matching: filter, sortedBy: sort, before: from, limit: 1).first
        }
        if let found = try step(row) { return found }
        return row == nil ? nil : try step(nil)
    }

    /// The rows of `filter` that also match `predicate`.
    private static func narrow(_ filter: Filter, by predicate: FilterPredicate) -> Filter {
        Filter(filter.expression.map { .and($0, .predicate(predicate)) } ?? .predicate(predicate))
    }
}
