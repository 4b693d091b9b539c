import Testing
import TroveCore
import TroveTestSupport
import TroveUI

/// Exhaustive update tests (TCA style): the whole state after an action is compared with the state
/// before plus the expected changes, and the effects are compared too.
@Suite struct UpdateTests {
    static let size = Size(width: 80, height: 24)

    static func row(_ index: Int, status: LabelStatus = .pending) -> TrajectoryRow {
        TrajectoryRow(
            rowID: Int64(index + 1), id: "t\(index)", task: "os", steps: 2, environmentReward: 1, reviewReward: nil,
            status: status, flags: [], tags: [], preview: "task \(index)", sourceModel: nil)
    }

    /// The event a label of `id` to `status` by ana from the UI leaves.
    static func labelEvent(_ id: String, _ status: LabelStatus) -> LabelEvent {
        LabelEvent(
            id: 9, trajectoryID: id, reviewer: "ana", at: "now", kind: .label, reverts: nil,
            label: ReviewLabel(status: status), origin: "ui")
    }

    static func stored(_ id: String) -> StoredTrajectory {
        let messages = [
            Message(originalRole: "human", text: "Do the task."),
            Message(originalRole: "gpt", text: "Think: look\n\nAct: bash\n\n```bash\nls\n```", loss: true),
            Message(originalRole: "human", text: "The output of the OS:\n\nfile"),
        ]
        let trajectory = Trajectory(
            id: id, task: "os", source: TroveCore.SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        return StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(messages, task: "os"), label: .unreviewed)
    }

    /// A list of `total` rows with rows `0..<loaded` in the window and the cursor on `cursor`.
    static func listState(total: Int = 100, loaded: Int = 100, cursor: Int = 0) -> AppState {
        var state = AppState(size: size, reviewer: "ana", storeName: "s")
        state.list.window = RowWindow(start: 0, rows: (0..<loaded).map { row($0) }, cursor: cursor)
        state.list.counts = StatusCounts(pending: total)
        state.list.storeTotal = total
        state.list.cursor = cursor
        return state
    }

    func assertUpdate(
        _ state: AppState, _ action: Action, effects: [Effect] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation,
        _ expected: (inout AppState) -> Void = { _ in }
    ) {
        var actual = state
        let actualEffects = update(&actual, action)
        var wanted = state
        expected(&wanted)
        #expect(actual == wanted, sourceLocation: sourceLocation)
        #expect(actualEffects == effects, sourceLocation: sourceLocation)
    }

    func request(
        _ state: AppState, _ anchor: WindowRequest.Anchor, knownPosition: Int? = nil, held: RowWindow? = nil
    ) -> WindowRequest {
        state.windowRequest(anchor, knownPosition: knownPosition, held: held)
    }

    // MARK: - Session

    @Test func startWithoutSavedStateLoadsTheTop() {
        let state = AppState(size: Self.size, reviewer: "ana")
        assertUpdate(state, .started(nil), effects: [.loadWindow(request(state, .first))])
    }

    @Test func startRestoresFilterSortAndPosition() throws {
        let state = AppState(size: Self.size, reviewer: "ana")
        let saved = ReviewSessionState(trajectoryID: "t7", filter: "task:os", sort: ListSort(column: .steps))
        var expected = state
        expected.filter = try Filter.parse("task:os")
        expected.sort = ListSort(column: .steps)
        assertUpdate(state, .started(saved), effects: [.loadWindow(request(expected, .row(id: "t7")))]) {
            $0.filter = expected.filter
            $0.sort = expected.sort
            $0.filterOnTrial = Filter(nil)
        }
    }

    @Test func aKnownWindowPlacesTheCursor() {
        let state = Self.listState(total: 120, loaded: 0)
        let window = RowWindow(start: 40, rows: (40..<60).map { Self.row($0) }, cursor: 45)
        assertUpdate(state, .windowLoaded(window)) {
            $0.list.window = window
            $0.list.cursor = 45
            $0.list.top = 45 - 20 + 1
        }
    }

    // MARK: - Counting after the frame

    /// A window placed fresh around row `anchor` of a long list: `before` rows precede it, the window
    /// does not reach the list's start.
    static func freshWindow(anchor: Int, before: Int = 50, after: Int = 51) -> RowWindow {
        RowWindow(
            start: 0, rows: (anchor - before..<anchor + after).map { row($0) }, cursor: before, isPlacedFresh: true,
            anchor: row(anchor))
    }

    @Test func aFreshWindowIsShownAtOnceAndCountedAfter() {
        var state = Self.listState(total: 1000, loaded: 100, cursor: 3)
        state.list.countGeneration = 4
        let window = Self.freshWindow(anchor: 500)
        // The store's size is known and kept: the count need not take it again.
        let count = CountRequest(
            filter: Filter(nil), sort: ListSort(), anchor: Self.row(500), storeTotal: 1000, generation: 5)
        assertUpdate(state, .windowLoaded(window), effects: [.count(count)]) {
            $0.list.window = window
            $0.list.cursor = 50
            $0.list.top = 31
            $0.list.counts = nil
            $0.list.provisionalAnchor = 50
            $0.list.countGeneration = 5
        }
    }

