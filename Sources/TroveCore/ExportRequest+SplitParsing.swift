extension ExportRequest.Split {
    /// The split `--split` names: `name=fraction`, the name being letters, digits and `-` (it goes into
    /// the second file's name), the fraction a number with 0 < fraction < 1.
    ///
    /// The name is checked before the fraction, and each part that is wrong gets its own error, so a
    /// message never blames the fraction for the name (`a/b=0.1`).
    ///
    /// ```swift
    /// let split = try ExportRequest.Split(parsing: "valid=0.05", seed: 1)  // valid, 0.05
    /// ```
    /// - throws: ``ExportSplitError`` naming the part that is wrong.
    public init(parsing text: String, seed: UInt64) throws(ExportSplitError) {
        guard let equals = text.firstIndex(of: "=") else { throw .notNameAndFraction(text) }
        let name = String(text[..<equals])
        let fraction = String(text[text.index(after: equals)...])
        guard !name.isEmpty else { throw .emptyName }
        if let character = name.first(where: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw .invalidName(name, character)
        }
        guard let value = Double(fraction) else { throw .notANumber(fraction) }
        guard value > 0, value < 1 else { throw .fractionOutOfRange(fraction) }
        self.init(name: name, fraction: value, seed: seed)
    }
}
