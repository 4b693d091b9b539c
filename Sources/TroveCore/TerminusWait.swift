import Foundation

/// How long harbor waits after sending one Terminus command's keys before it reads the terminal, as its
/// Terminus-2 agent computes it from the command's `duration` (JSON member or XML attribute).
///
/// Harbor takes a `duration` that is a number (JSON) or reads as one (XML), 1 s when it is missing or is
/// not, and waits at most 60 s (`min(duration, 60)`; a negative one waits nothing). The reply's text
/// keeps the duration as the model wrote it; the step does not hold it (its action is the keys alone), so
/// the review screen and `trove show` read it from the reply (``waits(ofReply:)``).
///
/// ```swift
/// let waits = TerminusWait.waits(ofReply: #"{"analysis": "", "plan": "", "commands": [{"keystrokes": "make\n", "duration": 120}]}"#)
/// TerminusWait.describe(waits!)  // "60 s (asked 120)"
/// ```
public struct TerminusWait: Sendable, Hashable {
    /// The duration the model wrote, read as a number; nil when there is none or it is not a number.
    public var asked: Double?

    public init(asked: Double?) {
        self.asked = asked
    }

    /// The most harbor waits after one command.
    public static let longest: Double = 60
    /// What harbor waits when a command has no duration, or one that is not a number.
    public static let unstated: Double = 1

    /// The seconds harbor waits: the duration asked, at most ``longest`` and at least 0; ``unstated``
    /// when none was asked.
    public var seconds: Double {
        guard let asked else { return Self.unstated }
        return max(0, min(asked, Self.longest))
    }

    /// The waits of the Terminus reply in `text` (JSON or XML, as ``StepParser`` reads it), one per command
    /// in order; nil when `text` is no reply harbor would run.
    public static func waits(ofReply text: String) -> [TerminusWait]? {
        text.withTurnText { turn in (TerminusResponse.json(turn) ?? TerminusResponse.xml(turn))?.waits }
    }

    /// The waits as a reader reads them: each in seconds (`0.1 s`), the default and a capped duration
    /// said (`1 s (default)`, `60 s (asked 120)`), joined by `+` with their sum after `=` when there are
    /// several; empty for none.
    public static func describe(_ waits: [TerminusWait]) -> String {
        let parts = waits.map { wait -> String in
            guard let asked = wait.asked else { return "\(seconds(wait.seconds)) s (default)" }
            return wait.seconds == asked
                ? "\(seconds(asked)) s" : "\(seconds(wait.seconds)) s (asked \(seconds(asked)))"
        }
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.joined(separator: " + ") + " = \(seconds(waits.reduce(0) { $0 + $1.seconds })) s"
    }

    /// `seconds` to the millisecond, without trailing zeros (`0.1`, `60`, `1.25`).
    private static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
