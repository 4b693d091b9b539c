import TroveCore

/// Turns an open trajectory into display lines for a given width: the task, then each step as a block
/// (thought, action with its kind, observation folded when long, final answer), or the original messages
/// in the raw view. Pure, so update (for scrolling and step jumps) and render agree on every line.
public enum TrajectoryLayout {
    /// Columns of the gutter (loss mark and a space).
    public static let gutterWidth = 2
    /// Columns of the label column (`Thought`, `Action`, …).
    public static let labelWidth = 9
    /// Lines a folded observation shows.
    public static let foldedLines = 4
    /// UTF-8 bytes of one text that are laid out; the rest is folded behind `… 48.2 MB more`.
    public static let textBudget = 1 << 16

    /// The display lines of `document` at `width` columns. `blindReviewer` is the reviewer of a blind
    /// review (nil when the review is not blind): the tags and note shown are then only their own until
    /// ``AppState/showsTeamLabel(own:othersLabelled:)`` lets the team's label show, and metadata that
    /// could sway them is left out. (The store gives a blind reviewer's document as they may read it:
    /// their own masks and corrections, stated rewards `hidden`; see
    /// ``TrajectorySource/excerpt(id:textBudget:blindReviewer:)``.)
    public static func lines(
        of document: AppState.Document, view: AppState.ViewOptions, blindReviewer: String?, width: Int
    ) -> [DocumentLine] {
        var builder = Builder(width: width, document: document)
        let stored = document.stored
        builder.summary(
            stored, view: view, label: shownLabel(of: document, blindReviewer: blindReviewer),
            blind: blindReviewer != nil)
        if view.raw {
            builder.record(stored.trajectory.originalRecord, size: document.cuts[.record])
        } else {
            builder.steps(stored, view: view, unfolded: document.unfolded)
        }
        return builder.lines
    }

    /// The label whose tags and note the summary shows: the trajectory's, or in blind review the
    /// reviewer's own while the team's is hidden (nil when they have none).
    static func shownLabel(of document: AppState.Document, blindReviewer: String?) -> ReviewLabel? {
        guard let reviewer = blindReviewer, !AppState.showsTeamLabel(document.labels, reviewer: reviewer) else {
            return document.stored.label
        }
        return document.labels.first { $0.reviewer == reviewer }?.label
    }

    /// The line indexes that open a step, in order.
    public static func stepHeaders(in lines: [DocumentLine]) -> [Int] {
        lines.indices.filter { lines[$0].isStepHeader }
    }

    /// The line of step `step`'s heading in `lines`, when it is laid out.
    static func headerLine(of step: Int, in lines: [DocumentLine]) -> Int? {
        lines.firstIndex { $0.isStepHeader && $0.step == step }
    }

    /// Whether the exports train on a turn: an explicit `loss` decides; without one the sharegpt and
    /// openai exports train the agent's turns (they write no flag, and trainers train the assistant)
    /// and no other turn.
    static func trains(_ message: Message?) -> Bool {
        guard let message else { return false }
        return message.loss ?? (message.role == .agent)
    }

    /// The gutter mark: `·` for a turn the exports do not train on.
    static func gutter(for message: Message?) -> Character {
        trains(message) ? " " : "·"
    }

    /// The agent message of `step`, its loss as the reviewers' turn mask decides it (what the exports
    /// write); nil when the message is missing.
    static func agentTurn(of step: Step, in stored: StoredTrajectory) -> Message? {
        let messages = stored.trajectory.messages
        guard step.messageIndex < messages.count else { return nil }
        var message = messages[step.messageIndex]
        if let train = stored.turns.first(where: { $0.turn == step.messageIndex })?.train { message.loss = train }
        return message
    }

    /// The words after a step's heading about its agent turn: `corrected` when a reviewer corrected its
    /// text (`d` shows how), then nothing when it is trained, `masked` when the reviewers masked it, else
    /// its loss as imported.
    static func notes(for agent: Message?, of step: Step, in stored: StoredTrajectory) -> String {
        let label = stored.turns.first { $0.turn == step.messageIndex }
        let corrected = label?.isEdited == true ? " · corrected (d diff)" : ""
        if label?.isMasked == true { return corrected + " · masked: not trained" }
        return corrected + (trains(agent) ? "" : " · \(lossText(agent))")
    }

