import TroveCore

extension AppState {
    /// Reads the next or previous page of the first text on screen that is longer than a page: an effect
    /// asks the store for that page's bytes of the message's text, which come back as
    /// ``Action/textPageLoaded(id:_:)``. Back from the second page is the first as parsed, with no read.
    /// The record view has no pages: its lines say `v` pages the record, and so does `>` there.
    mutating func turnTextPage(forward: Bool) -> [Effect] {
        guard !view.raw else {
            message = UserMessage("v pages the record (> and < page a step's long text)")
            return []
        }
        layOut()
        guard let document, let (index, shown, pages) = textOnScreen else {
            message = UserMessage(
                "no text on screen has pages: > and < page a text longer than \(Format.bytes(TrajectoryLayout.textBudget))"
            )
            return []
        }
        let budget = TrajectoryLayout.textBudget
        let target = shown + (forward ? 1 : -1)
        guard (1...pages).contains(target) else {
            message = UserMessage(forward ? "last page of this text" : "first page of this text")
            return []
        }
        guard target > 1 else {
            self.document?.pages[index] = nil
            scrollToText(of: index)
            return []
        }
        return [.loadTextPage(id: document.id, message: index, bytes: (target - 1) * budget..<target * budget)]
    }

    /// The first text on screen that is longer than a page, the one `>` and `<` turn: its message, the
    /// page shown (counting from 1) and how many pages it fills; nil when there is none.
    var textOnScreen: (message: Int, page: Int, pages: Int)? {
        guard let document else { return nil }
        let lines = documentLines
        guard let index = onScreen(lines).lazy.compactMap({ lines[$0].pagedMessage }).first else { return nil }
        let budget = TrajectoryLayout.textBudget
        let size = document.cuts[.message(index)] ?? document.stored.trajectory.messages[index].text.utf8.count
        let shown = document.pages[index].map { $0.offset / budget + 1 } ?? 1
        return (index, shown, max(1, (size + budget - 1) / budget))
    }

    /// Shows a page read of one of the open trajectory's texts, from the top of its block.
    mutating func receive(_ page: TextPage, of id: String) {
        guard document?.id == id else { return }
        document?.pages[page.message] = page
        scrollToText(of: page.message)
    }

    /// Scrolls the first line of message `message`'s paged text to the top.
    private mutating func scrollToText(of message: Int) {
        layOut()
        guard let line = documentLines.firstIndex(where: { $0.pagedMessage == message }) else { return }
        document?.scroll = line
        clampScroll()
    }
}
