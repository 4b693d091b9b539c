import TroveCore

/// The review UI's only loop: render, present, wait for an event, look the key up in the keymap, update,
/// and perform the effects through the store ports, feeding their results back as actions.
///
/// Single-threaded and synchronous: a label is committed by ``LabelSink/applyLabel(_:to:reviewer:origin:)``
/// before the next frame shows it, so what the screen shows as done survives a crash. Store errors become
/// a status-line message. The terminal is stopped on every exit path, thrown errors included.
///
/// ```swift
/// let runtime = ReviewRuntime(terminal: CursesTerminal(), store: store, state: AppState(size: .zero, reviewer: "ana"))
/// try runtime.run()
/// ```
public final class ReviewRuntime<T: Terminal> {
    /// The state after the last action; the final state once ``run()`` returns.
    public private(set) var state: AppState
    private let terminal: T
    private let store: any TrajectorySource & LabelSink
    private let keymap: Keymap
    private let clock = ContinuousClock()
    private var lastToken: Int64?

    /// How often the store is asked whether another process changed it.
    public static var pollInterval: Duration { .seconds(1) }

    public init(terminal: T, store: any TrajectorySource & LabelSink, state: AppState, keymap: Keymap = .standard) {
        self.terminal = terminal
        self.store = store
        self.state = state
        self.keymap = keymap
    }

    /// Runs until the reviewer quits. Throws what the terminal throws; the terminal is restored first.
    public func run() throws {
        try terminal.start()
        defer { terminal.stop() }
        state.size = terminal.size
        lastToken = try? store.changeToken()
        do {
            dispatch(.started(try store.reviewState(for: state.reviewer)))
        } catch {
            dispatch(.failed(.error("cannot read the saved position: \(error)")))
            dispatch(.started(nil))
        }
        var canvas = Canvas(size: state.size)
        var lastPoll = clock.now
        while !state.isQuitting {
            render(state, into: &canvas, keymap: keymap)
            terminal.present(canvas)
            if let event = try terminal.nextEvent(timeout: .milliseconds(250)) { handle(event) }
            if !state.isQuitting, clock.now - lastPoll >= Self.pollInterval {
                lastPoll = clock.now
                pollStore()
            }
        }
    }

    /// Feeds one terminal event through the keymap and ``update(_:_:)``.
    public func handle(_ event: TerminalEvent) {
        switch event {
        case .resize(let size):
            dispatch(.resized(size))
        case .key(let key):
            if let command = keymap.command(for: key, in: state.mode) {
                dispatch(.command(command))
            } else if state.mode == .prompt {
                dispatch(.text(key))
            }
        }
    }

    /// Runs `action` and every effect it causes, to completion.
    public func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            for effect in update(&state, pending.removeFirst()) { pending += perform(effect) }
        }
    }

    private func pollStore() {
        guard let token = try? store.changeToken(), token != lastToken else { return }
        lastToken = token
        dispatch(.storeChanged)
    }

    // MARK: - Effects

    private func perform(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadWindow(let request):
                return [.windowLoaded(try window(for: request))]
            case .loadTrajectory(let id):
                guard let stored = try store.trajectory(id: id) else {
                    return [.failed(.error("trajectory \(id) is no longer in the store"))]
                }
                return [.trajectoryLoaded(stored)]
            case .applyLabel(let change, let ids, let advance):
                let events = try store.applyLabel(change, to: ids, reviewer: state.reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                return [.labelSaved(LabelReceipt(kind: .label(change), events: events, advance: advance))]
            case .undo, .redo:
                let event =
                    effect == .undo
                    ? try store.undo(reviewer: state.reviewer, origin: "ui")
                    : try store.redo(reviewer: state.reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                let receipt = LabelReceipt(kind: effect == .undo ? .undo : .redo, events: event.map { [$0] } ?? [])
                return [.labelSaved(receipt)]
            case .loadStats:
                return [.statsLoaded(try store.stats())]
            case .loadHistory(let id):
                return [.historyLoaded(id: id, events: try store.labelHistory(of: id))]
            case .saveState(let session):
                try store.saveReviewState(session, for: state.reviewer)
                return []
            }
        } catch {
            return [.failed(.error("\(error)"))]
        }
    }

    /// Rows around the request's anchor: the anchor's list position by a count, then keyset pages before
    /// and after it. Never an offset scan, never the whole list.
    private func window(for request: WindowRequest) throws -> RowWindow {
        let filter = request.filter
        let sort = request.sort
        var message: UserMessage?
        var anchor: TrajectoryRow?
        switch request.anchor {
        case .first:
            anchor = try store.rows(matching: filter, sortedBy: sort, after: nil, limit: 1).first
        case .last:
            anchor = try store.rows(matching: filter, sortedBy: sort, before: nil, limit: 1).first
        case .row(let id):
            anchor = try store.row(id: id)
        case .nextPending(let id):
            let current = try store.row(id: id)
            let pending = Self.combine(filter, try Filter.parse("status:pending"))
            anchor = try next(matching: pending, sort: sort, from: current, forward: true)
            if anchor == nil { message = UserMessage("no pending trajectory left in this list") }
            anchor = anchor ?? current
        case .hit(let search, let id, let forward):
            let current = try id.flatMap { try store.row(id: $0) }
            let hits = Self.combine(filter, try Filter.parse("has:" + Self.quoted(search)))
            anchor = try next(matching: hits, sort: sort, from: current, forward: forward)
            if anchor == nil { message = UserMessage("no trajectory in this list contains “\(search)”") }
            anchor = anchor ?? current
        }
        var result = RowWindow(start: 0, rows: [], cursor: 0, message: message)
        if request.counting {
            result.counts = try store.statusCounts(matching: filter)
            result.storeTotal = try store.count(matching: Filter(nil))
        }
        guard let anchor else { return result }
        let position = try request.knownPosition ?? store.position(of: anchor, matching: filter, sortedBy: sort)
        let before = try store.rows(matching: filter, sortedBy: sort, before: anchor, limit: request.radius)
        let rest = try store.rows(matching: filter, sortedBy: sort, after: before.last, limit: request.radius + 1)
        result.start = position - before.count
        result.rows = before + rest
        result.cursor = position
        return result
    }

    /// The first row matching `filter` after (or before) `row`, wrapping around the list once.
    private func next(matching filter: Filter, sort: ListSort, from row: TrajectoryRow?, forward: Bool) throws
        -> TrajectoryRow?
    {
        func step(_ from: TrajectoryRow?) throws -> TrajectoryRow? {
            forward
                ? try store.rows(matching: filter, sortedBy: sort, after: from, limit: 1).first
                : try store.rows(matching: filter, sortedBy: sort, before: from, limit: 1).first
        }
        if let found = try step(row) { return found }
        return row == nil ? nil : try step(nil)
    }

    static func combine(_ filter: Filter, _ extra: Filter) -> Filter {
        guard let base = filter.expression else { return extra }
        guard let more = extra.expression else { return filter }
        return Filter(.and(base, more))
    }

    /// `text` as a filter string literal: quoted, with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