    /// The turn's loss in words, as the exports read it.
    static func lossText(_ message: Message?) -> String {
        switch message?.loss {
        case true?: "trained"
        case false?: "no loss"
        case nil: trains(message) ? "trained (no loss flag)" : "not trained (no loss flag)"
        }
    }
}

// MARK: - Building

extension TrajectoryLayout {
    fileprivate struct Builder {
        let width: Int
        let document: AppState.Document
        var lines: [DocumentLine] = []

        init(width: Int, document: AppState.Document) {
            self.width = max(1, width)
            self.document = document
        }

        /// A full-width line (headings), cut at the edge.
        mutating func heading(
            _ spans: [Span], gutter: Character = " ", step: Int? = nil, isStepHeader: Bool = false, rule: Bool = false
        ) {
            var spans = spans
            if rule {
                let used = spans.reduce(0) { $0 + TextWidth.width(of: $1.text) } + 4
                spans =
                    [Span("── ", .border)] + spans
                    + [Span(" " + String(repeating: "─", count: max(0, width - gutterWidth - used)), .border)]
            }
            lines.append(
                DocumentLine(
                    gutter: gutter, label: "", spans: spans, step: step, isStepHeader: isStepHeader, isFullWidth: true))
        }

        /// A labelled block wrapped in the text column; long ones are folded unless `unfolded`. `source`
        /// says how much of the text the store left out and which message's text pages past it.
        mutating func block(
            _ label: String, _ spans: [Span], gutter: Character, step: Int? = nil, foldable: Bool = false,
            unfolded: Bool = false, indented: Bool = false, source: Source = Source()
        ) {
            // Text goes in the text column under a label, or when `indented` continues a labelled list.
            let fullWidth = label.isEmpty && !indented
            let textWidth = max(1, width - gutterWidth - (fullWidth ? 0 : labelWidth))
            // Only the first `textBudget` bytes are ever copied and wrapped: laying out a 300 MB turn
            // whole took gigabytes, and no screen shows more than a page of it at a time.
            // A page read from the store may end up to 3 bytes past the budget, finishing its last scalar.
            let budget = TrajectoryLayout.textBudget + (source.page == nil ? 0 : 3)
            var (kept, omitted) = Span.prefix(spans, utf8Budget: budget)
            omitted += source.notLoaded
            let trimmed = kept.map { Span(String($0.text.trimmingTrailingNewlines), $0.role) }
            var wrapped = Span.softWrap(trimmed, width: textWidth)
            let folds = foldable && (wrapped.count > foldedLines + 1 || omitted > 0)
            var hidden = 0
            var hiddenBytes = omitted
            if folds, !unfolded {
                hidden = wrapped.count - foldedLines
                hiddenBytes += wrapped.dropFirst(foldedLines).flatMap(\.spans).reduce(0) { $0 + $1.text.utf8.count }
                wrapped = Array(wrapped.prefix(foldedLines))
            }
            let paged = source.pageCount > 1 ? source.message : nil
            for (index, piece) in wrapped.enumerated() {
                lines.append(
                    DocumentLine(
                        gutter: gutter, label: index == 0 ? label : "", spans: piece.spans, step: step,
                        foldStep: folds ? step : nil, pagedMessage: paged, isFullWidth: fullWidth,
                        continues: piece.continues))
            }
            if omitted > 0 || source.page != nil {
                // Past the budget the size in bytes is what is known: its lines were never counted.
                var hints = folds && !unfolded ? ["o unfolds"] : []
                var position = ""
                if paged != nil {
                    position = ", page \(source.pageNumber)/\(source.pageCount)"
                    if source.pageNumber < source.pageCount { hints.append("> next page") }
                    if source.pageNumber > 1 { hints.append("< back") }
                } else if hints.isEmpty {
                    hints.append("trove show prints it all")
                }
                let more = omitted > 0 ? "… \(Format.bytes(hiddenBytes)) more" + position : "end of text" + position
                lines.append(
                    DocumentLine(
                        gutter: gutter, spans: [Span("\(more) (\(hints.joined(separator: ", ")))", .hint)],
                        step: step, foldStep: folds ? step : nil, pagedMessage: paged, isFullWidth: fullWidth))
            } else if hidden > 0 {
                lines.append(
                    DocumentLine(
                        gutter: gutter, spans: [Span("… \(hidden) more lines (o unfolds)", .hint)], step: step,
                        foldStep: step, isFullWidth: fullWidth))
            }
        }

        mutating func summary(
            _ stored: StoredTrajectory, view: AppState.ViewOptions, label: ReviewLabel?, blind: Bool
        ) {
            for (index, flag) in stored.parsed.flags.sorted().enumerated() {
                block(index == 0 ? "Flags" : "", [Span(flag.words, .flag)], gutter: " ", indented: true)
            }
            if let label, !label.tags.isEmpty {
                block("Tags", [Span(label.tags.joined(separator: ", "), .tag)], gutter: " ")
            }
            if let note = label?.note { block("Note", [Span(note, .note)], gutter: " ") }
            // The title shows the reviewer's reward; why they set it shows only here.
            if let reward = label?.reward, let reason = label?.rewardReason {
                block("Reward", [Span(Format.reward(reward, reason: reason), .reward)], gutter: " ")
            }
            // A crashed run's error was in its metadata only (`M`, `R`); it says why the run ended.
            if let error = StatedEnding(stored.trajectory.metadata).errorLine {
                block("Error", [Span(error, .warning)], gutter: " ")
            }
            guard view.metadata else { return }
            let trajectory = stored.trajectory
            heading([Span("Metadata", .header)], rule: true)
            let members =
                document.metadataHead == nil
                ? (blind ? BlindMetadata.members(of: trajectory) : trajectory.metadata.members) : []
            let column = valueColumn(keys: ["source", "format", "dialect"] + members.map(\.key))
            member("source", "\(trajectory.source)", valueColumn: column)
            member("format", "\(trajectory.format)", valueColumn: column)
            member("dialect", stored.parsed.dialect.rawValue, valueColumn: column)
            if let head = document.metadataHead {
                // Too large to load, so its members are unknown: blind review shows none of it.
                if !blind { block("metadata", [Span(head, .dim)], gutter: " ", source: source(.metadata, head)) }
                return
            }
            for member in members {
                self.member(member.key, JSONWriter.string(member.value), valueColumn: column)
            }
        }

        /// Where the metadata's values start, counted from the label column: after the longest key and a
        /// space, from the label column's width, at most a third of the text's width (and 24 columns), so
        /// a very long key does not push every value off the screen.
        func valueColumn(keys: [String]) -> Int {
            let widest = keys.map { TextWidth.width(of: $0) }.max() ?? 0
            let limit = max(labelWidth, min(24, (width - gutterWidth) / 3))
            return min(max(labelWidth, widest + 1), limit)
        }

        /// One metadata member: its key, then its value wrapped from `valueColumn` (its continuation lines
        /// too). A key too wide for that column has a line of its own and the value starts below it.
        mutating func member(_ key: String, _ value: String, valueColumn: Int) {
            let room = max(1, width - gutterWidth)
            let keyWidth = TextWidth.width(of: key)
            var lead = [Span(key + String(repeating: " ", count: max(0, valueColumn - keyWidth)), .dim)]
            if keyWidth >= valueColumn {
                for piece in Span.softWrap([Span(key, .dim)], width: room) {
                    lines.append(DocumentLine(spans: piece.spans, isFullWidth: true, continues: piece.continues))
                }
                lead = []
            }
            for (index, piece) in Span.softWrap([Span(value, .dim)], width: max(1, room - valueColumn)).enumerated() {
                let indent = index == 0 && !lead.isEmpty ? 0 : valueColumn
                lines.append(
                    DocumentLine(
                        spans: (index == 0 ? lead : []) + piece.spans, isFullWidth: true, continues: piece.continues,
                        indent: indent))
            }
        }

        /// The record as imported, re-indented as JSON (``RecordText``), its first ``textBudget`` bytes;
        /// `size` is the whole record's when `bytes` is only its start.
        mutating func record(_ bytes: [UInt8], size: Int?) {
            let size = max(size ?? bytes.count, bytes.count)
            heading(
                [Span("Record", .header), Span(" · \(Format.bytes(size)) as imported · v pages it", .dim)],
                rule: true)
            let (recordLines, laidOutOmitted) = RecordText.lines(bytes, budget: TrajectoryLayout.textBudget)
            let omitted = laidOutOmitted + size - bytes.count
            for line in recordLines {
                let spans =
                    [Span(String(repeating: "  ", count: line.depth), .text)]
                    + line.tokens.map { Span($0.text, Self.role(of: $0.kind)) }
                for piece in Span.softWrap(spans, width: max(1, width - gutterWidth)) {
                    lines.append(DocumentLine(spans: piece.spans, isFullWidth: true, continues: piece.continues))
                }
            }
            if omitted > 0 {
                lines.append(
                    DocumentLine(
                        spans: [Span("… \(Format.bytes(omitted)) more (v pages it all)", .hint)], isFullWidth: true))
            }
        }

        static func role(of kind: RecordText.Kind) -> Role {
            switch kind {
            case .key: .jsonKey
            case .string: .jsonString
            case .literal: .text
            case .punctuation: .dim
            }
        }

        mutating func steps(_ stored: StoredTrajectory, view: AppState.ViewOptions, unfolded: Set<Int>) {
            let messages = stored.trajectory.messages
            let turns = stored.parsed.turns
            let taskIndex = stored.parsed.taskIndex ?? 0
            let context = messages.indices.filter { $0 < taskIndex && $0 < turns.count }
            if !context.isEmpty {
                if view.context {
                    for index in context {
                        let message = messages[index]
                        heading(
                            [Span("\(turns[index].rawValue) · \(message.originalRole)", .context)],
                            gutter: TrajectoryLayout.gutter(for: message), rule: true)
                        messageBlock(index, role: .context, gutter: TrajectoryLayout.gutter(for: message))
                    }
                } else {
                    let kinds = Set(context.map { turns[$0] })
                    let names = TurnKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ", ")
                    heading([
                        Span("▸ \(Plural.counted(context.count, "context turn")) hidden (\(names)) · p shows", .context)
                    ])
                }
            }
            if taskIndex < messages.count {
                let message = messages[taskIndex]
                // A chat's first message is the user's, like every later one.
                let title = stored.parsed.dialect == .chat ? "User" : "Task"
                heading([Span(title, .header)], gutter: TrajectoryLayout.gutter(for: message), rule: true)
                messageBlock(taskIndex, role: .text, gutter: TrajectoryLayout.gutter(for: message))
            }
            let stepByMessage = Dictionary(
                stored.parsed.steps.enumerated().map { ($1.messageIndex, $0) }, uniquingKeysWith: { first, _ in first })
            let observations = Set(stored.parsed.steps.compactMap(\.observationIndex))
            for index in messages.indices where index > taskIndex && !observations.contains(index) {
                if let stepIndex = stepByMessage[index] {
                    step(stepIndex, of: stored, view: view, unfolded: unfolded.contains(stepIndex))
                } else {
                    let message = messages[index]
                    let gutter = TrajectoryLayout.gutter(for: message)
                    heading([Span("Turn · \(message.originalRole)", .header)], gutter: gutter, rule: true)
                    messageBlock(index, role: .text, gutter: gutter)
                }
            }
            if stored.parsed.flags.contains(.noAnswer) {
                heading([Span("▲ no answer: the trajectory ends here, with no final answer and nothing ended", .flag)])
            }
            if stored.parsed.steps.isEmpty { noSteps(stored) }
        }

