import Foundation

/// A line a long command redraws in place on standard error while it runs (a terminal only, at most ten
/// times a second: the text is made only then); ``clear()`` takes it away before the command prints.
final class StatusLine {
    private let enabled: Bool
    private var drawn = false
    private var lastDraw = Date.distantPast

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func draw(_ text: () -> String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        Console.errorText("\r\u{1B}[K" + text())
        drawn = true
    }

    func clear() {
        if drawn { Console.errorText("\r\u{1B}[K") }
        drawn = false
    }
}
