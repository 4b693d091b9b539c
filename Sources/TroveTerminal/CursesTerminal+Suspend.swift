import CNCurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Runs `body` (a pager, an editor: a program that owns the terminal meanwhile) with curses mode left
    /// and `signals` ignored, then puts back the signals' handlers and redraws the screen as it was.
    ///
    /// Ctrl-C and Ctrl-\ reach the whole foreground process group: while another program has the
    /// terminal they are its keys, and must not end the review.
    func suspended<Result>(ignoring signals: [Int32], _ body: () throws -> Result) rethrows -> Result {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            if let window {
                redrawwin(window)
                wrefresh(window)
            }
        }
        let handlers = signals.map { ($0, signal($0, SIG_IGN)) }
        defer { for (number, handler) in handlers { signal(number, handler) } }
        return try body()
    }
}