        /// The notice of a run without steps (a harness that crashed before the agent's first turn leaves
        /// an empty list), which else is an empty screen: what is missing, and how the run ended when its
        /// record says (the error shows under the title).
        mutating func noSteps(_ stored: StoredTrajectory) {
            let ending = StatedEnding(stored.trajectory.metadata)
            var notice =
                stored.trajectory.messages.isEmpty
                ? "▲ no steps: the record holds no turns" : "▲ no steps: no agent turn follows the task"
            if ending.error != nil {
                notice += "; the run ended in an error (Error above)"
            } else if let status = ending.exitStatus {
                notice += "; exit status \(status)"
            } else if stored.trajectory.messages.isEmpty {
                notice += "; R shows the record as imported"
            }
            block("", [Span(notice, .flag)], gutter: " ")
        }

        mutating func step(_ index: Int, of stored: StoredTrajectory, view: AppState.ViewOptions, unfolded: Bool) {
            guard stored.parsed.dialect != .chat else {
                return chatTurns(index, of: stored, unfolded: unfolded)
            }
            let step = stored.parsed.steps[index]
            let messages = stored.trajectory.messages
            let agent = TrajectoryLayout.agentTurn(of: step, in: stored)
            let gutter = TrajectoryLayout.gutter(for: agent)
            var notes = TrajectoryLayout.notes(for: agent, of: step, in: stored)
            if step.parsedBy == .raw, stored.parsed.dialect != .raw { notes += " · unparsed" }
            heading(
                [Span("Step \(index + 1)/\(stored.parsed.steps.count)", .header), Span(notes, .masked)],
                gutter: gutter, step: index, isStepHeader: true, rule: true)
            let agentIndex = agent == nil ? nil : step.messageIndex
            // An agent turn read a page at a time shows the page: its parts are in it.
            if !pagedBlock("Text", message: agentIndex, role: .text, gutter: gutter, step: index) {
                stepParts(
                    step, index, agentIndex: agentIndex, calls: agent?.toolCalls ?? [], view: view, gutter: gutter)
            }
            if view.observations, let observation = step.observation {
                let observed = step.observationIndex.flatMap { $0 < messages.count ? messages[$0] : nil }
                let observedIndex = observed == nil ? nil : step.observationIndex
                let gutter = TrajectoryLayout.gutter(for: observed)
                if !pagedBlock("Observed", message: observedIndex, role: .observation, gutter: gutter, step: index) {
                    let shown =
                        document.stored.parsed.dialect == .webshop ? DialectText.webShopLines(observation) : observation
                    block(
                        "Observed", [Span(shown, .observation)], gutter: gutter, step: index, foldable: true,
                        unfolded: unfolded, source: source(.observation(index), observation, message: observedIndex))
                }
            }
        }

