import TroveCore

extension PostgresStore {
    /// Reads what the screen shows and no more, as the SQLite store does: every text, step part, the
    /// metadata and the original record cut on the server to `textBudget` characters (PostgreSQL
    /// decompresses and fetches a long value's start only), then here to `textBudget` UTF-8 bytes, with
    /// each cut part's full size from its stored length. The steps' JSON is walked on the server. With
    /// `blindReviewer`, what that reviewer reads in blind review, as on SQLite: the masks and corrections
    /// of ``turnsRead(by:rowID:decided:)``, every stated reward `hidden`.
    public func excerpt(id: String, textBudget budget: Int, blindReviewer: String? = nil) throws -> TrajectoryExcerpt? {
        try serial.withLock {
            let head = try connection.execute(
                """
                SELECT id, task, dialect, source_file, source_line, format, env_reward, task_group,
                       octet_length(metadata), left(metadata, $2), substring(original FROM 1 FOR $2),
                       octet_length(original)
                FROM trajectory WHERE external_id = $1
                """, [.text(id), .integer(budget)], binary: true)
            guard head.rowCount > 0, let rowID = try head.integer(0, 0) else { return nil }
            var cuts: [TextPart: Int] = [:]
            let (messages, turnKinds) = try excerptMessages(rowID: rowID, budget: budget, cuts: &cuts)
            let steps = try excerptSteps(rowID: rowID, budget: budget, messages: messages, cuts: &cuts)
            var metadata = JSONObject()
            var metadataHead: String?
            let metadataSize = Int(try head.integer(0, 8) ?? 0)
            if metadataSize <= budget {
                let text = try head.string(0, 9) ?? "{}"
                metadata = (try? JSONParser.parse(Array(text.utf8)))?.objectValue ?? JSONObject()
            } else {
                cuts[.metadata] = metadataSize
                metadataHead = Self.cut(try head.string(0, 9) ?? "", to: budget)
            }
            let task = try head.string(0, 1) ?? ""
            let trajectory = Trajectory(
                id: id, task: task,
                source: SourceLocation(file: try head.string(0, 3) ?? "", line: Int(try head.integer(0, 4) ?? 1)),
                format: (try head.string(0, 5)).flatMap(RecordFormat.init)
                    ?? RecordFormat(listKey: "conversations", style: .fromValue),
                messages: messages, metadata: metadata, environmentReward: try head.real(0, 6),
                originalRecord: try head.bytes(0, 10) ?? [])
            let originalSize = Int(try head.integer(0, 11) ?? 0)
            if originalSize > trajectory.originalRecord.count { cuts[.record] = originalSize }
            let imported = StoredTrajectory(
                trajectory: trajectory,
                parsed: ParsedTrajectory(
                    dialect: (try head.string(0, 2)).flatMap(Dialect.init(rawValue:)) ?? .raw,
                    turns: turnKinds, steps: steps,
                    flags: try flags(rowID: rowID)),
                label: try currentLabel(rowID: rowID))
            let decided = try turnLabels(rowID: rowID)
            let excerpt = try TrajectoryExcerpt(
                imported: imported, turns: try turnsRead(by: blindReviewer, rowID: rowID, decided: decided),
                decided: decided, budget: budget, cuts: cuts, metadataHead: metadataHead, group: try head.string(0, 7)
            ) {
                guard let (whole, _) = try wholeTrajectory(rowID: rowID) else {
                    throw PostgresReviewError.unknownTrajectory(store: name, id: id)
                }
                return whole
            }
            return blindReviewer == nil ? excerpt : excerpt.redactingStatedRewards()
        }
    }

    /// With `blindReviewer`, the page of a turn other than the agent's reads every reward it states
    /// `hidden`, as on SQLite.
    public func textPage(of id: String, message: Int, bytes: Range<Int>, blindReviewer: String? = nil) throws
        -> TextPage?
    {
        try serial.withLock {
            guard let page = try page(of: id, message: message, bytes: bytes) else { return nil }
            guard blindReviewer != nil, page.role != .agent else { return page.page }
            let lead = try self.page(
                of: id, message: message, bytes: max(0, bytes.lowerBound - TextPage.statementLead)..<bytes.lowerBound)
            return page.page.redactingStatedRewards(after: lead?.page.text ?? "")
        }
    }

