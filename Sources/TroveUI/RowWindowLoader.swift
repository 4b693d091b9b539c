import TroveCore

/// Places the list's row windows: rows around an anchor, read from a ``TrajectorySource`` in keyset
/// pages before and after it. Never an offset scan, never the whole list, never a count: without a known
/// position a window is placed fresh, numbered from 0 at its first row.
struct RowWindowLoader {
    let source: any TrajectorySource

    /// The window `request` asks for. The list's first or last rows are one read (`g`, `G`); a window
    /// moved along the rows the state holds reads only the rows it lacks; a window around any other
    /// anchor reads the anchor, then the rows before and after it.
    func window(for request: WindowRequest) throws -> RowWindow {
        let filter = request.filter
        let sort = request.sort
        let radius = request.radius
        var message: UserMessage?
        var anchor: TrajectoryRow?
        switch request.anchor {
        case .first:
            let rows = try source.rows(matching: filter, sortedBy: sort, after: nil, limit: radius + 1)
            return window(for: request, anchor: rows.first, before: [], rest: rows)
        case .last:
            let rows = try source.rows(matching: filter, sortedBy: sort, before: nil, limit: radius + 1)
            return window(for: request, anchor: rows.last, before: Array(rows.dropLast()), rest: Array(rows.suffix(1)))
        case .row(let id):
            if let held = request.held, let position = request.knownPosition, held.row(at: position)?.id == id {
                return try moved(held, to: position, for: request)
            }
            anchor = try source.row(id: id)
        case .nextPending(let id, let reviewer):
            let current = try source.row(id: id)
            let pending = filter.narrowed(by: reviewer.map(FilterPredicate.undecided(by:)) ?? .status(.pending))
            anchor = try next(matching: pending, sort: sort, from: current, forward: true)
            if anchor == nil {
                message = UserMessage(
                    reviewer == nil
                        ? "no pending trajectory left in this list" : "you have decided every trajectory in this list")
            }
            anchor = anchor ?? current
        case .nextDisputed(let id):
            let current = try id.flatMap { try source.row(id: $0) }
            let disputed = filter.narrowed(by: .status(.disputed))
            anchor = try next(matching: disputed, sort: sort, from: current, forward: true)
            if anchor == nil { message = UserMessage("no disputed trajectory in this list") }
            anchor = anchor ?? current
        case .hit(let search, let id, let forward):
            let current = try id.flatMap { try source.row(id: $0) }
            if let has = FilterPredicate.has(search) {
                anchor = try next(matching: filter.narrowed(by: has), sort: sort, from: current, forward: forward)
                if anchor == nil {
                    // The store's index finds words (has:), not any text as an open trajectory's search does.
                    let words = search.contains(" ") ? "as whole words" : "as a whole word"
                    message = UserMessage(
                        "no trajectory in this list has “\(search)” \(words) (the list is searched by words, "
                            + "an open trajectory by any text)")
                }
            } else {
                message = UserMessage(
                    "“\(search)” has no letter or digit: the list is searched by whole words (a trajectory by its text)"
                )
            }
            anchor = anchor ?? current
        }
        guard let anchor else { return window(for: request, anchor: nil, before: [], rest: [], message: message) }
        let before = try source.rows(matching: filter, sortedBy: sort, before: anchor, limit: radius)
        let rest = try source.rows(matching: filter, sortedBy: sort, after: before.last, limit: radius + 1)
        return window(for: request, anchor: anchor, before: before, rest: rest, message: message)
    }

    /// The window of `before` (at most the radius) and `rest` (the anchor's row or the one at its place,
    /// then at most the radius), with the cursor on `anchor`; empty without an anchor.
    ///
    /// `rest` is read after `before`, and another process may add rows between the reads (an import
    /// while `:` goes to an id): rows sorted between `before`'s last and the anchor then come first in
    /// `rest`, and the cursor goes past them to the anchor, not onto the first of them.
    private func window(
        for request: WindowRequest, anchor: TrajectoryRow?, before: [TrajectoryRow], rest: [TrajectoryRow],
        message: UserMessage? = nil
    ) -> RowWindow {
        let known = request.knownPosition ?? anchor.flatMap { request.knownPositions[$0.id] }
        let fresh = known == nil
        guard let anchor else {
            return RowWindow(
                start: 0, rows: [], cursor: 0, reachesStart: true, reachesEnd: true, isPlacedFresh: fresh,
                message: message)
        }
        // The anchor's index in the rows: rows added ahead of it in `rest` are passed.
        let index = before.count + (rest.prefix(request.radius).firstIndex { $0.id == anchor.id } ?? 0)
        let position = known ?? index
        return RowWindow(
            start: position - index, rows: before + rest, cursor: position,
            reachesStart: before.count < request.radius, reachesEnd: rest.count < request.radius + 1,
            isPlacedFresh: fresh, anchor: fresh ? anchor : nil, message: message)
    }

    /// The window around list position `position`, whose row `held` holds: the rows of `held` within
    /// the radius are kept, and the rest read past its first or last row.
    private func moved(_ held: RowWindow, to position: Int, for request: WindowRequest) throws -> RowWindow {
        let (radius, offset) = (request.radius, position - held.start)
        var before = Array(held.rows[max(0, offset - radius)..<offset])
        var rest = Array(held.rows[offset..<min(held.rows.count, offset + radius + 1)])
        if before.count < radius, !held.reachesStart {
            let more = try source.rows(
                matching: request.filter, sortedBy: request.sort, before: held.rows.first, limit: radius - before.count)
            before = more + before
        }
        if rest.count < radius + 1, !held.reachesEnd {
            rest += try source.rows(
                matching: request.filter, sortedBy: request.sort, after: held.rows.last,
                limit: radius + 1 - rest.count)
        }
        return window(for: request, anchor: rest.first, before: before, rest: rest)
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

}
