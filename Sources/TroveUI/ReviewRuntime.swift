import TroveCore

/// The review UI's only loop: render, present, wait for an event, look the key up in the keymap, update,
/// and perform the effects through the store ports, feeding their results back as actions.
///
/// Synchronous: a label is committed by ``LabelSink/applyLabel(_:to:reviewer:origin:)`` before the next
/// frame shows it, so what the screen shows as done survives a crash. The one exception is counting
/// (``Effect/count(_:)``), which may scan every trajectory: with ``Counting/background`` a count that
/// finishes within ``inlineCountBudget`` is shown with the frame, and a longer one is stopped and runs
/// again on a thread of its own once the frame is drawn; keys keep working meanwhile, and its result
/// comes back as an action between keys. Store errors become a status-line message. The terminal is stopped on
/// every exit path, thrown errors included.
///
/// ```swift
/// let runtime = ReviewRuntime(terminal: CursesTerminal(), store: store, state: AppState(size: .zero, reviewer: "ana"))
/// try runtime.run()
/// ```
public final class ReviewRuntime<T: Terminal> {
    /// Where counts run.
    public enum Counting: Sendable {
        /// On a thread of their own, after the frame: a count never keeps a key waiting.
        case background
        /// In line with the other effects, before the next frame: every frame is final (tests).
        case inline
    }

    /// The state after the last action; the final state once ``run()`` returns.
    public private(set) var state: AppState
    private let terminal: T
    private let store: any TrajectorySource & LabelSink
    private let keymap: Keymap
    private let clock = ContinuousClock()
    private var lastToken: Int64?
    private let counter: CountWorker?
    /// Word of other processes' changes, when the store sends it: asked between keys instead of polling.
    private var changes: (any StoreChangeFeed)?
    /// Effects that wait until the frame is out: remembering where the reviewer is (a write whose sync
    /// is no part of what a key shows).
    private var afterFrame: [Effect] = []
    /// The count to hand to the worker once the frame is out (it would compete with the frame for the CPU).
    private var countAfterFrame: CountRequest?

    /// How often the store is asked whether another process changed it, when it sends no change feed
    /// (``StoreChangeFeed``; with one, the feed is asked between keys and the store only on its word).
    public static var pollInterval: Duration { .seconds(1) }

    /// How long to wait for a key while a count runs, before looking for its result.
    static var countPollInterval: Duration { .milliseconds(2) }

    /// How long a count may take before the frame: a quick one (a rare flag's, a small list's) then
    /// shows with it instead of in a second frame.
    public static var inlineCountBudget: Duration { .milliseconds(2) }

    /// Where the session opens instead of where the reviewer left off (`trove review --where`); nil for the
    /// saved position.
    private let opening: ReviewSessionState?

    /// - parameter opening: where the session opens (a filter and sort, the cursor on their first row or on
    ///   its trajectory), instead of the reviewer's saved position; the saved position is replaced only as
    ///   the session moves, as always.
    public init(
        terminal: T, store: any TrajectorySource & LabelSink, state: AppState, keymap: Keymap = .standard,
        counting: Counting = .background, changes: (any StoreChangeFeed)? = nil, opening: ReviewSessionState? = nil
    ) {
        self.opening = opening
        self.terminal = terminal
        self.store = store
        self.state = state
        self.keymap = keymap
        self.counter = counting == .background ? CountWorker(store: store) : nil
        self.changes = changes
    }

