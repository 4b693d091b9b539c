import Testing
import TroveCore

@testable import TroveUI

/// A text longer than a page is read a page at a time: `>` asks the store for the next page's bytes of
/// the message on screen, the page comes back as an action, and the fold line says where the reader is.
@Suite struct TextPageTests {
    static let budget = TrajectoryLayout.textBudget
    /// The observation message's full size: 3.2 pages.
    static let size = budget * 16 / 5

    /// A trajectory open on the screen as the store sends it: its observation cut to the budget.
    static func state() -> AppState {
        let whole = HugeRecordLayoutTests.stored
        var stored = whole
        let head = String(repeating: "row\n", count: budget / 4)
        stored.trajectory.messages[2].text = head
        stored.parsed.steps[0].observation = head
        let excerpt = TrajectoryExcerpt(
            stored: stored, budget: budget, cuts: [.message(2): size, .observation(0): size - 23])
        var state = AppState(size: Size(width: 100, height: 30), reviewer: "ana")
        _ = update(&state, .trajectoryLoaded(excerpt))
        return state
    }

    static func page(_ number: Int) -> TextPage {
        let offset = (number - 1) * budget
        let length = min(budget, size - offset)
        return TextPage(
            message: 2, offset: offset, text: String(repeating: "p\(number)\n", count: length / 3), size: size)
    }

    private func foldLine(_ state: AppState) -> String? {
        state.documentLines.first { $0.pagedMessage == 2 && $0.text.contains("page") }?.text
    }

    @Test func theFoldLineCountsPagesOfTheMessage() {
        let state = Self.state()
        #expect(foldLine(state) == "… 193.3 KB more, page 1/4 (o unfolds, > next page)")
    }

    @Test func nextPageAsksTheStoreForItsBytes() {
        var state = Self.state()
        let effects = update(&state, .command(.nextTextPage))
        #expect(effects == [.loadTextPage(id: "huge", message: 2, bytes: Self.budget..<2 * Self.budget)])
    }

    @Test func aLoadedPageIsShownFromTheTopOfItsBlock() {
        var state = Self.state()
        _ = update(&state, .textPageLoaded(id: "huge", Self.page(2)))
        let lines = state.documentLines
        #expect(lines[state.document?.scroll ?? -1].label == "Observed")
        #expect(lines[state.document?.scroll ?? -1].text == "p2")
        #expect(foldLine(state) == "… 78.6 KB more, page 2/4 (> next page, < back)")
        let effects = update(&state, .command(.nextTextPage))
        #expect(effects == [.loadTextPage(id: "huge", message: 2, bytes: 2 * Self.budget..<3 * Self.budget)])
    }

    @Test func theStatusBarSaysWhichPageIsOnScreen() {
        var state = Self.state()
        _ = update(&state, .textPageLoaded(id: "huge", Self.page(2)))
        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        #expect(canvas.lines[state.size.height - 2].contains("· line 6/21855 · page 2/4 · view"))
    }

    @Test func theLastPageSaysSoAndGoesNoFurther() {
        var state = Self.state()
        _ = update(&state, .textPageLoaded(id: "huge", Self.page(4)))
        #expect(foldLine(state) == "end of text, page 4/4 (< back)")
        #expect(update(&state, .command(.nextTextPage)).isEmpty)
        #expect(state.message?.text == "last page of this text")
        #expect(
            update(&state, .command(.previousTextPage)) == [
                .loadTextPage(id: "huge", message: 2, bytes: 2 * Self.budget..<3 * Self.budget)
            ])
    }

    @Test func backFromTheSecondPageIsTheParsedFirstWithoutARead() {
        var state = Self.state()
        _ = update(&state, .textPageLoaded(id: "huge", Self.page(2)))
        #expect(update(&state, .command(.previousTextPage)).isEmpty)
        #expect(state.document?.pages.isEmpty == true)
        #expect(foldLine(state) == "… 193.3 KB more, page 1/4 (o unfolds, > next page)")
        #expect(update(&state, .command(.previousTextPage)).isEmpty)
        #expect(state.message?.text == "first page of this text")
    }

    @Test func aPageOfAnotherTrajectoryIsDropped() {
        var state = Self.state()
        _ = update(&state, .textPageLoaded(id: "other", Self.page(2)))
        #expect(state.document?.pages.isEmpty == true)
    }

    /// The record view's last line says `v` pages the record: `>` there says so too, instead of that no
    /// text on screen is longer than a page.
    @Test func inTheRecordViewNextPagePointsToThePager() {
        var state = Self.state()
        _ = update(&state, .command(.toggleRaw))
        _ = update(&state, .command(.bottom))
        #expect(state.documentLines.last?.text.hasSuffix("more (v pages it all)") == true)
        #expect(update(&state, .command(.nextTextPage)).isEmpty)
        #expect(state.message?.text == "v pages the record (> and < page a step's long text)")
        #expect(update(&state, .command(.previousTextPage)).isEmpty)
        #expect(state.message?.text == "v pages the record (> and < page a step's long text)")
    }

    /// `G` in the record view goes to the record's last line and leaves the step the status bar counts
    /// alone: the record has no steps to select.
    @Test func bottomOfTheRecordViewKeepsTheSelectedStep() {
        var state = Self.state()
        _ = update(&state, .command(.toggleRaw))
        _ = update(&state, .command(.bottom))
        #expect(state.document?.selectedStep == nil)
        #expect(state.document?.scroll == state.documentLines.count - state.pageHeight)
        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        #expect(canvas.lines[state.size.height - 2].hasPrefix(" step 0/2 · "))
        // A step selected before the record view opened stays selected.
        _ = update(&state, .command(.toggleRaw))
        _ = update(&state, .command(.nextStep))
        #expect(state.document?.selectedStep == 0)
        _ = update(&state, .command(.toggleRaw))
        _ = update(&state, .command(.bottom))
        _ = update(&state, .command(.top))
        #expect(state.document?.selectedStep == 0)
        _ = update(&state, .command(.toggleRaw))
        #expect(state.document?.selectedStep == 0)
    }

    @Test func withoutALongTextOnScreenThereIsNothingToPage() {
        var state = AppState(size: Size(width: 100, height: 30), reviewer: "ana")
        var small = HugeRecordLayoutTests.stored
        small.trajectory.messages[2].text = "The output of the OS:\n\n3"
        small.parsed.steps[0].observation = "3"
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(small)))
        #expect(update(&state, .command(.nextTextPage)).isEmpty)
        // QA: "longer than a page" read as a screen's page, while a page is 65.5 KB of text.
        #expect(state.message?.text == "no text on screen has pages: > and < page a text longer than 65.5 KB")
    }
}
