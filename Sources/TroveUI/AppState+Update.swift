import TroveCore

/// Applies `action` to `state` and returns the work the runtime must do: the review UI's only state
/// transition. Pure: no store, no terminal, no clock.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    // Screens read the layout on every frame: take it once here, for the state the action leaves.
    defer { state.layOut() }
    let effects = applying(action, to: &state)
    return effects + state.followCursor()
}

extension AppState {
    /// Beside the list, asks for the cursor's trajectory when the pane shows another one.
    mutating func followCursor() -> [Effect] {
        guard showsSideBySide, let row = currentRow, document?.id != row.id, followedID != row.id else { return [] }
        followedID = row.id
        return [.loadTrajectory(id: row.id)]
    }
}

/// What `action` does to `state`, before the pane beside the list follows the cursor.
private func applying(_ action: Action, to state: inout AppState) -> [Effect] {
    switch action {
    case .command(let command):
        return state.perform(command)
    case .text(let key):
        return state.edit(key)
    case .resized(let size):
        state.resize(to: size)
        return []
    case .started(let saved):
        if let saved {
            // A sort that would order rows by a reward blind review hides gives way to import order.
            state.sort = state.hiddenColumns.contains(saved.sort.column) ? ListSort() : saved.sort
            state.filter =
                (try? Filter.parse(saved.filter, blindReviewer: state.blindReviewer)) ?? Filter(nil)
            // A saved filter the store now fails on gives way to none, and that is saved instead.
            if state.filter.expression != nil { state.filterOnTrial = Filter(nil) }
        }
        let anchor = saved?.trajectoryID.map { WindowRequest.Anchor.row(id: $0) } ?? .first
        return [.loadWindow(state.windowRequest(anchor))]
    case .windowLoaded(let window):
        return state.receive(window)
    case .windowFailed(let message):
        return state.windowFailed(message)
    case .counted(let generation, let counts):
        state.receive(counts, generation: generation)
        return []
    case .trajectoryLoaded(let excerpt):
        state.receive(excerpt)
        return []
    case .textPageLoaded(let id, let page):
        state.receive(page, of: id)
        return []
    case .labelSaved(let receipt):
        return state.receive(receipt)
    case .turnsSaved(let id, let message):
        state.message = message
        // The open trajectory shows its masks: it is read again, keeping the reader's place.
        guard let id, state.document?.id == id else { return [] }
        return [.loadTrajectory(id: id)]
    case .batchPreviewed(let change, let count):
        state.askToConfirm(change, count: count)
        return []
    case .historyLoaded(_, let events):
        // Blind review shows only the reviewer's own events: another's verdict could sway theirs.
        state.history = state.blind ? events.filter { $0.reviewer == state.reviewer } : events
        if state.screen != .history { state.screens.append(.history) }
        state.pageScroll = state.pageScrollLimit
        return []
    case .statsLoaded(let stats):
        state.stats = stats
        state.pageScroll = 0
        if state.screen != .stats { state.screens.append(.stats) }
        return []
    case .agreementLoaded(let report):
        state.agreement = report
        return []
    case .idsFound(let prefix, let ids, let submit):
        return state.found(ids, prefix: prefix, submit: submit)
    case .groupRunsLoaded(let runs):
        state.receive(groupRuns: runs)
        return []
    case .comparisonLoaded(let stored):
        state.receive(comparison: stored)
        return []
    case .tagsLoaded(let tags):
        // Appended, never reordered: the numbers the menu shows stay valid while it is open.
        for tag in tags where !state.tagSet.contains(tag) { state.tagSet.append(tag) }
        return []
    case .reviewerLabelsLoaded(let id, let labels):
        if state.document?.id == id { state.document?.labels = labels }
        state.fillPrompt(from: labels, of: id)
        return []
    case .policyLoaded(let policy):
        state.isAdjudicator = policy.adjudicators.contains(state.reviewer)
        return []
    case .progressLoaded(let progress):
        state.progress = progress
        return []
    case .storeChanged:
        // Another process may have imported: the store's size is counted again.
        state.list.storeTotal = nil
        return state.refresh()
    case .failed(let message):
        state.message = message
        state.openAfterLoad = false
        return []
    }
}
