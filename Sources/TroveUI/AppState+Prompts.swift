import TroveCore

// Typing in a prompt and submitting it: reward, note, tags, filter, search.

extension AppState {
    mutating func edit(_ key: Key) -> [Effect] {
        guard let prompt else { return [] }
        if case .confirmBatch(let change, _) = prompt.kind {
            self.prompt = nil
            guard key == .char("y") else {
                message = UserMessage("not labeled: the batch was cancelled")
                return []
            }
            return [.applyBatch(change, filter: storeFilter, reviewer: reviewer)]
        }
        self.prompt?.error = nil
        self.prompt?.errorRange = nil
        // What the reviewer types wins over a value still being read.
        self.prompt?.fillingFrom = nil
        self.prompt?.editor.handle(key)
        return []
    }

    /// `r` and `c`: a prompt holding the reviewer's own reward or note on the cursor's trajectory,
    /// selected, so Enter keeps it and typing replaces it. It is the reviewer's own label, not the
    /// trajectory's decision: the prompt changes only theirs, and blind review shows no one else's. The
    /// open trajectory has every reviewer's label loaded with it; for another one the store is asked.
    mutating func openLabelPrompt(_ kind: Prompt.Kind) -> [Effect] {
        guard let id = currentID else { return [] }
        if let document, document.id == id {
            openPrompt(kind, text: Self.promptText(kind, of: ownLabel(in: document.labels)))
            return []
        }
        openPrompt(kind)
        prompt?.fillingFrom = id
        return [.loadReviewerLabels(id: id)]
    }

    /// Fills a reward or note prompt opened on trajectory `id` and not typed in yet with the
    /// reviewer's own value among `labels`; marks a tag prompt's menu from them (``TagMarks``).
    mutating func fillPrompt(from labels: [ReviewerLabel], of id: String) {
        if prompt?.kind == .tags, currentID == id {
            let marks = tagMarks(of: labels)
            prompt?.tagMarks = marks
            return
        }
        guard let kind = prompt?.kind, prompt?.fillingFrom == id else { return }
        prompt = Prompt(kind, text: Self.promptText(kind, of: ownLabel(in: labels)), selected: true)
    }

    /// `t`: the tag prompt, its menu marking the reviewer's own tags (what a number toggles) apart from
    /// the tags only other reviewers gave. The open trajectory has every reviewer's label loaded with
    /// it; for another one the store is asked. Tags another session or reviewer added join the menu
    /// before it is drawn; in blind review only the reviewer's own.
    mutating func openTagPrompt() -> [Effect] {
        openPrompt(.tags)
        guard prompt != nil, let id = currentID else { return [] }
        let tags = Effect.loadTags(blindReviewer: blindReviewer)
        guard let document, document.id == id else { return [tags, .loadReviewerLabels(id: id)] }
        let marks = tagMarks(of: document.labels)
        prompt?.tagMarks = marks
        return [tags]
    }

    /// The tag menu's marks for `labels`, every reviewer's label on one trajectory: in blind review
    /// another reviewer's tags only while their labels show (``showsTeamLabel(_:reviewer:)``).
    func tagMarks(of labels: [ReviewerLabel]) -> TagMarks {
        TagMarks(labels, reviewer: reviewer, showsOthers: !blind || Self.showsTeamLabel(labels, reviewer: reviewer))
    }

    /// The reviewer's own label among `labels`, if they have one.
    func ownLabel(in labels: [ReviewerLabel]) -> ReviewLabel? {
        labels.first { $0.reviewer == reviewer }?.label
    }

    /// What a `kind` prompt opens with for `label`: its reward, written so that it reads back as the
    /// same number (`0.5`, `1`, `0.6666666666666666`), or its note; empty for other prompts.
    static func promptText(_ kind: Prompt.Kind, of label: ReviewLabel?) -> String {
        switch kind {
        case .reward:
            guard let reward = label?.reward else { return "" }
            let text = "\(reward)"
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        case .note: return label?.note ?? ""
        default: return ""
        }
    }

    /// Asks the reviewer to confirm labeling the `count` trajectories the list shows, or says there
    /// is nothing to label, and why: the list is empty, or every trajectory in it has the label.
    mutating func askToConfirm(_ change: LabelChange, count: Int) {
        guard count > 0 else {
            message = UserMessage(
                list.isEmpty
                    ? "nothing to label: this list shows no trajectory"
                    : "nothing to label: every trajectory this list shows has that label")
            return
        }
        prompt = Prompt(.confirmBatch(change, count: count))
    }

    mutating func submitPrompt() -> [Effect] {
        guard let prompt else { return [] }
        let text = prompt.editor.text
        let trimmed = text.trimmingWhitespace
        switch prompt.kind {
        case .confirmBatch:
            // A batch confirmation takes `y` only: Enter, like any other key, cancels it.
            self.prompt = nil
            message = UserMessage("not labeled: the batch was cancelled")
            return []
        case .reward, .note:
            if let id = currentID, !prompt.initialText.isEmpty, text == prompt.initialText {
                // Enter on the value the prompt opened with: nothing to write, and no reward reason to drop.
                self.prompt = nil
                message = UserMessage(
                    "no change: \(Format.id(id)) keeps its \(prompt.kind == .note ? "note" : "reward")")
                return []
            }
            guard prompt.kind == .reward else {
                self.prompt = nil
                // An empty note is no note: cleared, and said so (not "saved").
                return label(LabelChange(note: trimmed.isEmpty ? .clear : .set(text)), advance: false)
            }
            if trimmed.isEmpty {
                self.prompt = nil
                return label(LabelChange(reward: .clear), advance: false)
            }
            guard let value = NumberText.reward(trimmed) else {
                self.prompt?.error =
                    "'\(trimmed)' is not a reward: type a number from 0 to 1, such as 0.5 or 2/3 (empty clears)"
                return []
            }
            self.prompt = nil
            return label(LabelChange(reward: .set(value, reason: nil)), advance: false)
        case .tags:
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            var tags: [String] = []
            for word in words {
                if let number = Int(word) {
                    guard tagSet.indices.contains(number - 1) else {
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
            // A tag typed by name joins the numbered menu for the rest of the session.
            for tag in tags where !tagSet.contains(tag) { tagSet.append(tag) }
            return tags.isEmpty ? [] : label(change, advance: false)
        case .filter:
            let previous = filter
            do {
                filter = try Filter.parse(text, blindReviewer: blindReviewer)
            } catch {
                self.prompt?.error = error.message.text
                self.prompt?.errorRange = error.range
                return []
            }
            self.prompt = nil
            // Saved only once its rows load: a filter the store fails on must not come back next session.
            filterOnTrial = previous
            // A new filter keeps the cursor's trajectory, as a new sort does; when the filter leaves it out,
            // the row at its place (the next one in the list, else the last).
            return [.loadWindow(windowRequest(currentRow.map { .row(id: $0.id) } ?? .first))]
        case .search:
            self.prompt = nil
            search = trimmed.isEmpty ? nil : trimmed
            // The hit of the search before is no place to search on from.
            document?.hit = nil
            guard search != nil else { return [] }
            if screen == .trajectory, let first = searchHits().first {
                placeHit(first)
                return []
            }
            return findHit(forward: true)
        case .goTo:
            guard !trimmed.isEmpty else {
                self.prompt = nil
                return []
            }
            return [.findIDs(prefix: trimmed, submit: true)]
        }
    }
}

extension String {
    /// The text without white space at either end.
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
