import TroveCore

// What comes back from the runtime's effects: windows, counts, trajectories, saved labels.

extension AppState {
    /// Shows a window. A freshly placed one drops the counts and asks for new ones (numbering its rows
    /// provisionally unless it reaches the list's start); a window reaching the start while the numbering
    /// is provisional makes it true without waiting for the count.
    mutating func receive(_ window: RowWindow) -> [Effect] {
        if refusesGoTo(window) { return [] }
        list.window = window
        var count: CountRequest?
        if window.isPlacedFresh {
            list.countGeneration += 1
            list.counts = nil
            list.recountAnchor = nil
            list.provisionalAnchor = window.reachesStart ? nil : window.cursor
            count = CountRequest(
                filter: storeFilter, sort: sort, anchor: window.reachesStart ? nil : window.anchor,
                storeTotal: list.storeTotal, generation: list.countGeneration)
        } else if list.recountsAfterLoad, let anchor = window.row(at: window.cursor) {
            // A label kept the numbering: the old counts stay on screen until the new ones replace them.
            list.countGeneration += 1
            list.recountAnchor = window.cursor
            count = CountRequest(
                filter: storeFilter, sort: sort, anchor: anchor, storeTotal: list.storeTotal,
                generation: list.countGeneration)
        } else if list.recountsAfterLoad {
            // The label took the list's last row out of its filter: counted afresh, or the status bar would
            // keep counting it as pending.
            list.countGeneration += 1
            count = CountRequest(
                filter: storeFilter, sort: sort, anchor: nil, storeTotal: list.storeTotal,
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
            // Beside the list the pane takes the row again without opening it: a label that found no
            // trajectory pending after it stays on its own, whose pane must show the new label; and when
            // the label took the list's last row out of its filter, the trajectory shown is read again.
            if let id = currentRow?.id ?? document?.id {
                if showsSideBySide { followedID = id }
                effects.append(.loadTrajectory(id: id))
            }
        }
        if filterOnTrial != nil {
            filterOnTrial = nil
            effects.append(.saveState(sessionState, reviewer: reviewer))
        }
        if let count { effects.append(.count(count)) }
        return effects
    }

    /// A window the store failed on: a filter on trial gives way to the one before it (saved in its
    /// place, so a broken filter never comes back on open); any other failure is only said.
    mutating func windowFailed(_ failure: UserMessage) -> [Effect] {
        openAfterLoad = false
        goingTo = nil
        guard let previous = filterOnTrial else {
            message = failure
            return []
        }
        filterOnTrial = nil
        let failed = filter.source
        filter = previous
        message = .error("the filter failed and was not kept (\(TextWidth.truncate(failed, to: 40))): \(failure.text)")
        let anchor = currentRow.map { WindowRequest.Anchor.row(id: $0.id) } ?? .first
        return [.loadWindow(windowRequest(anchor)), .saveState(sessionState, reviewer: reviewer)]
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

    mutating func receive(_ excerpt: TrajectoryExcerpt) {
        let id = excerpt.stored.trajectory.id
        // The pane beside the list follows the cursor: the list keeps the screen.
        let followed = followedID == id && showsSideBySide
        if followedID == id { followedID = nil }
        if document?.id == id {
            // Pages read further into a text stay: a refresh after another process labeled keeps the place.
            document?.stored = excerpt.stored
            document?.cuts = excerpt.cuts
            document?.metadataHead = excerpt.metadataHead
            if let forward = hitAfterLoad, search != nil {
                // The search came round to the trajectory it started from: it starts over in it.
                let hits = searchHits()
                if let hit = forward ? hits.first : hits.last {
                    placeHit(hit)
                    message = UserMessage(
                        forward ? "search wrapped: back to the first hit" : "search wrapped: back to the last hit")
                }
            }
        } else {
            let searchedFrom = hitAfterLoad == nil ? nil : document?.id
            document = Document(excerpt)
            if search != nil {
                // `N` came here from the next trajectory: its hit before is this one's last.
                let hits = searchHits()
                if let hit = hitAfterLoad == false ? hits.last : hits.first { placeHit(hit) }
                // A search that leaves the open trajectory says so: the next key labels another one.
                if let searchedFrom {
                    message = UserMessage(
                        "no more hits in \(Format.id(searchedFrom, to: 30)): \(hitAfterLoad == false ? "previous" : "next") hit in \(Format.id(id, to: 30))"
                    )
                }
            }
        }
        hitAfterLoad = nil
        if !screens.contains(.trajectory), !followed { screens = [.list, .trajectory] }
        clampScroll()
    }

    mutating func receive(_ receipt: LabelReceipt) -> [Effect] {
        guard let last = receipt.events.last else {
            if case .label = receipt.kind, let id = currentID {
                // The store wrote nothing: the label already was what the key asks for.
                message = UserMessage("no change: \(Format.id(id)) already has that label")
                guard receipt.advance else { return [] }
                openAfterLoad = screens.contains(.trajectory)
                return [
                    .loadWindow(
                        windowRequest(
                            .nextPending(after: id, undecidedBy: blindReviewer),
                            knownPositions: loadedPositions))
                ]
            }
            message = UserMessage(receipt.kind == .undo ? "nothing to undo" : "nothing to redo")
            return []
        }
        message = UserMessage(Self.describe(receipt, byAdjudicator: isAdjudicator))
        // A batch keeps the cursor on its row; one label follows the labeled trajectory.
        let id = receipt.count > 1 ? currentID ?? last.trajectoryID : last.trajectoryID
        var effects: [Effect] = [
            .saveState(ReviewSessionState(trajectoryID: id, filter: filter.source, sort: sort), reviewer: reviewer)
        ]
        let onTrajectory = screens.contains(.trajectory)
        // The labeled row and the next pending one are usually on screen: the window then keeps their
        // positions and only the counts are taken again, so the status bar never blanks.
        list.recountsAfterLoad = true
        if receipt.advance {
            openAfterLoad = onTrajectory || showsSideBySide
            effects.append(
                .loadWindow(
                    windowRequest(
                        .nextPending(after: id, undecidedBy: blindReviewer), knownPositions: loadedPositions)))
        } else {
            effects.append(.loadWindow(windowRequest(.row(id: id), knownPositions: loadedPositions)))
            if onTrajectory { effects.append(.loadTrajectory(id: id)) }
            if showsSideBySide, document?.id == id {
                followedID = id
                effects.append(.loadTrajectory(id: id))
            }
        }
        return effects
    }

    /// What the status line says of `receipt`; an adjudicator's accept or reject says it is final.
    static func describe(_ receipt: LabelReceipt, byAdjudicator: Bool = false) -> String {
        let ids = receipt.events.map(\.trajectoryID)
        let one = receipt.count == 1 && ids.count == 1
        let subject = one ? Format.id(ids[0]) : Plural.trajectories(receipt.count)
        let verb = one ? "is" : "are"
        guard let label = receipt.events.last?.label else { return subject }
        switch receipt.kind {
        case .undo: return receipt.batchMessage ?? "undone: \(subject) \(verb) \(label.status.rawValue) again"
        case .redo: return receipt.batchMessage ?? "redone: \(subject) \(verb) \(label.status.rawValue)"
        case .label(let change):
            if let status = change.status {
                let final = byAdjudicator && status != .pending ? ": final decision (adjudicator)" : ""
                return "\(status.rawValue) \(subject) (saved)\(final)"
            }
            if case .set(let value, _)? = change.reward {
                return "reward \(Format.reward(value)) for \(subject) (saved)"
            }
            if change.reward == .clear { return "reward cleared for \(subject) (saved)" }
            switch change.note {
            case .set(let text)? where !text.isEmpty: return "note saved for \(subject)"
            case .set?, .clear?: return "note cleared for \(subject)"
            case nil: break
            }
            return "tags of \(subject): \(label.tags.isEmpty ? "none" : label.tags.joined(separator: ", "))"
        }
    }

    /// Reloads what is on screen, keeping the cursor on its trajectory.
    mutating func refresh() -> [Effect] {
        var effects: [Effect] = [
            .loadWindow(windowRequest(currentRow.map { .row(id: $0.id) } ?? .first))
        ]
        if screens.contains(.trajectory), let document { effects.append(.loadTrajectory(id: document.id)) }
        if showsSideBySide, let document {
            followedID = document.id
            effects.append(.loadTrajectory(id: document.id))
        }
        if screen == .stats { effects.append(.loadStats(blindReviewer: blindReviewer)) }
        return effects
    }
}
