import TroveCore

/// Applies `action` to `state` and returns the work the runtime must do: the review UI's only state
/// transition. Pure: no store, no terminal, no clock.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .command(let command):
        return state.perform(command)
    case .text(let key):
        return state.edit(key)
    case .resized(let size):
        state.size = size
        state.keepCursorVisible()
        state.clampScroll()
        return []
    case .started(let saved):
        if let saved {
            state.sort = saved.sort
            state.filter = (try? Filter.parse(saved.filter)) ?? Filter(nil)
        }
        let anchor = saved?.trajectoryID.map { WindowRequest.Anchor.row(id: $0) } ?? .first
        return [.loadWindow(state.windowRequest(anchor))]
    case .windowLoaded(let window):
        return state.receive(window)
    case .counted(let generation, let counts):
        state.receive(counts, generation: generation)
        return []
    case .trajectoryLoaded(let stored):
        state.receive(stored)
        return []
    case .labelSaved(let receipt):
        return state.receive(receipt)
    case .historyLoaded(_, let events):
        state.history = events
        state.pageScroll = max(0, events.count - state.pageHeight)
        if state.screen != .history { state.screens.append(.history) }
        return []
    case .statsLoaded(let stats):
        state.stats = stats
        state.pageScroll = 0
        if state.screen != .stats { state.screens.append(.stats) }
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

// MARK: - Results

extension AppState {
    /// Shows a window. A freshly placed one drops the counts and asks for new ones (numbering its rows
    /// provisionally unless it reaches the list's start); a window reaching the start while the numbering
    /// is provisional makes it true without waiting for the count.
    mutating func receive(_ window: RowWindow) -> [Effect] {
        list.window = window
        var count: CountRequest?
        if window.isPlacedFresh {
            list.countGeneration += 1
            list.counts = nil
            list.recountAnchor = nil
            list.provisionalAnchor = window.reachesStart ? nil : window.cursor
            count = CountRequest(
                filter: filter, sort: sort, anchor: window.reachesStart ? nil : window.anchor,
                storeTotal: list.storeTotal, generation: list.countGeneration)
        } else if list.recountsAfterLoad, let anchor = window.row(at: window.cursor) {
            // A label kept the numbering: the old counts stay on screen until the new ones replace them.
            list.countGeneration += 1
            list.recountAnchor = window.cursor
            count = CountRequest(
                filter: filter, sort: sort, anchor: anchor, storeTotal: list.storeTotal,
                generation: list.countGeneration)
        }
        list.recountsAfterLoad = false
        list.cursor = min(max(list.firstPosition, window.cursor), max(list.firstPosition, list.endPosition - 1))
        if window.reachesStart, !list.isPositioned {
            list.shift(by: -window.start)
            list.provisionalAnchor = nil
        }
        if let note = window.message { message = note }
        keepCursorVisible()
        var effects: [Effect] = []
        if openAfterLoad {
            openAfterLoad = false
            if let row = currentRow { effects.append(.loadTrajectory(id: row.id)) }
        }
        if let count { effects.append(.count(count)) }
        return effects
    }

    /// Takes the counts of the current generation: the list's length, and true positions when the
    /// numbering was provisional. A stale generation's counts are dropped.
    mutating func receive(_ counted: ListCounts, generation: Int) {
        guard generation == list.countGeneration else { return }
        list.counts = counted.counts
        list.storeTotal = counted.storeTotal
        if let anchor = list.provisionalAnchor ?? list.recountAnchor {
            list.shift(by: counted.position - anchor)
            list.provisionalAnchor = nil
            list.recountAnchor = nil
        }
        list.cursor = min(max(0, list.cursor), max(0, counted.counts.total - 1))
        keepCursorVisible()
    }

    mutating func receive(_ stored: StoredTrajectory) {
        if document?.id == stored.trajectory.id {
            document?.stored = stored
        } else {
            document = Document(stored)
            if let search, let first = hitLines(search).first { document?.scroll = first }
        }
        if !screens.contains(.trajectory) { screens = [.list, .trajectory] }
        clampScroll()
    }

