import CNCurses
import Foundation
import TroveUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real ``TroveUI/Terminal``: ncursesw in raw mode, blitting ``TroveUI/Canvas`` cells with `setcchar` +
/// `mvwadd_wch` and letting curses diff (`wnoutrefresh` / `doupdate`).
///
/// ```swift
/// let terminal = CursesTerminal()
/// try terminal.start()
/// defer { terminal.stop() }
/// ```
///
/// The terminal is restored by ``stop()`` (idempotent, also run on deinit), and on interrupts and fatal
/// signals (``restoringSignals``) by a handler that calls `endwin` before the signal's default action.
/// Esc is reported after 25 ms (`set_escdelay`), not curses' default second. Use one instance at a time:
/// curses has one current screen.
public final class CursesTerminal: Terminal {
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private let terminalType: String?
    private let requestedTheme: Theme?
    let environment: [String: String]

    private var screen: OpaquePointer?
    private(set) var window: UnsafeMutablePointer<WINDOW>?
    private var looks: [Role: Look] = [:]
    private var handlesSignals = false

    /// The theme in use after ``start()``.
    public private(set) var theme: Theme = .monochrome

    /// A terminal on the given streams (default: the process's stdin and stdout).
    ///
    /// - parameter terminalType: the terminfo name; `nil` reads `TERM`.
    /// - parameter theme: the theme; `nil` picks ``Theme/automatic(environment:terminalHasColors:)``.
    public init(
        input: UnsafeMutablePointer<FILE> = trove_stdin(),
        output: UnsafeMutablePointer<FILE> = trove_stdout(),
        terminalType: String? = nil,
        theme: Theme? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.input = input
        self.output = output
        self.terminalType = terminalType
        self.requestedTheme = theme
        self.environment = environment
    }

    deinit {
        stop()
    }

    // MARK: - Terminal

    public func start() throws {
        guard screen == nil else { return }
        TextWidth.prepareLocale()
        // Before `newterm`, which installs curses' own SIGINT and SIGTERM handlers (they `exit(1)`): the
        // actions put back on a signal are the process's own, so `kill -TERM` ends the review by the signal.
        recordActionsBeforeStart()
        let newScreen: OpaquePointer? =
            if let terminalType { terminalType.withCString { newterm($0, output, input) } } else {
                newterm(nil, output, input)
            }
        guard let newScreen else {
            throw TerminalError.cannotInitialize(terminalType: terminalType ?? environment["TERM"] ?? "")
        }
        screen = newScreen
        set_term(newScreen)
        window = trove_stdscr()
        raw()
        noecho()
        keypad(window, true)
        curs_set(0)
        _ = trove_set_escdelay(25)
        mouseinterval(0)
        mousemask(trove_wheel_up_mask() | trove_wheel_down_mask(), nil)
        theme = requestedTheme ?? Theme.automatic(environment: environment, terminalHasColors: has_colors())
        looks = makeLooks(for: theme)
        installSignalHandlers()
    }

    public func stop() {
        guard let screen else { return }
        if handlesSignals {
            for number in Self.restoringSignals { restoreAction(of: number) }
            handlesSignals = false
        }
        set_term(screen)
        endwin()
        delscreen(screen)
        self.screen = nil
        window = nil
    }

    public var size: Size {
        guard let window else { return .zero }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func nextEvent(timeout: Duration) throws -> TerminalEvent? {
        guard let window else { return nil }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        wtimeout(window, Int32(clamping: milliseconds))
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case OK:
            if code == 27, discardUnknownSequence(window) { return nil }
            return KeyDecoder.key(forCharacter: UInt32(code)).map(TerminalEvent.key)
        case KEY_CODE_YES:
            return functionKeyEvent(Int32(code))
        default:
            return nil
        }
    }