        /// A step's thought, actions and answer, each from the agent's message `agentIndex`.
        mutating func stepParts(
            _ step: Step, _ index: Int, agentIndex: Int?, calls: [ToolCall], view: AppState.ViewOptions,
            gutter: Character
        ) {
            if view.thoughts, let thought = step.thought, !thought.isEmpty {
                block(
                    "Thought", [Span(thought, .thought)], gutter: gutter, step: index,
                    source: source(.thought(index), thought, message: agentIndex))
            }
            if !calls.isEmpty {
                // Every call of the turn, its arguments laid out for reading; the step's action is only the first.
                for call in calls {
                    block(
                        "Action",
                        [
                            Span("[\(call.name)] ", .actionKind),
                            Span(ToolCall.readable(arguments: call.arguments), .action),
                        ],
                        gutter: gutter, step: index)
                }
            } else if let action = step.action {
                block(
                    "Action", [Span("[\(action.kind)] ", .actionKind), Span(action.argument, .action)], gutter: gutter,
                    step: index, source: source(.argument(index), action.argument, message: agentIndex))
            }
            // A Terminus reply's waits are in its text, not in the step: how long harbor let each command run.
            if step.parsedBy == .terminus, let agentIndex, agentIndex < document.stored.trajectory.messages.count,
                let waits = TerminusWait.waits(ofReply: document.stored.trajectory.messages[agentIndex].text),
                !waits.isEmpty
            {
                block("Waits", [Span(TerminusWait.describe(waits), .actionKind)], gutter: gutter, step: index)
            }
            if let answer = step.finalAnswer {
                block(
                    "Answer", [Span(Self.answerText(answer, of: document.stored), .finalAnswer)], gutter: gutter,
                    step: index, source: source(.answer(index), answer, message: agentIndex))
            }
        }
    }
}