    mutating func receive(_ receipt: LabelReceipt) -> [Effect] {
        guard let last = receipt.events.last else {
            if case .label = receipt.kind, let id = currentID {
                // The store wrote nothing: the label already was what the key asks for.
                message = UserMessage("no change: \(id) already has that label")
                guard receipt.advance else { return [] }
                openAfterLoad = screens.contains(.trajectory)
                return [.loadWindow(windowRequest(.nextPending(after: id), knownPositions: loadedPositions))]
            }
            message = UserMessage(receipt.kind == .undo ? "nothing to undo" : "nothing to redo")
            return []
        }
        message = UserMessage(Self.describe(receipt))
        let id = last.trajectoryID
        var effects: [Effect] = [.saveState(ReviewSessionState(trajectoryID: id, filter: filter.source, sort: sort))]
        let onTrajectory = screens.contains(.trajectory)
        // The labeled row and the next pending one are usually on screen: the window then keeps their
        // positions and only the counts are taken again, so the status bar never blanks.
        list.recountsAfterLoad = true
        if receipt.advance {
            openAfterLoad = onTrajectory
            effects.append(.loadWindow(windowRequest(.nextPending(after: id), knownPositions: loadedPositions)))
        } else {
            effects.append(.loadWindow(windowRequest(.row(id: id), knownPositions: loadedPositions)))
            if onTrajectory { effects.append(.loadTrajectory(id: id)) }
        }
        return effects
    }

    static func describe(_ receipt: LabelReceipt) -> String {
        let ids = receipt.events.map(\.trajectoryID)
        let subject = ids.count == 1 ? ids[0] : "\(ids.count) trajectories"
        guard let label = receipt.events.last?.label else { return subject }
        switch receipt.kind {
        case .undo: return "undone: \(subject) is \(label.status.rawValue) again"
        case .redo: return "redone: \(subject) is \(label.status.rawValue)"
        case .label(let change):
            if let status = change.status { return "\(status.rawValue) \(subject) (saved)" }
            if case .set(let value, _)? = change.reward {
                return "reward \(Format.reward(value)) for \(subject) (saved)"
            }
            if change.reward == .clear { return "reward cleared for \(subject) (saved)" }
            if change.note != nil { return "note saved for \(subject)" }
            return "tags of \(subject): \(label.tags.isEmpty ? "none" : label.tags.joined(separator: ", "))"
        }
    }

    /// Reloads what is on screen, keeping the cursor on its trajectory.
    mutating func refresh() -> [Effect] {
        var effects: [Effect] = [
            .loadWindow(windowRequest(currentRow.map { .row(id: $0.id) } ?? .first))
        ]
        if screens.contains(.trajectory), let document { effects.append(.loadTrajectory(id: document.id)) }
        if screen == .stats { effects.append(.loadStats) }
        return effects
    }
}

// MARK: - Commands

extension AppState {
    /// The commands that write labels, refused on a read-only store.
    static let changesLabels: Set<Command> = [
        .accept, .reject, .undo, .redo, .rewardZero, .rewardOne, .editReward, .editTags, .editNote,
    ]

    mutating func perform(_ command: Command) -> [Effect] {
        if prompt != nil {
            switch command {
            case .submit: return submitPrompt()
            case .cancel: prompt = nil
            case .quit: return quit()
            default: break
            }
            return []
        }
        message = nil
        if readOnly, Self.changesLabels.contains(command) {
            message = UserMessage("this store is read-only: labeling is disabled")
            return []
        }
        switch command {
        case .accept: return label(.accept, advance: true)
        case .reject: return label(.reject, advance: true)
        case .skip:
            guard let id = currentID else { return [] }
            openAfterLoad = screens.contains(.trajectory)
            message = UserMessage("skipped \(id)")
            return [.loadWindow(windowRequest(.nextPending(after: id), knownPositions: loadedPositions))]
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .rewardZero: return label(LabelChange(reward: .set(0, reason: nil)), advance: false)
        case .rewardOne: return label(LabelChange(reward: .set(1, reason: nil)), advance: false)
        case .editReward: openPrompt(.reward)
        case .editTags: openPrompt(.tags)
        case .editNote:
            openPrompt(.note, text: document.flatMap { $0.id == currentID ? $0.stored.label.note : nil } ?? "")
        case .showHistory: return currentID.map { [.loadHistory(id: $0)] } ?? []
        case .moveDown: return move(by: 1)
        case .moveUp: return move(by: -1)
        case .pageDown: return move(by: screen == .list ? listHeight : pageHeight)
        case .pageUp: return move(by: -(screen == .list ? listHeight : pageHeight))
        case .top: return moveToEnd(last: false)
        case .bottom: return moveToEnd(last: true)
        case .open:
            guard screen == .list, let row = currentRow else { return [] }
            return [.loadTrajectory(id: row.id)]
        case .back: return back()
        case .nextStep: jumpStep(forward: true)
        case .previousStep: jumpStep(forward: false)
        case .search: openPrompt(.search, text: search ?? "")
        case .nextHit: return findHit(forward: true)
        case .previousHit: return findHit(forward: false)
        case .filter: openPrompt(.filter, text: filter.source)
        case .sortNext, .sortReverse: return resort(reverse: command == .sortReverse)
        case .toggleThoughts: view.thoughts.toggle()
        case .toggleObservations: view.observations.toggle()
        case .toggleMetadata: view.metadata.toggle()
        case .toggleContext: view.context.toggle()
        case .toggleRaw: view.raw.toggle()
        case .toggleFold: toggleFold()
        case .toggleStats:
            if screen == .stats {
                screens.removeLast()
                return []
            }
            return [.loadStats]
        case .toggleHelp:
            if screen == .help {
                screens.removeLast()
            } else {
                screens.append(.help)
                pageScroll = 0
            }
        case .redraw, .submit, .cancel: break
        case .quit: return quit()
        }
        clampScroll()
        return []
    }