    /// Runs until the reviewer quits. Throws what the terminal throws; the terminal is restored first.
    public func run() throws {
        try terminal.start()
        defer { terminal.stop() }
        defer { performAfterFrame() }
        state.size = terminal.size
        lastToken = try? store.changeToken()
        do {
            dispatch(.started(try opening ?? store.reviewState(for: state.reviewer)))
        } catch {
            dispatch(.failed(.error("cannot read the saved position: \(error)")))
            dispatch(.started(nil))
        }
        if let policy = try? store.teamPolicy() { dispatch(.policyLoaded(policy)) }
        for action in progressActions() { dispatch(action) }
        var canvas = Canvas(size: state.size)
        var lastPoll = clock.now
        var presented: AppState?
        while !state.isQuitting {
            if state != presented {
                render(state, into: &canvas, keymap: keymap)
                terminal.present(canvas)
                presented = state
            }
            performAfterFrame()
            let counting = counter?.isBusy ?? false
            if let event = try terminal.nextEvent(timeout: counting ? Self.countPollInterval : .milliseconds(250)) {
                handle(event)
            }
            for action in counter?.takeResults() ?? [] where !state.isQuitting { dispatch(action) }
            if !state.isQuitting, changeArrived() {
                pollStore()
            } else if !state.isQuitting, changes == nil, clock.now - lastPoll >= Self.pollInterval {
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

    /// Runs `action` and every effect it causes, to completion, except ``Effect/saveState(_:reviewer:)`` and
    /// background counts longer than ``inlineCountBudget``, which wait for the next frame to be
    /// presented (or the session to end).
    public func dispatch(_ action: Action) {
        var pending = [action]
        while !pending.isEmpty {
            for effect in update(&state, pending.removeFirst()) {
                if case .saveState = effect {
                    afterFrame.append(effect)
                } else {
                    pending += perform(effect)
                }
            }
        }
    }

    private func performAfterFrame() {
        while !afterFrame.isEmpty {
            for action in perform(afterFrame.removeFirst()) { dispatch(action) }
        }
        if let request = countAfterFrame {
            countAfterFrame = nil
            if !state.isQuitting { counter?.submit(request) }
        }
    }

    /// Whether the change feed brought word of a change; a lost feed counts as one, and the store is
    /// polled from then on.
    private func changeArrived() -> Bool {
        guard let feed = changes else { return false }
        do {
            return try feed.changeArrived()
        } catch {
            changes = nil
            return true
        }
    }

    private func pollStore() {
        guard let token = try? store.changeToken(), token != lastToken else { return }
        lastToken = token
        dispatch(.storeChanged)
        for action in progressActions() { dispatch(action) }
    }

    /// Every reviewer's label on the open trajectory, read again after a label change: when no pending
    /// trajectory is left to move on to, the screen stays on it and must show the labels as they are now.
    private func openLabelsActions() -> [Action] {
        guard let id = state.document?.id, let labels = try? store.reviewerLabels(of: id) else { return [] }
        return [.reviewerLabelsLoaded(id: id, labels)]
    }

    /// The reviewer's progress through their assignments, read again after anything that may change it.
    /// A store that cannot say leaves the last figures on screen: the review goes on without them.
    private func progressActions() -> [Action] {
        guard let progress = try? store.queueProgress(of: state.reviewer) else { return [] }
        return [.progressLoaded(progress)]
    }

    // MARK: - Effects

    /// `e`: the turn's text (as corrected, else as imported) through the editor, stored as `reviewer`'s
    /// correction when it came back changed. A text that came back empty (or only white space) is
    /// refused, not saved: emptying the editor is how many leave it without saving, and a blank turn
    /// would train on nothing. `trove edit --text-file` with an empty file blanks a turn on purpose.
    private func editTurn(_ turn: Int, of id: String, reviewer: String) throws -> [Action] {
        guard let texts = try store.turnText(of: id, turn: turn, blindReviewer: state.blindReviewer) else {
            return [.failed(.error("trajectory \(Format.id(id)) has no agent turn \(turn)"))]
        }
        let current = texts.corrected ?? texts.original
        let edited: String
        do {
            edited = TurnLabel.correction(fromFile: try terminal.edit(current), original: current)
        } catch {
            return [.failed(.error("\(error)"))]
        }
        guard edited != current else {
            return [
                .turnsSaved(
                    id: id, message: UserMessage("no change: \(state.stepName(ofTurn: turn)) was left as it was"))
            ]
        }
        guard !TurnLabel.blanks(edited) else {
            return [
                .turnsSaved(
                    id: id,
                    message: .error(
                        "an empty correction would blank \(state.stepName(ofTurn: turn)); nothing was saved "
                            + "(trove edit --text-file --allow-empty blanks it on purpose)"))
            ]
        }
        let batch: LabelBatch?
        do {
            batch = try store.setText(edited, turn: turn, of: id, reviewer: reviewer, origin: "ui")
        } catch let error as CorrectionError {
            // The store keeps a correction whole or not at all.
            return [
                .turnsSaved(id: id, message: .error("\(state.stepName(ofTurn: turn)): \(error); nothing was saved"))
            ]
        }
        lastToken = try? store.changeToken()
        let message =
            batch.map { "\(state.stepNamed($0.change, turn: turn)) of \(Format.id(id)) (saved)" }
            ?? "no change: \(state.stepName(ofTurn: turn)) already has that text"
        return [.turnsSaved(id: id, message: UserMessage(message))]
    }

    private func perform(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadWindow(let request):
                // A window placed fresh makes the running count stale: stop it before paging.
                if request.knownPosition == nil && request.knownPositions.isEmpty { counter?.stop() }
                do {
                    return [.windowLoaded(try RowWindowLoader(source: store).window(for: request))]
                } catch {
                    return [.windowFailed(.error("\(error)"))]
                }
            case .count(let request):
                guard counter != nil else {
                    return CountWorker.count(request, in: store, onOwnConnection: false).map { [$0] } ?? []
                }
                // Counting the store's size is one step SQLite cannot stop midway: never before the frame.
                guard request.storeTotal != nil else {
                    countAfterFrame = request
                    return []
                }
                let deadline = ContinuousClock.now + Self.inlineCountBudget
                let quick = CountWorker.count(request, in: store, onOwnConnection: false) {
                    ContinuousClock.now >= deadline
                }
                if let quick { return [quick] }
                countAfterFrame = request
                return []
            case .loadTrajectory(let id):
                guard
                    let excerpt = try store.excerpt(
                        id: id, textBudget: TrajectoryLayout.textBudget, blindReviewer: state.blindReviewer)
                else {
                    return [.failed(.error("trajectory \(Format.id(id)) is no longer in the store"))]
                }
                return [.trajectoryLoaded(excerpt), .reviewerLabelsLoaded(id: id, try store.reviewerLabels(of: id))]
            case .loadTextPage(let id, let message, let bytes):
                guard
                    let page = try store.textPage(
                        of: id, message: message, bytes: bytes, blindReviewer: state.blindReviewer)
                else {
                    return [.failed(.error("trajectory \(Format.id(id)) is no longer in the store"))]
                }
                return [.textPageLoaded(id: id, page)]
            case .applyLabel(let change, let ids, let advance, let reviewer):
                let events = try store.applyLabel(change, to: ids, reviewer: reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                return [.labelSaved(LabelReceipt(kind: .label(change), events: events, advance: advance))]
                    + progressActions() + openLabelsActions()
            case .setTraining(let training, let turn, let id, let reviewer):
                let batch = try store.setTraining(training, turn: turn, of: id, reviewer: reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                let message =
                    batch.map { "\(state.stepNamed($0.change, turn: turn)) of \(Format.id(id)) (saved)" }
                    ?? "no change: \(state.stepName(ofTurn: turn)) already has that mask"
                return [.turnsSaved(id: id, message: UserMessage(message))]
            case .editTurn(let id, let turn, let reviewer):
                return try editTurn(turn, of: id, reviewer: reviewer)
            case .pageCorrection(let id, let turn):
                guard let texts = try store.turnText(of: id, turn: turn, blindReviewer: state.blindReviewer),
                    let corrected = texts.corrected
                else {
                    return [.failed(.error("turn \(turn) of \(Format.id(id)) is not corrected"))]
                }
                do {
                    try terminal.page(LineDiff.text(from: texts.original, to: corrected, turn: turn))
                } catch {
                    return [.failed(.error("\(error)"))]
                }
                return []
            case .undo(let reviewer):
                let batch = try store.undo(reviewer: reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                if let batch, batch.firstEvents.isEmpty {
                    return [.turnsSaved(id: batch.firstTrajectoryID, message: UserMessage(batch.screenMessage))]
                }
                return [
                    .labelSaved(
                        LabelReceipt(
                            kind: .undo, events: batch?.firstEvents ?? [], count: batch?.count,
                            batchMessage: batch?.screenMessage))
                ]
                    + progressActions() + openLabelsActions()
            case .redo(let reviewer):
                let batch = try store.redo(reviewer: reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                if let batch, batch.firstEvents.isEmpty {
                    return [.turnsSaved(id: batch.firstTrajectoryID, message: UserMessage(batch.screenMessage))]
                }
                return [
                    .labelSaved(
                        LabelReceipt(
                            kind: .redo, events: batch?.firstEvents ?? [], count: batch?.count,
                            batchMessage: batch?.screenMessage))
                ]
                    + progressActions() + openLabelsActions()
            case .previewBatch(let change, let filter, let reviewer):
                let preview = try store.previewLabel(change, matching: filter, reviewer: reviewer, limit: 0)
                return [.batchPreviewed(change, count: preview.count)]
            case .applyBatch(let change, let filter, let reviewer):
                let batch = try store.applyLabel(change, matching: filter, reviewer: reviewer, origin: "ui")
                lastToken = try? store.changeToken()
                let receipt = LabelReceipt(
                    kind: .label(change), events: batch?.firstEvents ?? [], count: batch?.count ?? 0)
                return [.labelSaved(receipt)] + progressActions() + openLabelsActions()
            case .loadStats(let blindReviewer):
                var stats = try store.stats()
                // Blind, agreement is left out too: over a task of one trajectory it tells another's verdict.
                guard let blindReviewer else { return [.statsLoaded(stats), .agreementLoaded(try store.agreement())] }
                stats = stats.blind(ownDecisions: try store.ownDecisions(of: blindReviewer))
                return [.statsLoaded(stats)]
            case .findIDs(let prefix, let submit):
                let ids = try store.ids(startingWith: prefix, limit: AppState.idMatchLimit)
                return [.idsFound(prefix: prefix, ids: ids, submit: submit)]
            case .pageRecord(let id):
                guard let record = try store.originalRecord(of: id) else { return [] }
                do {
                    try terminal.page(TrajectoryReport.visibleJSON(RecordText.text(record)))
                } catch {
                    return [.failed(.error("\(error)"))]
                }
                return []
            case .loadTags(let blindReviewer):
                return [.tagsLoaded(try blindReviewer.map(store.tagsInUse(by:)) ?? store.tagsInUse())]
            case .loadReviewerLabels(let id):
                return [.reviewerLabelsLoaded(id: id, try store.reviewerLabels(of: id))]
            case .loadHistory(let id):
                return [.historyLoaded(id: id, events: try store.labelHistory(of: id))]
            case .loadGroupRuns(let group, let excluded):
                let rows = try store.rows(
                    matching: Filter(.predicate(.group(group))), sortedBy: ListSort(), after: nil,
                    limit: AppState.Comparison.runLimit + 1)
                return [.groupRunsLoaded(rows.filter { $0.id != excluded })]
            case .loadComparison(let id):
                // Texts cut as on the trajectory screen: the diff shows the start of each part anyway.
                guard
                    let excerpt = try store.excerpt(
                        id: id, textBudget: TrajectoryLayout.textBudget, blindReviewer: state.blindReviewer)
                else {
                    return [.failed(.error("trajectory \(Format.id(id)) is no longer in the store"))]
                }
                return [.comparisonLoaded(excerpt.stored)]
            case .saveState(let session, let reviewer):
                try store.saveReviewState(session, for: reviewer)
                return []
            }
        } catch {
            return [.failed(.error("\(error)"))]
        }
    }
}
