/// How a dialect's turns read better on screen than as sent: webshop's `[SEP]`-joined page as lines, and
/// mind2web's chosen option letter as the option it names.
public enum DialectText {
    /// A webshop page with each `[SEP]`-separated part on a line of its own.
    ///
    /// ```swift
    /// DialectText.webShopLines("Back to Search [SEP] Page 1 [SEP] B09 [SEP] Red mug")
    /// // "Back to Search\nPage 1\nB09\nRed mug"
    /// ```
    public static func webShopLines(_ text: String) -> String {
        var parts: [Substring] = []
        var rest = Substring(text)
        while let separator = rest.firstRange(of: "[SEP]") {
            parts.append(rest[..<separator.lowerBound])
            rest = rest[separator.upperBound...]
        }
        parts.append(rest)
        return parts.map { part in
            let text = part.drop { $0 == " " }
            let end = text.lastIndex { $0 != " " }.map { text.index(after: $0) } ?? text.startIndex
            return String(text[..<end])
        }.joined(separator: "\n")
    }

    /// The text of the option `letter` (`B`) among a mind2web prompt's choices (`B. <input id=0 search />`),
    /// or nil when the prompt lists no such option.
    public static func mind2WebOption(_ letter: String, in prompt: String) -> String? {
        let marker = letter + "."
        for line in prompt.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix(marker) {
            let text = line.dropFirst(marker.count).drop { $0 == " " }
            return text.isEmpty ? nil : String(text)
        }
        return nil
    }
}