    /// The page of message `message`'s text over `bytes`, and the message's role. Call with ``serial`` held.
    private func page(of id: String, message: Int, bytes: Range<Int>) throws -> (page: TextPage, role: MessageRole)? {
        // Implementation note: PostgreSQL has no byte slice of a text that leaves the rest unread
        // (a text's cast to bytea parses escapes), so the page comes from the whole text's bytes,
        // sliced on the server: only the page crosses the network.
        let lower = max(0, bytes.lowerBound)
        let result = try connection.execute(
            """
            SELECT octet_length(x.text), substring(textsend(x.text) FROM $3 FOR $4), r.role
            FROM trajectory t JOIN message_row r ON r.trajectory_id = t.id JOIN message_text x ON x.id = r.text_id
            WHERE t.external_id = $1 AND r.idx = $2
            """, [.text(id), .integer(message), .integer(lower + 1), .integer(max(0, bytes.count) + 3)],
            binary: true)
        guard result.rowCount > 0 else { return nil }
        let role = (try result.string(0, 2)).flatMap(MessageRole.init(rawValue:)) ?? .environment
        let size = Int(try result.integer(0, 0) ?? 0)
        let start = min(lower, size)
        let upper = min(max(start, bytes.upperBound), size)
        guard upper > start else { return (TextPage(message: message, offset: start, text: "", size: size), role) }
        let read = try result.bytes(0, 1) ?? []
        // A scalar is at most 4 bytes: the 3 read after the range finish the last one it starts, and
        // up to 3 at its start finish one that started before it.
        var end = upper - start
        while end < read.count, UTF8.isContinuation(read[end]) { end += 1 }
        let skip = read.prefix(min(3, end)).prefix(while: UTF8.isContinuation).count
        let page = TextPage(
            message: message, offset: start + skip, text: String(decoding: read[skip..<end], as: UTF8.self), size: size)
        return (page, role)
    }

    /// The messages of row `rowID`, each text cut to `budget` bytes (full sizes into `cuts`), with
    /// their turn kinds. Call with ``serial`` held.
    func excerptMessages(rowID: Int64, budget: Int, cuts: inout [TextPart: Int]) throws
        -> ([Message], [TurnKind])
    {
        let result = try connection.execute(
            """
            SELECT r.role, r.original_role, r.loss, r.turn, r.tool_calls, r.tool_call_id, left(x.text, $2),
                   octet_length(x.text)
            FROM message_row r JOIN message_text x ON x.id = r.text_id WHERE r.trajectory_id = $1 ORDER BY r.idx
            """, [.integer(rowID), .integer(budget)], binary: true)
        var messages: [Message] = []
        var turns: [TurnKind] = []
        for row in 0..<result.rowCount {
            let size = Int(try result.integer(row, 7) ?? 0)
            let text = Self.cut(try result.string(row, 6) ?? "", to: budget)
            if size > text.utf8.count { cuts[.message(row)] = size }
            messages.append(
                Message(
                    role: (try result.string(row, 0)).flatMap(MessageRole.init(rawValue:)) ?? .environment,
                    originalRole: try result.string(row, 1) ?? "", text: text,
                    loss: (try result.integer(row, 2)).map { $0 == 1 },
                    toolCalls: ToolCallCoding.calls(try result.string(row, 4)), toolCallID: try result.string(row, 5)))
            turns.append((try result.string(row, 3)).flatMap(TurnKind.init(rawValue:)) ?? .other)
        }
        return (messages, turns)
    }

