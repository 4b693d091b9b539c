import TroveCore

// The keymap's commands, and the read-only gate in front of them.

extension AppState {
    mutating func perform(_ command: Command) -> [Effect] {
        // Nothing is on screen to act on: a key must not label what the reviewer cannot see. An open
        // prompt is shown on the notice, and the reviewer opened it on what they saw: it keeps its keys.
        if isTooSmall, prompt == nil, command != .quit { return [] }
        if prompt != nil {
            switch command {
            case .submit: return submitPrompt()
            case .complete:
                guard let prompt, prompt.kind == .goTo, !prompt.editor.text.isEmpty else { return [] }
                return [.findIDs(prefix: prompt.editor.text, submit: false)]
            case .cancel: prompt = nil
            case .quit: return quit()
            default: break
            }
            return []
        }
        message = nil
        if readOnly, CommandTable[command].changesLabels {
            message = UserMessage("this store is read-only: labeling is disabled")
            return []
        }
        switch command {
        case .accept: return label(.accept, advance: true)
        case .reject: return label(.reject, advance: true)
        case .skip:
            guard let id = currentID else { return [] }
            openAfterLoad = screens.contains(.trajectory)
            message = UserMessage("skipped \(Format.id(id))")
            return [
                .loadWindow(
                    windowRequest(
                        .nextPending(after: id, undecidedBy: blindReviewer), knownPositions: loadedPositions))
            ]
        case .undo: return [.undo(reviewer: reviewer)]
        case .redo: return [.redo(reviewer: reviewer)]
        case .rewardZero: return label(LabelChange(reward: .set(0, reason: nil)), advance: false)
        case .rewardOne: return label(LabelChange(reward: .set(1, reason: nil)), advance: false)
        case .editReward: return openLabelPrompt(.reward)
        case .editTags: return openTagPrompt()
        case .editNote: return openLabelPrompt(.note)
        case .acceptAll: return [.previewBatch(.accept, filter: storeFilter, reviewer: reviewer)]
        case .rejectAll: return [.previewBatch(.reject, filter: storeFilter, reviewer: reviewer)]
        case .showHistory: return currentID.map { [.loadHistory(id: $0)] } ?? []
        case .toggleMask: return toggleMask()
        case .editTurn:
            guard let document, let turn = selectedTurn(doing: "e corrects") else { return [] }
            return [.editTurn(id: document.id, turn: turn, reviewer: reviewer)]
        case .showCorrection:
            guard let document, let turn = selectedTurn(doing: "d compares") else { return [] }
            guard document.stored.turns.contains(where: { $0.turn == turn && $0.isEdited }) else {
                message = UserMessage("\(stepName(ofTurn: turn)) is not corrected: e corrects it")
                return []
            }
            return [.pageCorrection(id: document.id, turn: turn)]
        case .moveDown: return move(by: 1)
        case .moveUp: return move(by: -1)
        case .pageDown: return move(by: screen == .list ? listHeight : pageHeight)
        case .pageUp: return move(by: -(screen == .list ? listHeight : pageHeight))
        case .top: return moveToEnd(last: false)
        case .bottom: return moveToEnd(last: true)
        case .open:
            if screen == .runs { return comparison.flatMap(\.chosen).map { [.loadComparison(id: $0.id)] } ?? [] }
            guard screen == .list, let row = currentRow else { return [] }
            return [.loadTrajectory(id: row.id)]
        case .back: return back()
        case .close:
            guard screens.count > 1 || view.raw else {
                message = UserMessage("Esc goes back; on the list, q quits")
                return []
            }
            return back()
        case .nextDisputed:
            // A dispute is other reviewers' decisions disagreeing: blind review does not show them.
            guard !blind else {
                message = UserMessage("blind review hides the decisions that make a dispute")
                return []
            }
            openAfterLoad = screens.contains(.trajectory)
            return [.loadWindow(windowRequest(.nextDisputed(after: currentID), knownPositions: loadedPositions))]
        case .nextStep: jumpStep(forward: true)
        case .previousStep: jumpStep(forward: false)
        case .search: openPrompt(.search, text: search ?? "")
        case .nextHit: return findHit(forward: true)
        case .previousHit: return findHit(forward: false)
        case .filter: openPrompt(.filter, text: filter.source)
        case .sortNext, .sortReverse: return resort(reverse: command == .sortReverse)
        case .goToID: openPrompt(.goTo)
        case .toggleQueue: return toggleQueue()
        case .toggleThoughts: keepingReadingPosition { $0.view.thoughts.toggle() }
        case .toggleObservations: keepingReadingPosition { $0.view.observations.toggle() }
        case .toggleMetadata:
            keepingReadingPosition { $0.view.metadata.toggle() }
            if view.metadata, screen == .trajectory, !view.raw, (document?.scroll ?? 0) > 0 {
                message = UserMessage("metadata shown above the task (g goes there)")
            }
        case .toggleContext: keepingReadingPosition { $0.view.context.toggle() }
        case .toggleRaw:
            // The record as imported holds what blind review hides: its reward, score and model members.
            guard !blind || view.raw else {
                message = Self.recordHidden
                return []
            }
            // The record's lines are not the steps' lines: it is read from its start, and leaving it
            // goes back to where the steps were.
            if view.raw {
                leaveRecordView()
            } else {
                view.raw = true
                if var document {
                    document.stepsScroll = document.scroll
                    document.scroll = 0
                    self.document = document
                }
            }
        case .pageRecord:
            guard let document else { return [] }
            // Paged whole, the record shows what `R` would.
            guard !blind else {
                message = Self.recordHidden
                return []
            }
            return [.pageRecord(id: document.id)]
        case .compareRuns: return compareRuns()
        case .toggleFold: toggleFold()
        case .nextTextPage: return turnTextPage(forward: true)
        case .previousTextPage: return turnTextPage(forward: false)
        case .toggleStats:
            if screen == .stats {
                screens.removeLast()
                return []
            }
            return [.loadStats(blindReviewer: blindReviewer)]
        case .toggleHelp:
            if screen == .help {
                screens.removeLast()
            } else {
                screens.append(.help)
                pageScroll = 0
            }
        case .redraw, .submit, .cancel, .complete: break
        case .quit: return quit()
        }
        clampScroll()
        return []
    }