    private mutating func label(_ change: LabelChange, advance: Bool) -> [Effect] {
        guard let id = currentID else { return [] }
        return [.applyLabel(change, ids: [id], advance: advance)]
    }

    private mutating func openPrompt(_ kind: Prompt.Kind, text: String = "") {
        guard kind == .filter || kind == .search || currentID != nil else { return }
        prompt = Prompt(kind, text: text)
    }

    private mutating func quit() -> [Effect] {
        isQuitting = true
        prompt = nil
        return [.saveState(sessionState)]
    }

    private mutating func back() -> [Effect] {
        guard screens.count > 1 else { return quit() }
        let leaving = screens.removeLast()
        pageScroll = 0
        if leaving == .trajectory {
            document = nil
            keepCursorVisible()
        }
        return []
    }

    private mutating func resort(reverse: Bool) -> [Effect] {
        guard screen == .list else { return [] }
        if reverse {
            sort.descending.toggle()
        } else {
            let columns = ListColumn.allCases.filter { !(blind && $0 == .envReward) }
            let index = columns.firstIndex(of: sort.column) ?? -1
            sort = ListSort(column: columns[(index + 1) % columns.count], descending: sort.descending)
        }
        let anchor = currentRow.map { WindowRequest.Anchor.row(id: $0.id) } ?? .first
        return [.loadWindow(windowRequest(anchor)), .saveState(sessionState)]
    }
}

// MARK: - Movement

extension AppState {
    private mutating func move(by delta: Int) -> [Effect] {
        switch screen {
        case .list:
            guard list.endPosition > list.firstPosition else { return [] }
            list.cursor = min(max(list.firstPosition, list.cursor + delta), list.endPosition - 1)
            keepCursorVisible()
            return windowEffects()
        case .trajectory:
            document?.scroll += delta
        default:
            pageScroll += delta
        }
        clampScroll()
        return []
    }

    private mutating func moveToEnd(last: Bool) -> [Effect] {
        switch screen {
        case .list:
            guard list.endPosition > list.firstPosition else { return [] }
            // The last row's position is known once counted, or when the window holds it.
            let known = last ? list.total != nil || list.window.reachesEnd : list.isPositioned
            let target = last ? list.endPosition - 1 : 0
            if known, list.window.row(at: target) != nil {
                list.cursor = target
                keepCursorVisible()
                return []
            }
            return [.loadWindow(windowRequest(last ? .last : .first))]
        case .trajectory:
            document?.scroll = last ? Int.max : 0
        default:
            pageScroll = last ? Int.max : 0
        }
        clampScroll()
        return []
    }

    /// Keeps the list cursor on screen. Implementation note: the window holds `windowRadius` rows on each
    /// side, more than a page, so a move never leaves it; the runtime recenters it on the next load.
    mutating func keepCursorVisible() {
        let height = listHeight
        let first = list.firstPosition
        if list.cursor < list.top { list.top = list.cursor }
        if list.cursor >= list.top + height { list.top = list.cursor - height + 1 }
        list.top = max(first, min(list.top, max(first, list.endPosition - height)))
    }

    /// Effects a list move needs: a recentred window when the cursor nears the edge of the loaded rows.
    private func windowEffects() -> [Effect] {
        let margin = listHeight
        let nearStart = list.cursor - list.window.start < margin && !list.holdsStart
        let nearEnd = list.window.end - list.cursor <= margin && !list.holdsEnd
        guard nearStart || nearEnd, let row = currentRow else { return [] }
        return [.loadWindow(windowRequest(.row(id: row.id), knownPosition: list.cursor))]
    }

    /// The open trajectory's lines at the current width.
    public var documentLines: [DocumentLine] {
        guard let document else { return [] }
        return TrajectoryLayout.lines(of: document, view: view, blind: blind, width: size.width)
    }

