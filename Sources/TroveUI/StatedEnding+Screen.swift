import TroveCore

extension StatedEnding {
    /// The error's first line, with a pointer to the rest (`M` shows the metadata) when it has more.
    var errorLine: String? {
        guard let error else { return nil }
        let lines = error.split(whereSeparator: \.isNewline)
        guard let first = lines.first else { return nil }
        return lines.count > 1 ? "\(first) … (M shows it all)" : String(first)
    }
}