    /// What `R` and `v` say in blind review.
    static let recordHidden = UserMessage(
        "blind review hides the record as imported: it holds the reward and the model")

    /// The message index of the selected step's agent turn; nil, saying what to do, when the trajectory
    /// has no steps, no step is selected or none of its lines is on screen (a resize can leave it off): a
    /// key acts only on a step the reviewer sees (`what` says what the key would have done: `m masks`).
    mutating func selectedTurn(doing what: String) -> Int? {
        guard let document, !view.raw else { return nil }
        guard !document.stored.parsed.steps.isEmpty else {
            message = UserMessage("this trajectory has no steps: \(what) a step's turn")
            return nil
        }
        guard let index = document.selectedStep, document.stored.parsed.steps.indices.contains(index) else {
            message = UserMessage("select a step first (] or J), then \(what) its turn")
            return nil
        }
        guard showsStep(index) else {
            message = UserMessage(
                "step \(index + 1) is off screen: ] or [ selects a step on screen, then \(what) its turn")
            return nil
        }
        return document.stored.parsed.steps[index].messageIndex
    }

    /// Agent turn `turn` of the open trajectory named as the status bar counts steps, with the message
    /// index the store records: `step 1 (turn 3)`; `turn 3` when no step of the open trajectory has it.
    func stepName(ofTurn turn: Int) -> String {
        guard let step = document?.stored.parsed.steps.firstIndex(where: { $0.messageIndex == turn }) else {
            return "turn \(turn)"
        }
        return "step \(step + 1) (turn \(turn))"
    }

    /// A turn change as the store words it (`mask turn 3`, ``TurnTraining/change(turn:)``) naming the
    /// step as well: `mask step 1 (turn 3)`.
    func stepNamed(_ change: String, turn: Int) -> String {
        let suffix = "turn \(turn)"
        guard change.hasSuffix(suffix) else { return change }
        return change.dropLast(suffix.count) + stepName(ofTurn: turn)
    }

    /// `m`: masks the selected step's agent turn, or takes the reviewer's mask off a masked one.
    mutating func toggleMask() -> [Effect] {
        guard let document, let turn = selectedTurn(doing: "m masks") else { return [] }
        let training: TurnTraining = document.stored.maskedTurns.contains(turn) ? .default : .no
        return [.setTraining(training, turn: turn, id: document.id, reviewer: reviewer)]
    }

    mutating func label(_ change: LabelChange, advance: Bool) -> [Effect] {
        guard let id = currentID else { return [] }
        return [.applyLabel(change, ids: [id], advance: advance, reviewer: reviewer)]
    }

    /// Opens a prompt; the previous text, when there is one, is selected so the first typed
    /// character replaces it.
    mutating func openPrompt(_ kind: Prompt.Kind, text: String = "") {
        guard kind == .filter || kind == .search || kind == .goTo || currentID != nil else { return }
        prompt = Prompt(kind, text: text, selected: true)
    }

    mutating func quit() -> [Effect] {
        isQuitting = true
        prompt = nil
        return [.saveState(sessionState, reviewer: reviewer)]
    }

    mutating func back() -> [Effect] {
        // The record as imported is a view of the trajectory opened from its steps: back is to them.
        if screen == .trajectory, view.raw {
            leaveRecordView()
            clampScroll()
            return []
        }
        guard screens.count > 1 else { return quit() }
        let leaving = screens.removeLast()
        pageScroll = 0
        if leaving == .runs || leaving == .diff { comparison = nil }
        if leaving == .trajectory {
            document = nil
            keepCursorVisible()
        }
        return []
    }

    /// Closes the record view, back at the steps' line it was opened from.
    private mutating func leaveRecordView() {
        view.raw = false
        if let scroll = document?.stepsScroll { document?.scroll = scroll }
    }

    mutating func resort(reverse: Bool) -> [Effect] {
        guard screen == .list else { return [] }
        if reverse {
            sort.descending.toggle()
        } else {
            let columns = ListColumn.allCases.filter { !hiddenColumns.contains($0) }
            let index = columns.firstIndex(of: sort.column) ?? -1
            sort = ListSort(column: columns[(index + 1) % columns.count], descending: sort.descending)
        }
        let anchor = currentRow.map { WindowRequest.Anchor.row(id: $0.id) } ?? .first
        return [.loadWindow(windowRequest(anchor)), .saveState(sessionState, reviewer: reviewer)]
    }
}