    mutating func clampScroll() {
        if document != nil {
            let limit = documentLines.count - pageHeight
            let scroll = document?.scroll ?? 0
            document?.scroll = max(0, min(scroll, limit))
        }
        pageScroll = max(0, min(pageScroll, pageLineCount - pageHeight))
    }

    /// Lines of the help, stats or history screen, for scrolling.
    var pageLineCount: Int {
        switch screen {
        case .help: HelpScreen.lineCount(state: self)
        case .stats: StatsScreen.lineCount(state: self)
        case .history: history.count + 1
        default: 0
        }
    }

    private mutating func jumpStep(forward: Bool) {
        guard let scroll = document?.scroll else { return }
        let headers = TrajectoryLayout.stepHeaders(in: documentLines)
        let target = forward ? headers.first { $0 > scroll } : headers.last { $0 < scroll }
        if let target { document?.scroll = target }
    }

    private mutating func toggleFold() {
        guard let document else { return }
        let lines = documentLines
        let visible = lines.indices.dropFirst(document.scroll).prefix(pageHeight)
        guard let step = visible.lazy.compactMap({ lines[$0].foldStep }).first else {
            message = UserMessage("no long observation on screen")
            return
        }
        if self.document?.unfolded.remove(step) == nil { self.document?.unfolded.insert(step) }
    }
}

// MARK: - Search

extension AppState {
    /// Display lines of the open trajectory that contain `text`, ignoring case.
    func hitLines(_ text: String) -> [Int] {
        let needle = text.lowercased()
        return documentLines.indices.filter { documentLines[$0].text.lowercased().contains(needle) }
    }

    private mutating func findHit(forward: Bool) -> [Effect] {
        guard let search else {
            message = UserMessage("no search yet: press / to search")
            return []
        }
        if screen == .trajectory, let scroll = document?.scroll {
            let hits = hitLines(search)
            if let line = forward ? hits.first(where: { $0 > scroll }) : hits.last(where: { $0 < scroll }) {
                document?.scroll = line
                return []
            }
            openAfterLoad = true
        }
        guard screen == .list || screen == .trajectory else { return [] }
        return [.loadWindow(windowRequest(.hit(search: search, from: currentID, forward: forward)))]
    }
}

// MARK: - Prompts

extension AppState {
    mutating func edit(_ key: Key) -> [Effect] {
        guard prompt != nil else { return [] }
        prompt?.error = nil
        prompt?.errorRange = nil
        prompt?.editor.handle(key)
        return []
    }

    private mutating func submitPrompt() -> [Effect] {
        guard let prompt else { return [] }
        let text = prompt.editor.text
        let trimmed = text.trimmingWhitespace
        switch prompt.kind {
        case .reward:
            if trimmed.isEmpty {
                self.prompt = nil
                return label(LabelChange(reward: .clear), advance: false)
            }
            guard let value = Double(trimmed), (0...1).contains(value) else {
                self.prompt?.error = "'\(trimmed)' is not a reward: type a number from 0 to 1 (empty clears)"
                return []
            }
            self.prompt = nil
            return label(LabelChange(reward: .set(value, reason: nil)), advance: false)
        case .note:
            self.prompt = nil
            return label(LabelChange(note: .set(text)), advance: false)
        case .tags:
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            var tags: [String] = []
            for word in words {
                if let number = Int(word) {
                    guard (1...tagSet.count).contains(number) else {
                        self.prompt?.error = "no tag \(number): pick 1 to \(tagSet.count) or type a name"
                        return []
                    }
                    tags.append(tagSet[number - 1])
                } else {
                    tags.append(word)
                }
            }
            let change = LabelChange(toggleTags: tags)
            do {
                try change.validate()
            } catch {
                self.prompt?.error = error.description
                return []
            }
            self.prompt = nil
            return tags.isEmpty ? [] : label(change, advance: false)
        case .filter:
            do {
                filter = try Filter.parse(text)
            } catch {
                self.prompt?.error = error.message.text
                self.prompt?.errorRange = error.range
                return []
            }
            self.prompt = nil
            let anchor = currentRow.map { WindowRequest.Anchor.row(id: $0.id) } ?? .first
            return [.loadWindow(windowRequest(anchor)), .saveState(sessionState)]
        case .search:
            self.prompt = nil
            search = trimmed.isEmpty ? nil : trimmed
            guard search != nil else { return [] }
            if screen == .trajectory, let first = hitLines(trimmed).first {
                document?.scroll = first
                clampScroll()
                return []
            }
            return findHit(forward: true)
        }
    }
}

extension String {
    /// The text without white space at either end.
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
