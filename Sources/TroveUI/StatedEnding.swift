import TroveCore

/// How a run ended, in its harness's words, where the formats trove reads keep them in the metadata: an
/// error message (an OpenHands output's `error`, an Inspect sample's `error.message`, tau-bench's
/// `info.error`) and an exit status (SWE-agent's and mini-swe-agent's `exit_status`, top level or in
/// `info`). ``RunOutcome`` is these normalized for filters; the screen shows the words themselves.
struct StatedEnding: Hashable {
    /// The error's message, nil when the record states none.
    var error: String?
    /// The exit status, nil when the record states none.
    var exitStatus: String?

    init(_ metadata: JSONObject) {
        let info = metadata["info"]?.objectValue
        error = Self.message(metadata["error"]) ?? Self.message(info?["error"])
        exitStatus = Self.text(metadata["exit_status"]) ?? Self.text(info?["exit_status"])
    }

    /// The error's first line, with a pointer to the rest (`M` shows the metadata) when it has more.
    var errorLine: String? {
        guard let error else { return nil }
        let lines = error.split(whereSeparator: \.isNewline)
        guard let first = lines.first else { return nil }
        return lines.count > 1 ? "\(first) … (M shows it all)" : String(first)
    }

    /// An error as a string, or an object's `message` (Inspect's `{"message", "traceback"}`).
    private static func message(_ value: JSONValue?) -> String? {
        text(value) ?? text(value?.objectValue?["message"])
    }

    /// A string that says something: not empty, not only white space.
    private static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }
}