extension TrajectoryLayout.Builder {
    /// A final answer as the reader needs it: mind2web's chosen letter with the option it names
    /// (`B. <input id=0 search />`), taken from the task's list of choices.
    fileprivate static func answerText(_ answer: String, of stored: StoredTrajectory) -> String {
        guard stored.parsed.dialect == .mind2web, let task = stored.parsed.taskIndex,
            task < stored.trajectory.messages.count,
            let option = DialectText.mind2WebOption(answer, in: stored.trajectory.messages[task].text)
        else { return answer }
        return "\(answer). \(option)"
    }

    /// A plain chat's step: the assistant's reply and the user's next message, each under its speaker's
    /// heading across the full width. A chat has no thoughts or observations, so neither `T` nor `O`
    /// hides them.
    fileprivate mutating func chatTurns(_ index: Int, of stored: StoredTrajectory, unfolded: Bool) {
        let step = stored.parsed.steps[index]
        let messages = stored.trajectory.messages
        let reply = TrajectoryLayout.agentTurn(of: step, in: stored)
        let gutter = TrajectoryLayout.gutter(for: reply)
        let notes = TrajectoryLayout.notes(for: reply, of: step, in: stored)
        heading(
            [Span("Assistant · \(index + 1)/\(stored.parsed.steps.count)", .header), Span(notes, .masked)],
            gutter: gutter, step: index, isStepHeader: true, rule: true)
        if reply != nil {
            messageBlock(step.messageIndex, role: .text, gutter: gutter, step: index)
        } else {
            block("", [Span(step.thought ?? "", .text)], gutter: gutter, step: index)
        }
        guard let text = step.observation else { return }
        let user = step.observationIndex.flatMap { $0 < messages.count ? messages[$0] : nil }
        let userIndex = user == nil ? nil : step.observationIndex
        let userGutter = TrajectoryLayout.gutter(for: user)
        heading([Span("User", .header)], gutter: userGutter, step: index, rule: true)
        if !pagedBlock("", message: userIndex, role: .text, gutter: userGutter, step: index) {
            block(
                "", [Span(text, .text)], gutter: userGutter, step: index, foldable: true, unfolded: unfolded,
                source: source(.observation(index), text, message: userIndex))
        }
    }
}