    /// The steps of row `rowID`, each text cut to `budget` bytes (full sizes into `cuts`). Call with
    /// ``serial`` held.
    func excerptSteps(rowID: Int64, budget: Int, messages: [Message], cuts: inout [TextPart: Int]) throws
        -> [Step]
    {
        let result = try connection.execute(
            """
            SELECT message_idx, observation_idx,
                   left(thought, $2), octet_length(thought), action_kind,
                   left(action_argument, $2), octet_length(action_argument),
                   left(observation, $2), octet_length(observation),
                   left(final_answer, $2), octet_length(final_answer),
                   parsed_by, segments
            FROM step WHERE trajectory_id = $1 ORDER BY idx
            """, [.integer(rowID), .integer(budget)], binary: true)
        return try (0..<result.rowCount).map { row in
            /// Part `column` (with its size in the next column) cut to the budget; its size into `cuts`.
            func part(_ column: Int, _ textPart: TextPart) throws -> String? {
                guard let whole = try result.string(row, column) else { return nil }
                let text = Self.cut(whole, to: budget)
                let size = Int(try result.integer(row, column + 1) ?? 0)
                if size > text.utf8.count { cuts[textPart] = size }
                return text
            }
            let messageIndex = Int(try result.integer(row, 0) ?? 0)
            let text = messages.indices.contains(messageIndex) ? messages[messageIndex].text : ""
            let thought = try part(2, .thought(row))
            let argument = try part(5, .argument(row))
            return Step(
                messageIndex: messageIndex, observationIndex: (try result.integer(row, 1)).map(Int.init),
                thought: thought,
                action: (try result.string(row, 4)).map { StepAction(kind: $0, argument: argument ?? "") },
                observation: try part(7, .observation(row)), finalAnswer: try part(9, .answer(row)),
                parsedBy: (try result.string(row, 11)).flatMap(Dialect.init(rawValue:)) ?? .raw,
                segments: (try result.string(row, 12)).flatMap { StepCoding.segments($0, text: text) }
                    ?? [Segment(.other, text)])
        }
    }

    /// The masks and corrections `blindReviewer` reads on row `rowID`, whose turn decisions are `decided`:
    /// those decisions without a blind reviewer or once they accepted or rejected the trajectory, else
    /// their own (`turn_current`), as on SQLite. Call with ``serial`` held.
    func turnsRead(by blindReviewer: String?, rowID: Int64, decided: [TurnLabel]) throws -> [TurnLabel] {
        guard let reviewer = blindReviewer else { return decided }
        let hasDecided = try connection.execute(
            """
            SELECT EXISTS (SELECT 1 FROM reviewer_current
                           WHERE trajectory_id = $1 AND reviewer = $2 AND status <> 'pending')
            """, [.integer(rowID), .text(reviewer)], binary: true)
        guard try hasDecided.integer(0, 0) != 1 else { return decided }
        let result = try connection.execute(
            "SELECT turn, train, text FROM turn_current WHERE trajectory_id = $1 AND reviewer = $2 ORDER BY turn",
            [.integer(rowID), .text(reviewer)], binary: true)
        return try (0..<result.rowCount).map { row in
            TurnLabel(
                turn: Int(try result.integer(row, 0) ?? 0), train: (try result.integer(row, 1)).map { $0 == 1 },
                text: try result.string(row, 2))
        }
    }

    /// The turn decisions of row `rowID` (``TurnLabel``), by turn. Call with ``serial`` held.
    func turnLabels(rowID: Int64) throws -> [TurnLabel] {
        let result = try connection.execute(
            "SELECT turn, train, text FROM turn_label WHERE trajectory_id = $1 ORDER BY turn", [.integer(rowID)],
            binary: true)
        return try (0..<result.rowCount).map { row in
            TurnLabel(
                turn: Int(try result.integer(row, 0) ?? 0), train: (try result.integer(row, 1)).map { $0 == 1 },
                text: try result.string(row, 2))
        }
    }

    /// The quality flags of row `rowID`. Call with ``serial`` held.
    func flags(rowID: Int64) throws -> Set<QualityFlag> {
        let result = try connection.execute(
            "SELECT flag FROM trajectory_flag WHERE trajectory_id = $1", [.integer(rowID)])
        return Set(try (0..<result.rowCount).compactMap { try result.string($0, 0) }.compactMap(QualityFlag.init))
    }

    /// The decision on row `rowID`, unreviewed when it has none. Call with ``serial`` held.
    func currentLabel(rowID: Int64) throws -> ReviewLabel {
        let result = try connection.execute(
            "SELECT status, reward, reward_reason, tags, note FROM label_current WHERE trajectory_id = $1",
            [.integer(rowID)], binary: true)
        return result.rowCount == 0 ? .unreviewed : try PostgresLabelColumns.label(result, 0, from: 0)
    }

    /// The start of `text`: at most `budget` UTF-8 bytes, cut at a scalar boundary.
    static func cut(_ text: String, to budget: Int) -> String {
        guard text.utf8.count > budget else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: budget)
        while end > text.utf8.startIndex, UTF8.isContinuation(text.utf8[end]) { end = text.utf8.index(before: end) }
        return String(text.utf8[..<end]) ?? ""
    }
}
