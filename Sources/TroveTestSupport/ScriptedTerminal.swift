import Foundation
import TroveUI

/// A ``Terminal`` for tests: replays a fixed list of events and records every presented canvas
/// (Textual's `pilot.press`, gitui's `TestBackend`).
///
/// A ``TerminalEvent/resize(_:)`` event also changes ``size``. A pause (nil in a script) is a wait in which
/// no key comes: ``nextEvent(timeout:)`` sleeps its timeout (at most ``longestPause`` seconds, so long
/// idle timeouts do not slow tests) and returns nil, so work the runtime does between keys (background
/// counts) can finish. When the script runs out, ``nextEvent(timeout:)`` throws
/// ``ScriptEnded``, so a runtime that never quits cannot hang a test.
public final class ScriptedTerminal: Terminal {
    /// Thrown by ``ScriptedTerminal/nextEvent(timeout:)`` after the last event.
    public struct ScriptEnded: Error, Equatable {
        public init() {}
    }

    /// The longest a pause sleeps, in seconds.
    public static let longestPause = 0.01

    public private(set) var size: Size
    /// The events not replayed yet; nil is a pause.
    public private(set) var pending: [TerminalEvent?]
    /// Every canvas passed to ``present(_:)``, oldest first.
    public private(set) var frames: [Canvas] = []
    public private(set) var isStarted = false
    /// How many times ``stop()`` ran while started.
    public private(set) var stopCount = 0

    public init(size: Size, events: [TerminalEvent?]) {
        self.size = size
        self.pending = events
    }

    /// A script of plain character keys, one per character (`" "` is Space).
    public convenience init(size: Size, keys: String) {
        self.init(size: size, events: keys.map { .key(.char($0)) })
    }

    /// The last presented canvas.
    public var lastFrame: Canvas? { frames.last }

    public func start() throws {
        isStarted = true
    }

    public func stop() {
        guard isStarted else { return }
        isStarted = false
        stopCount += 1
    }

    public func nextEvent(timeout: Duration) throws -> TerminalEvent? {
        guard !pending.isEmpty else { throw ScriptEnded() }
        guard let event = pending.removeFirst() else {
            Thread.sleep(forTimeInterval: min(Self.longestPause, timeout / .seconds(1)))
            return nil
        }
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func present(_ canvas: Canvas) {
        frames.append(canvas)
    }

    /// Every text passed to ``page(_:)``, oldest first.
    public private(set) var paged: [String] = []

    public func page(_ text: String) {
        paged.append(text)
    }

    /// What ``edit(_:)`` makes of a text, as the user's editor would; unchanged by default.
    public var editor: (String) -> String = { $0 }
    /// Every text passed to ``edit(_:)``, oldest first.
    public private(set) var edited: [String] = []

    public func edit(_ text: String) -> String {
        edited.append(text)
        return editor(text)
    }
}