// MARK: - Texts cut by the store, and their pages

extension TrajectoryLayout.Builder {
    /// Where a block's text comes from: how many of its bytes the store did not load, and the message
    /// whose text `>` reads page by page (with the page shown, once read past the first).
    struct Source {
        var notLoaded = 0
        var message: Int?
        var page: TextPage?
        var pageCount = 1

        /// The page shown, counting from 1: the first is the text as parsed, the others the message's bytes
        /// from `(n - 1) × textBudget`.
        var pageNumber: Int { page.map { $0.offset / TrajectoryLayout.textBudget + 1 } ?? 1 }
    }

    /// The source of `text`, the trajectory's `part`, which is (part of) message `message`'s text.
    func source(_ part: TextPart, _ text: String, message: Int? = nil) -> Source {
        let notLoaded = document.cuts[part].map { max(0, $0 - text.utf8.count) } ?? 0
        return Source(notLoaded: notLoaded, message: message, pageCount: pageCount(of: message))
    }

    /// How many pages of ``TrajectoryLayout/textBudget`` bytes message `message`'s text fills.
    func pageCount(of message: Int?) -> Int {
        let messages = document.stored.trajectory.messages
        guard let message, messages.indices.contains(message) else { return 1 }
        let size = document.cuts[.message(message)] ?? messages[message].text.utf8.count
        return max(1, (size + TrajectoryLayout.textBudget - 1) / TrajectoryLayout.textBudget)
    }

    /// Message `index`'s text: the page read of it, else the text as loaded.
    fileprivate mutating func messageBlock(_ index: Int, role: Role, gutter: Character, step: Int? = nil) {
        guard !pagedBlock("", message: index, role: role, gutter: gutter, step: step) else { return }
        let text = document.stored.trajectory.messages[index].text
        block("", [Span(text, role)], gutter: gutter, step: step, source: source(.message(index), text, message: index))
    }

    /// The page read of message `message`'s text as a block, when one was read; false otherwise.
    fileprivate mutating func pagedBlock(
        _ label: String, message: Int?, role: Role, gutter: Character, step: Int?
    ) -> Bool {
        guard let message, let page = document.pages[message] else { return false }
        let source = Source(notLoaded: page.remaining, message: message, page: page, pageCount: pageCount(of: message))
        block(label, [Span(page.text, role)], gutter: gutter, step: step, source: source)
        return true
    }
}

extension String {
    /// The text without the line breaks at its end (a turn's last `\n` would only add an empty line).
    fileprivate var trimmingTrailingNewlines: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isNewline { end = index(before: end) }
        return self[..<end]
    }
}