    public func present(_ canvas: Canvas) {
        guard let window else { return }
        let screenSize = size
        if canvas.size != screenSize { werase(window) }
        let width = min(canvas.size.width, screenSize.width)
        let height = min(canvas.size.height, screenSize.height)
        var character = cchar_t()
        for y in 0..<height {
            for x in 0..<width {
                let cell = canvas.cells[y * canvas.size.width + x]
                if cell.isContinuation { continue }
                // A wide glyph cut by a screen narrower than the canvas would wrap: show a space instead.
                let isCut =
                    x + 1 == width && x + 1 < canvas.size.width
                    && canvas.cells[y * canvas.size.width + x + 1].isContinuation
                let look = looks[cell.role] ?? Look(attributes: trove_a_normal(), pair: 0)
                var scalars = (isCut ? " " : cell.text).unicodeScalars.prefix(Sanitizer.maxScalarsPerCell)
                    .map { wchar_t(bitPattern: $0.value) }
                scalars.append(0)
                setcchar(&character, scalars, look.attributes, look.pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &character)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    // MARK: - Private

    /// Called after an ESC. When more input is already waiting, the ESC began a sequence curses did not
    /// recognize (a key the terminal description lacks, such as Home as `ESC [ 1 ~` under a mismatched
    /// `TERM`, or an Alt chord): its rest is read and dropped, so its bytes never act as keys (`ESC [ 1 ~`
    /// would otherwise be Esc, `[`, `1` (reward 1), `~`). Returns false for a lone ESC (the Escape key).
    private func discardUnknownSequence(_ window: UnsafeMutablePointer<WINDOW>) -> Bool {
        var code: wint_t = 0
        wtimeout(window, 0)
        switch wget_wch(window, &code) {
        case OK: break
        case KEY_CODE_YES:
            // A key curses decoded (or a resize) right after a lone ESC: keep it for the next read.
            ungetch(Int32(code))
            return false
        default: return false
        }
        // CSI (`ESC [`): parameters and intermediates, then a final byte 0x40...0x7E. SS3 (`ESC O`): one
        // more byte. Anything else was an Alt chord, now read whole.
        let introducer = UInt32(code)
        guard introducer == 0x5B || introducer == 0x4F else { return true }
        wtimeout(window, 5)
        for _ in 0..<32 {
            guard wget_wch(window, &code) == OK else { break }
            if introducer == 0x4F || (0x40...0x7E).contains(UInt32(code)) { break }
        }
        return true
    }

    private func functionKeyEvent(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_RESIZE:
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & trove_wheel_up_mask() != 0 { return .key(.wheelUp) }
            if event.bstate & trove_wheel_down_mask() != 0 { return .key(.wheelDown) }
            return nil
        default:
            return KeyDecoder.key(forKeyCode: code).map(TerminalEvent.key)
        }
    }

    /// The signals on which the terminal is restored before the default action: interrupts and hang-ups,
    /// and the fatal ones (a Swift runtime trap is SIGILL or SIGTRAP, a failed allocation SIGABRT), so a
    /// crash never leaves the shell in the alternate screen.
    static let restoringSignals: [Int32] = [
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE,
    ]

    private func recordActionsBeforeStart() {
        for number in Self.restoringSignals { sigaction(number, nil, &actionsBeforeStart[Int(number)]) }
    }

    private func installSignalHandlers() {
        // A signal the process was started ignoring (SIGINT for a job a shell put in the background,
        // SIGHUP under nohup) stays ignored: catching it would end the review that was meant to go on.
        for number in Self.restoringSignals where !wasIgnored(number) {
            // The handler cannot capture: it restores through curses' own global state, then puts the
            // signal's earlier action back (the default, or the Swift runtime's backtracer) and raises it.
            _ = signal(number) { received in
                endwin()
                restoreAction(of: received)
                raise(received)
            }
        }
        handlesSignals = true
    }
}

/// The actions the restoring signals had before ``CursesTerminal/start()`` called `newterm`, by signal
/// number (each is below 32). Global because a signal handler cannot capture; written only by `start`,
/// before any handler that reads it is installed.
nonisolated(unsafe) private var actionsBeforeStart: [sigaction] = Array(repeating: sigaction(), count: 32)

/// Whether signal `number` was ignored before the terminal started.
private func wasIgnored(_ number: Int32) -> Bool {
    unsafeBitCast(actionsBeforeStart[Int(number)].__sigaction_handler.sa_handler, to: Int.self)
        == unsafeBitCast(SIG_IGN, to: Int.self)
}

/// Puts back the action `number` had before the terminal started.
private func restoreAction(of number: Int32) {
    sigaction(number, &actionsBeforeStart[Int(number)], nil)
}