    @Test func aFreshWindowAtTheListStartKnowsItsPositions() {
        let state = Self.listState(total: 1000, loaded: 100, cursor: 30)
        let window = RowWindow(
            start: 0, rows: (0..<12).map { Self.row($0) }, cursor: 2, reachesStart: true, reachesEnd: true,
            isPlacedFresh: true, anchor: Self.row(2))
        var unknownSize = state
        unknownSize.list.storeTotal = nil
        let count = CountRequest(filter: Filter(nil), sort: ListSort(), anchor: nil, generation: 1)
        assertUpdate(unknownSize, .windowLoaded(window), effects: [.count(count)]) {
            $0.list.window = window
            $0.list.cursor = 2
            $0.list.top = 0
            $0.list.counts = nil
            $0.list.countGeneration = 1
        }
    }

    @Test func countsGiveTheLengthAndTruePositions() {
        var state = Self.listState(total: 1000, loaded: 100)
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 500)))
        let counts = ListCounts(counts: StatusCounts(accepted: 2, pending: 998), storeTotal: 1200, position: 500)
        assertUpdate(state, .counted(generation: 1, counts)) {
            $0.list.counts = counts.counts
            $0.list.storeTotal = 1200
            $0.list.provisionalAnchor = nil
            $0.list.window.start = 450
            $0.list.window.cursor = 500
            $0.list.cursor = 500
            $0.list.top = 481
        }
    }

    @Test func staleCountsAreDropped() {
        var state = Self.listState(total: 1000, loaded: 100)
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 500)))
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 700)))
        let stale = ListCounts(counts: StatusCounts(pending: 1000), storeTotal: 1000, position: 500)
        assertUpdate(state, .counted(generation: 1, stale))
    }

    @Test func movesWhileCountingStayWithinTheLoadedRows() {
        var state = Self.listState(total: 1000, loaded: 100)
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 500)))
        var up = state
        up.list.cursor = 25
        // The window moves along the rows it holds: they go with the request, so only the rest is read.
        let moved = request(up, .row(id: "t455"), knownPosition: 5, held: up.list.window)
        assertUpdate(up, .command(.pageUp), effects: [.loadWindow(moved)]) {
            $0.list.cursor = 5
            $0.list.top = 5
        }
        // The list's end is not known yet: `G` asks for the last rows rather than guessing their position.
        assertUpdate(state, .command(.bottom), effects: [.loadWindow(request(state, .last))])
    }

    @Test func topWhileCountingLoadsTheFirstRows() {
        var state = Self.listState(total: 1000, loaded: 100)
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 500)))
        // Position 0 of the provisional numbering is not the list's first row.
        assertUpdate(state, .command(.top), effects: [.loadWindow(request(state, .first))])
    }

    @Test func anEmptyFreshWindowIsAnEmptyListBeforeItIsCounted() {
        let state = Self.listState(total: 1000, loaded: 100, cursor: 7)
        let window = RowWindow(
            start: 0, rows: [], cursor: 0, reachesStart: true, reachesEnd: true, isPlacedFresh: true)
        let count = CountRequest(filter: Filter(nil), sort: ListSort(), anchor: nil, storeTotal: 1000, generation: 1)
        var after = state
        #expect(update(&after, .windowLoaded(window)) == [.count(count)])
        #expect(after.list.isEmpty)
        #expect(after.list.cursor == 0)
        #expect(after.list.isPositioned)
        // No row to move to.
        assertUpdate(after, .command(.moveDown))
    }

    @Test func bottomWhileCountingStaysWhenTheWindowHoldsTheEnd() {
        var state = Self.listState(total: 1000, loaded: 100)
        var window = Self.freshWindow(anchor: 500, after: 30)
        window.reachesEnd = true
        _ = update(&state, .windowLoaded(window))
        assertUpdate(state, .command(.bottom)) {
            $0.list.cursor = 79
            $0.list.top = 60
        }
    }

    @Test func aWindowReachingTheStartMakesProvisionalPositionsTrue() {
        var state = Self.listState(total: 1000, loaded: 100)
        _ = update(&state, .windowLoaded(Self.freshWindow(anchor: 60)))
        // Scrolled up: the reload around position 5 (row 15) finds only 15 rows before it.
        state.list.cursor = 5
        state.list.top = 5
        let window = RowWindow(
            start: -10, rows: (0..<66).map { Self.row($0) }, cursor: 5, reachesStart: true)
        assertUpdate(state, .windowLoaded(window)) {
            $0.list.window = window
            $0.list.window.start = 0
            $0.list.window.cursor = 15
            $0.list.cursor = 15
            $0.list.top = 15
            $0.list.provisionalAnchor = nil
        }
        // The count that follows still gives the length, without moving anything.
        var placed = state
        _ = update(&placed, .windowLoaded(window))
        let counts = ListCounts(counts: StatusCounts(pending: 1000), storeTotal: 1000, position: 60)
        assertUpdate(placed, .counted(generation: 1, counts)) {
            $0.list.counts = counts.counts
            $0.list.storeTotal = 1000
        }
    }

    // MARK: - Movement

    @Test(arguments: [Command.accept, .reject, .undo, .redo, .rewardOne, .editReward, .editTags, .editNote])
    func aReadOnlyStoreRefusesEveryLabelingCommand(command: Command) {
        var state = Self.listState()
        state.readOnly = true
        assertUpdate(state, .command(command)) {
            $0.message = UserMessage("this store is read-only: labeling is disabled")
        }
    }

    @Test func moveDownAndUp() {
        let state = Self.listState()
        assertUpdate(state, .command(.moveDown)) { $0.list.cursor = 1 }
        assertUpdate(state, .command(.moveUp))
    }

    @Test func pageDownScrollsTheList() {
        let state = Self.listState()
        assertUpdate(state, .command(.pageDown)) {
            $0.list.cursor = 20
            $0.list.top = 1
        }
    }

    @Test func nearingTheWindowEdgeRecentersIt() {
        let state = Self.listState(total: 1000, loaded: 100, cursor: 70)
        assertUpdate(
            state, .command(.pageDown),
            effects: [.loadWindow(request(state, .row(id: "t90"), knownPosition: 90, held: state.list.window))]
        ) {
            $0.list.cursor = 90
            $0.list.top = 71
        }
    }

    @Test func bottomOutsideTheWindowAsksTheStore() {
        let state = Self.listState(total: 1000, loaded: 100)
        assertUpdate(state, .command(.bottom), effects: [.loadWindow(request(state, .last))])
        let small = Self.listState(total: 30, loaded: 30)
        assertUpdate(small, .command(.bottom)) {
            $0.list.cursor = 29
            $0.list.top = 10
        }
    }

    @Test func openAsksForTheTrajectory() {
        assertUpdate(Self.listState(cursor: 3), .command(.open), effects: [.loadTrajectory(id: "t3")])
    }

    @Test func trajectoryLoadedOpensTheScreen() {
        let stored = Self.stored("t3")
        assertUpdate(Self.listState(cursor: 3), .trajectoryLoaded(TrajectoryExcerpt(stored))) {
            $0.document = AppState.Document(stored)
            $0.screens = [.list, .trajectory]
        }
    }

    @Test func backFromTheListQuitsAndSavesThePosition() {
        let state = Self.listState(cursor: 2)
        let session = ReviewSessionState(trajectoryID: "t2", filter: "", sort: ListSort())
        assertUpdate(state, .command(.back), effects: [.saveState(session, reviewer: "ana")]) { $0.isQuitting = true }
    }

    @Test func backFromATrajectoryReturnsToTheList() {
        var state = Self.listState(cursor: 3)
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t3"))))
        assertUpdate(state, .command(.back)) {
            $0.screens = [.list]
            $0.document = nil
        }
    }

    // MARK: - Labelling

    @Test func acceptAppliesAndAdvances() {
        assertUpdate(
            Self.listState(cursor: 4), .command(.accept),
            effects: [.applyLabel(.accept, ids: ["t4"], advance: true, reviewer: "ana")])
        assertUpdate(
            Self.listState(cursor: 4), .command(.reject),
            effects: [.applyLabel(.reject, ids: ["t4"], advance: true, reviewer: "ana")])
    }

    @Test func labelSavedMovesToTheNextPending() {
        var state = Self.listState(cursor: 4)
        state.message = nil
        let event = Self.labelEvent("t4", .accepted)
        let receipt = LabelReceipt(kind: .label(.accept), events: [event], advance: true)
        let session = ReviewSessionState(trajectoryID: "t4", filter: "", sort: ListSort())
        let next = state.windowRequest(
            .nextPending(after: "t4", undecidedBy: nil), knownPositions: state.loadedPositions)
        #expect(next.knownPositions["t4"] == 4 && next.knownPositions["t99"] == 99)
        assertUpdate(state, .labelSaved(receipt), effects: [.saveState(session, reviewer: "ana"), .loadWindow(next)]) {
            $0.message = UserMessage("accepted t4 (saved)")
            $0.list.recountsAfterLoad = true
        }
    }

    @Test func aLabelKeepsTheCountsOnScreenWhileTheyAreTakenAgain() {
        // Given a list filtered to pending rows, where t4 was just accepted and left the list
        var state = Self.listState(total: 100, loaded: 100, cursor: 4)
        let event = Self.labelEvent("t4", .accepted)
        _ = update(&state, .labelSaved(LabelReceipt(kind: .label(.accept), events: [event], advance: true)))
        // When the next pending row, t5, comes back at the position the state knew for it
        let rows = (0..<100).filter { $0 != 4 }.map { Self.row($0) }
        let window = RowWindow(start: 1, rows: rows, cursor: 5)
        let effects = update(&state, .windowLoaded(window))
        // Then the old counts stay and are counted again, measuring t5
        #expect(state.list.counts == StatusCounts(pending: 100))
        #expect(state.list.isPositioned)
        #expect(state.list.cursor == 5)
        #expect(!state.list.recountsAfterLoad)
        let count = CountRequest(
            filter: Filter(nil), sort: ListSort(), anchor: Self.row(5), storeTotal: 100, generation: 1)
        #expect(effects == [.count(count)])
        // And the count moves the numbering back by the row that left
        let counted = ListCounts(counts: StatusCounts(accepted: 1, pending: 99), storeTotal: 100, position: 4)
        _ = update(&state, .counted(generation: 1, counted))
        #expect(state.list.counts == counted.counts)
        #expect(state.list.cursor == 4)
        #expect(state.list.window.start == 0)
        #expect(state.list.recountAnchor == nil)
    }

    @Test func aLabelWhoseNextRowIsNotLoadedPlacesTheWindowFresh() {
        var state = Self.listState(total: 1000, loaded: 100, cursor: 99)
        let event = Self.labelEvent("t99", .accepted)
        _ = update(&state, .labelSaved(LabelReceipt(kind: .label(.accept), events: [event], advance: true)))
        let effects = update(&state, .windowLoaded(Self.freshWindow(anchor: 500)))
        #expect(state.list.counts == nil)
        #expect(!state.list.recountsAfterLoad)
        #expect(effects.count == 1)
    }

    @Test func labelSavedOnTheTrajectoryScreenOpensTheNext() {
        var state = Self.listState(cursor: 4)
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t4"))))
        let event = Self.labelEvent("t4", .rejected)
        var after = state
        let effects = update(&after, .labelSaved(LabelReceipt(kind: .label(.reject), events: [event], advance: true)))
        #expect(after.openAfterLoad)
        #expect(
            effects.last
                == .loadWindow(
                    state.windowRequest(
                        .nextPending(after: "t4", undecidedBy: nil), knownPositions: state.loadedPositions)))
        let next = RowWindow(start: 0, rows: (0..<10).map { Self.row($0) }, cursor: 5)
        let opening = update(&after, .windowLoaded(next))
        let recount = CountRequest(
            filter: Filter(nil), sort: ListSort(), anchor: Self.row(5), storeTotal: 100, generation: 1)
        #expect(opening == [.loadTrajectory(id: "t5"), .count(recount)])
        #expect(!after.openAfterLoad)
    }

    @Test func nothingToUndoSaysSo() {
        let receipt = LabelReceipt(kind: .undo, events: [])
        assertUpdate(Self.listState(), .labelSaved(receipt)) { $0.message = UserMessage("nothing to undo") }
    }

    @Test func undoAndRedoAreEffects() {
        assertUpdate(Self.listState(), .command(.undo), effects: [.undo(reviewer: "ana")])
        assertUpdate(Self.listState(), .command(.redo), effects: [.redo(reviewer: "ana")])
    }

    @Test func skipMovesOnWithoutWriting() {
        let state = Self.listState(cursor: 2)
        assertUpdate(
            state, .command(.skip),
            effects: [
                .loadWindow(
                    state.windowRequest(
                        .nextPending(after: "t2", undecidedBy: nil), knownPositions: state.loadedPositions))
            ]
        ) { $0.message = UserMessage("skipped t2") }
    }

    @Test func quickRewards() {
        assertUpdate(
            Self.listState(), .command(.rewardZero),
            effects: [
                .applyLabel(LabelChange(reward: .set(0, reason: nil)), ids: ["t0"], advance: false, reviewer: "ana")
            ])
        assertUpdate(
            Self.listState(), .command(.rewardOne),
            effects: [
                .applyLabel(LabelChange(reward: .set(1, reason: nil)), ids: ["t0"], advance: false, reviewer: "ana")
            ])
    }

    // MARK: - Prompts

    @Test func rewardPromptValidates() {
        var state = Self.listState()
        _ = update(&state, .command(.editReward))
        for key in "1.5" { _ = update(&state, .text(.char(key))) }
        assertUpdate(state, .command(.submit)) {
            $0.prompt?.error = "'1.5' is not a reward: type a number from 0 to 1, such as 0.5 or 2/3 (empty clears)"
        }
        var fixed = state
        for key: Key in [.backspace, .backspace, .backspace, .char("0"), .char("."), .char("5")] {
            _ = update(&fixed, .text(key))
        }
        assertUpdate(
            fixed, .command(.submit),
            effects: [
                .applyLabel(LabelChange(reward: .set(0.5, reason: nil)), ids: ["t0"], advance: false, reviewer: "ana")
            ]
        ) { $0.prompt = nil }
    }

    @Test func badFilterShowsAnInlineError() {
        var state = Self.listState()
        _ = update(&state, .command(.filter))
        for key in "rewrd<1" { _ = update(&state, .text(.char(key))) }
        assertUpdate(state, .command(.submit)) {
            $0.prompt?.error = "unknown field 'rewrd' (did you mean 'reward'?)"
            $0.prompt?.errorRange = 0..<5
        }
    }

    /// A new filter keeps the cursor's trajectory (the store places the window at the row at its place
    /// when the filter leaves it out), as a new sort does.
    @Test func aFilterIsReadAroundTheCursorsTrajectory() throws {
        var state = Self.listState(cursor: 3)
        _ = update(&state, .command(.filter))
        for key in "task:os" { _ = update(&state, .text(.char(key))) }
        var expected = state
        expected.prompt = nil
        expected.filter = try Filter.parse("task:os")
        assertUpdate(
            state, .command(.submit),
            effects: [.loadWindow(request(expected, .row(id: "t3")))]
        ) {
            $0.prompt = nil
            $0.filter = expected.filter
            $0.filterOnTrial = Filter(nil)
        }
    }

    @Test func aFilterIsSavedOnlyOnceItsRowsLoad() throws {
        var state = Self.listState(cursor: 3)
        _ = update(&state, .command(.filter))
        for key in "task:os" { _ = update(&state, .text(.char(key))) }
        _ = update(&state, .command(.submit))
        let window = state.list.window
        let effects = update(&state, .windowLoaded(window))
        #expect(effects.contains(.saveState(state.sessionState, reviewer: "ana")))
        #expect(state.sessionState.filter == "task:os")
        #expect(state.filterOnTrial == nil)
    }

    @Test func aFilterTheStoreFailsOnIsDroppedAndTheOneBeforeIsSaved() throws {
        var state = Self.listState(cursor: 3)
        state.filter = try Filter.parse("task:db")
        _ = update(&state, .command(.filter))
        _ = update(&state, .text(.ctrl("u")))
        for key in "task:os" { _ = update(&state, .text(.char(key))) }
        _ = update(&state, .command(.submit))
        let effects = update(&state, .windowFailed(.error("SQLite error 1: parser stack overflow")))
        #expect(state.filter.source == "task:db")
        #expect(state.message?.isError == true)
        #expect(
            effects == [.loadWindow(request(state, .row(id: "t3"))), .saveState(state.sessionState, reviewer: "ana")])
    }

    @Test func aSavedFilterTheStoreFailsOnDoesNotComeBack() throws {
        var state = AppState(size: Self.size, reviewer: "ana")
        _ = update(&state, .started(ReviewSessionState(trajectoryID: nil, filter: "task:os", sort: ListSort())))
        let effects = update(&state, .windowFailed(.error("SQLite error 1: parser stack overflow")))
        #expect(state.filter.expression == nil)
        #expect(effects.contains(.saveState(state.sessionState, reviewer: "ana")))
        #expect(state.sessionState.filter == "")
    }

    @Test func tagPromptTogglesByNumberAndName() {
        var state = Self.listState()
        _ = update(&state, .command(.editTags))
        for key in "1 odd" { _ = update(&state, .text(.char(key))) }
        assertUpdate(
            state, .command(.submit),
            effects: [
                .applyLabel(
                    LabelChange(toggleTags: ["wrong-answer", "odd"]), ids: ["t0"], advance: false, reviewer: "ana")
            ]
        ) {
            $0.prompt = nil
            $0.tagSet.append("odd")
        }
        var bad = Self.listState()
        _ = update(&bad, .command(.editTags))
        _ = update(&bad, .text(.char("9")))
        assertUpdate(bad, .command(.submit)) { $0.prompt?.error = "no tag 9: pick 1 to 5 or type a name" }
    }

    /// `r` on a trajectory that is not open asks the store for the reviewers' labels and fills the prompt
    /// with the reviewer's own reward, selected; another reviewer's is not theirs, and a key typed before
    /// the labels arrive wins.
    @Test func theRewardPromptFillsWithTheReviewersOwnReward() {
        var state = Self.listState()
        var expected = state
        expected.prompt = Prompt(.reward, selected: true)
        expected.prompt?.fillingFrom = "t0"
        assertUpdate(state, .command(.editReward), effects: [.loadReviewerLabels(id: "t0")]) { $0 = expected }
        _ = update(&state, .command(.editReward))
        func label(_ reviewer: String, _ reward: Double) -> ReviewerLabel {
            ReviewerLabel(
                reviewer: reviewer, label: ReviewLabel(status: .pending, reward: reward), at: "now",
                isAdjudicator: false)
        }
        assertUpdate(state, .reviewerLabelsLoaded(id: "t0", [label("bo", 0.25), label("ana", 0.5)])) {
            $0.prompt = Prompt(.reward, text: "0.5", selected: true)
        }
        assertUpdate(state, .reviewerLabelsLoaded(id: "t0", [label("bo", 0.25)])) {
            $0.prompt = Prompt(.reward, text: "", selected: true)
        }
        var typed = state
        _ = update(&typed, .text(.char("1")))
        assertUpdate(typed, .reviewerLabelsLoaded(id: "t0", [label("ana", 0.5)]))
        #expect(typed.prompt?.editor.text == "1")
    }

    @Test func cancelClosesThePrompt() {
        var state = Self.listState()
        _ = update(&state, .command(.editNote))
        assertUpdate(state, .command(.cancel)) { $0.prompt = nil }
    }

    @Test func aPromptShowsThePreviousTextSelectedAndTheFirstKeyReplacesIt() {
        var state = Self.listState()
        state.search = "grep"
        _ = update(&state, .command(.search))
        #expect(state.prompt?.editor.text == "grep")
        #expect(state.prompt?.editor.isSelected == true)
        _ = update(&state, .text(.char("l")))
        _ = update(&state, .text(.char("s")))
        #expect(state.prompt?.editor.text == "ls")
        _ = update(&state, .command(.cancel))
        #expect(state.prompt == nil)
        #expect(!state.isQuitting)
    }

    @Test func bulkLabelAsksWithTheCountAndOnlyYConfirms() throws {
        var state = Self.listState()
        state.filter = try Filter.parse("task:os")
        assertUpdate(
            state, .command(.acceptAll),
            effects: [.previewBatch(.accept, filter: state.filter, reviewer: state.reviewer)])
        _ = update(&state, .batchPreviewed(.reject, count: 41))
        #expect(state.prompt?.label.hasPrefix("reject all 41 trajectories") == true)
        var confirmed = state
        #expect(
            update(&confirmed, .text(.char("y"))) == [.applyBatch(.reject, filter: state.filter, reviewer: "ana")])
        #expect(confirmed.prompt == nil)
        for action in [Action.text(.char("n")), .text(.char("Y")), .command(.submit), .command(.cancel)] {
            var cancelled = state
            #expect(update(&cancelled, action).isEmpty)
            #expect(cancelled.prompt == nil)
        }
        var nothing = Self.listState()
        _ = update(&nothing, .batchPreviewed(.accept, count: 0))
        #expect(nothing.prompt == nil)
        #expect(nothing.message?.text.hasPrefix("nothing to label") == true)
    }

    @Test func theTagPromptAsksForTheStoreTagsAndAppendsTheNewOnes() throws {
        let state = Self.listState()
        let id = try #require(state.currentID)
        assertUpdate(
            state, .command(.editTags), effects: [.loadTags(blindReviewer: nil), .loadReviewerLabels(id: id)]
        ) { $0.prompt = Prompt(.tags, selected: true) }
        var open = state
        _ = update(&open, .command(.editTags))
        assertUpdate(open, .tagsLoaded(["by-hand", "truncated", "zeta"])) {
            $0.tagSet = AppState.defaultTags + ["by-hand", "zeta"]
        }
        var empty = AppState(size: Self.size, reviewer: "ana", tagSet: [])
        empty.list = state.list
        _ = update(&empty, .command(.editTags))
        _ = update(&empty, .text(.char("1")))
        assertUpdate(empty, .command(.submit)) { $0.prompt?.error = "no tag 1: pick 1 to 0 or type a name" }
    }

    @Test func goToIDCompletesAUniquePrefixAndSaysWhenThereAreNoneOrMany() {
        var state = Self.listState()
        _ = update(&state, .command(.goToID))
        #expect(state.prompt == Prompt(.goTo))
        for key in "db_" { _ = update(&state, .text(.char(key))) }
        assertUpdate(state, .command(.complete), effects: [.findIDs(prefix: "db_", submit: false)])
        // Several: completed to their common start, and named.
        assertUpdate(state, .idsFound(prefix: "db_", ids: ["db_10", "db_11", "db_12", "db_13"], submit: false)) {
            $0.prompt?.editor = LineEditor("db_1")
            $0.prompt?.error = "4 ids start with 'db_' (db_10, db_11, db_12, …): type more, Tab completes"
        }
        // One: completed whole.
        assertUpdate(state, .idsFound(prefix: "db_", ids: ["db_7"], submit: false)) {
            $0.prompt?.editor = LineEditor("db_7")
        }
        // None.
        assertUpdate(state, .idsFound(prefix: "db_", ids: [], submit: true)) {
            $0.prompt?.error = "no trajectory id starts with 'db_'"
        }
        // An answer for text since changed is dropped.
        assertUpdate(state, .idsFound(prefix: "d", ids: ["db_7"], submit: true))
    }

    @Test func goToIDGoesToTheIDTypedOrTheOnlyOneItStarts() {
        var state = Self.listState()
        _ = update(&state, .command(.goToID))
        for key in "t4" { _ = update(&state, .text(.char(key))) }
        assertUpdate(state, .command(.submit), effects: [.findIDs(prefix: "t4", submit: true)])
        var going = state
        going.prompt = nil
        going.goingTo = "t4"
        assertUpdate(
            state, .idsFound(prefix: "t4", ids: ["t4", "t40", "t41"], submit: true),
            effects: [.loadWindow(request(going, .row(id: "t4")))]
        ) {
            $0.prompt = nil
            $0.goingTo = "t4"
        }
        _ = update(&state, .idsFound(prefix: "t4", ids: ["t4", "t40", "t41"], submit: true))
        // The window puts the cursor on it: nothing to say.
        var landed = state
        _ = update(&landed, .windowLoaded(RowWindow(start: 0, rows: (0..<10).map { Self.row($0) }, cursor: 4)))
        #expect(landed.goingTo == nil && landed.message == nil && landed.currentRow?.id == "t4")
        // The filter hides it: the window lands on the next row, and is dropped: the cursor stays.
        var hidden = state
        #expect(update(&hidden, .windowLoaded(RowWindow(start: 0, rows: [Self.row(5)], cursor: 0))).isEmpty)
        #expect(hidden.message == .error("t4 is not in this list: the filter hides it (f changes the filter)"))
        #expect(hidden.list == state.list && hidden.goingTo == nil)
    }

    @Test func vPagesTheOpenRecordReindented() {
        var state = Self.listState()
        var stored = Self.stored("t0")
        stored.trajectory.originalRecord = Array(#"{"id":"t0","n":[1,2]}"#.utf8)
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(stored)))
        assertUpdate(
            state, .command(.pageRecord), effects: [.pageRecord(id: "t0")])
        assertUpdate(Self.listState(), .command(.pageRecord))
    }

    @Test func besideTheListThePaneFollowsTheCursorAndTheListKeepsTheScreen() {
        var state = Self.listState()
        state.size = Size(width: 160, height: 40)
        assertUpdate(state, .command(.moveDown), effects: [.loadTrajectory(id: "t1")]) {
            $0.list.cursor = 1
            $0.followedID = "t1"
        }
        _ = update(&state, .command(.moveDown))
        assertUpdate(state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t1")))) {
            $0.document = AppState.Document(Self.stored("t1"))
            $0.followedID = nil
        }
        // At 80 columns a move loads nothing.
        assertUpdate(Self.listState(), .command(.moveDown)) { $0.list.cursor = 1 }
    }

    @Test func tagsTypedByNameJoinTheMenuForTheSession() {
        var state = Self.listState()
        _ = update(&state, .command(.editTags))
        for character in "2 odd" { _ = update(&state, .text(.char(character))) }
        _ = update(&state, .command(.submit))
        #expect(state.tagSet == AppState.defaultTags + ["odd"])
    }

    @Test func searchInTheListFindsTheNextHit() {
        var state = Self.listState(cursor: 1)
        _ = update(&state, .command(.search))
        for key in "grep" { _ = update(&state, .text(.char(key))) }
        var expected = state
        expected.prompt = nil
        expected.search = "grep"
        assertUpdate(
            state, .command(.submit),
            effects: [.loadWindow(request(expected, .hit(search: "grep", from: "t1", forward: true)))]
        ) {
            $0.prompt = nil
            $0.search = "grep"
        }
    }

    @Test func nextHitPastTheLastComesRoundToTheFirstInTheSameTrajectory() {
        var state = Self.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t0"))))
        _ = update(&state, .command(.search))
        for key in "look" { _ = update(&state, .text(.char(key))) }
        _ = update(&state, .command(.submit))
        let first = state.document?.hit?.line
        #expect(first != nil)
        var effects = update(&state, .command(.nextHit))
        for _ in 0..<10 where effects.isEmpty { effects = update(&state, .command(.nextHit)) }
        #expect(!effects.isEmpty)
        // The store's search wraps round the list to the only trajectory that has the text.
        _ = update(&state, .windowLoaded(RowWindow(start: 0, rows: [Self.row(0)], cursor: 0)))
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t0"))))
        #expect(state.document?.hit?.line == first)
        #expect(state.message?.text == "search wrapped: back to the first hit")
    }

    // MARK: - Too small

    @Test(arguments: [Command.accept, .reject, .skip, .rewardOne, .undo, .editNote, .open, .back, .toggleHelp])
    func belowTheMinimumSizeCommandsDoNothing(command: Command) {
        var state = Self.listState(cursor: 2)
        state.size = Size(width: 20, height: 5)
        #expect(state.mode == .tooSmall)
        assertUpdate(state, .command(command))
    }

    /// QA: a terminal shrunk below the minimum while a prompt was open dropped what was typed (and `q`
    /// quit, typed into a note). The prompt keeps the keyboard and shows under the notice, which says so;
    /// without a prompt the notice says that other keys do nothing.
    @Test func belowTheMinimumSizeAnOpenPromptKeepsItsKeys() {
        var state = Self.listState()
        state.prompt = Prompt(.note, text: "kept")
        state.size = Size(width: 30, height: 8)
        #expect(state.mode == .prompt)
        #expect(Keymap.standard.command(for: .char("q"), in: state.mode) == nil)
        for key in " q?" { _ = update(&state, .text(.char(key))) }
        #expect(state.prompt?.editor.text == "kept q?")
        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        #expect(canvas.lines[0].hasPrefix("terminal too small"))
        #expect(canvas.lines.joined().contains("typing goes on into"))
        #expect(canvas.lines[7].hasPrefix("note: kept q?"), "\(canvas.lines[7])")
        _ = update(&state, .command(.cancel))
        #expect(state.prompt == nil && state.mode == .tooSmall)
        render(state, into: &canvas)
        #expect(canvas.lines.joined().contains("other keys do nothing"))
        assertUpdate(state, .command(.quit), effects: [.saveState(state.sessionState, reviewer: "ana")]) {
            $0.isQuitting = true
        }
    }

    // MARK: - Trajectory screen

    /// QA: `M` (and the other view toggles) add or remove lines above the step being read, which left
    /// the screen showing another part while the status bar still named the step.
    @Test func viewTogglesKeepTheStepBeingReadOnScreen() {
        var state = Self.listState()
        var stored = LayoutCacheTests.long(steps: 10)
        stored.trajectory.metadata = JSONObject((0..<8).map { .init(key: "key\($0)", value: .string("value \($0)")) })
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(stored)))
        _ = update(&state, .command(.nextStep))
        _ = update(&state, .command(.nextStep))
        func headerRow(_ state: AppState) -> Int? {
            let header = state.documentLines.firstIndex { $0.isStepHeader && $0.step == 1 }
            return header.map { $0 - (state.document?.scroll ?? 0) }
        }
        #expect(state.document?.selectedStep == 1)
        let row = headerRow(state)
        for command in [Command.toggleMetadata, .toggleContext, .toggleMetadata, .toggleThoughts] {
            _ = update(&state, .command(command))
            #expect(headerRow(state) == row, "\(command)")
        }
        _ = update(&state, .command(.toggleThoughts))
        _ = update(&state, .command(.toggleMetadata))
        #expect(state.message?.text == "metadata shown above the task (g goes there)")
    }

    @Test func viewTogglesAndStepJumps() {
        var state = Self.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.stored("t0"))))
        assertUpdate(state, .command(.toggleThoughts)) { $0.view.thoughts = false }
        assertUpdate(state, .command(.toggleRaw)) { $0.view.raw = true }
        // The record view starts at its top, whatever line the steps were scrolled to.
        var long = LayoutCacheTests.long(steps: 10)
        long.trajectory.originalRecord = Array(
            ("{" + (0..<60).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}").utf8)
        var scrolled = state
        _ = update(&scrolled, .trajectoryLoaded(TrajectoryExcerpt(long)))
        scrolled.document?.scroll = 3
        assertUpdate(scrolled, .command(.toggleRaw)) {
            $0.view.raw = true
            $0.document?.scroll = 0
            $0.document?.stepsScroll = 3
        }
        // q or Escape in the record view goes back to the steps, not to the list, at the line it left.
        var raw = scrolled
        _ = update(&raw, .command(.toggleRaw))
        raw.document?.scroll = 5
        assertUpdate(raw, .command(.back)) {
            $0.view.raw = false
            $0.document?.scroll = 3
        }
        assertUpdate(raw, .command(.toggleRaw)) {
            $0.view.raw = false
            $0.document?.scroll = 3
        }
        let header = TrajectoryLayout.stepHeaders(in: state.documentLines).first ?? -1
        #expect(header > 0)
        // The whole trajectory fits, and the step is still selected and scrolled to the top.
        assertUpdate(state, .command(.nextStep)) {
            $0.document?.selectedStep = 0
            $0.document?.scroll = header
        }
        var short = Self.listState()
        short.size = Screen.minimumSize
        _ = update(&short, .trajectoryLoaded(TrajectoryExcerpt(LayoutCacheTests.long(steps: 3))))
        let first = TrajectoryLayout.stepHeaders(in: short.documentLines).first ?? -1
        assertUpdate(short, .command(.nextStep)) {
            $0.document?.selectedStep = 0
            $0.document?.scroll = first
        }
    }

    @Test func stepJumpsSelectStepsInTurnAndBottomSelectsTheLast() {
        var state = Self.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(LayoutCacheTests.long(steps: 3))))
        let headers = TrajectoryLayout.stepHeaders(in: state.documentLines)
        #expect(headers.count == 3)
        for _ in 0..<3 { _ = update(&state, .command(.nextStep)) }
        #expect(state.document?.selectedStep == 2)
        #expect(state.document?.scroll == headers[2])
        _ = update(&state, .command(.nextStep))
        #expect(state.document?.selectedStep == 2)
        _ = update(&state, .command(.previousStep))
        #expect(state.document?.selectedStep == 1)
        #expect(state.document?.scroll == headers[1])
        _ = update(&state, .command(.top))
        #expect(state.document?.selectedStep == nil)
        _ = update(&state, .command(.bottom))
        #expect(state.document?.selectedStep == 2)
    }

    @Test func resizeKeepsTheCursorVisible() {
        let state = Self.listState(cursor: 19)
        assertUpdate(state, .resized(Size(width: 40, height: 10))) {
            $0.size = Size(width: 40, height: 10)
            $0.list.top = 14
        }
    }

    @Test func helpAndStatsScreens() {
        assertUpdate(Self.listState(), .command(.toggleHelp)) { $0.screens = [.list, .help] }
        assertUpdate(Self.listState(), .command(.toggleStats), effects: [.loadStats(blindReviewer: nil)])
        let stats = DatasetStats(tasks: [TaskStats(task: "os")])
        assertUpdate(Self.listState(), .statsLoaded(stats)) {
            $0.stats = stats
            $0.screens = [.list, .stats]
        }
    }

    @Test func failuresGoToTheStatusLine() {
        assertUpdate(Self.listState(), .failed(.error("disk full"))) { $0.message = .error("disk full") }
    }

    @Test func storeChangedRefreshesAroundTheCursor() {
        let state = Self.listState(cursor: 5)
        assertUpdate(state, .storeChanged, effects: [.loadWindow(request(state, .row(id: "t5")))]) {
            $0.list.storeTotal = nil
        }
    }
}
