/// libpq's `options` connection parameter read as the server reads it, for the settings trove must know
/// before connecting (the `search_path` that names a store's schema).
enum PostgresConnectionOptions {
    /// The settings `options` makes, by lowercase name (`-` read as `_`), the last one winning: from
    /// `-c name=value`, `-cname=value` and `--name=value`. Words are split at white space, which a
    /// backslash escapes (`-c search_path=a\ b`), as the server splits them; the server's other switches
    /// and their arguments (`-d 5`, `-Ec x=y`) are passed over.
    static func settings(in options: String) -> [String: String] {
        let words = words(of: options)
        var settings: [String: String] = [:]
        func set(_ assignment: Substring) {
            guard let equals = assignment.firstIndex(of: "=") else { return }
            let name = assignment[..<equals].lowercased().replacingOccurrences(of: "-", with: "_")
            settings[name] = String(assignment[assignment.index(after: equals)...])
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            if word.hasPrefix("--") {
                set(word.dropFirst(2))
                continue
            }
            var switches = word.dropFirst()
            while let flag = switches.popFirst() {
                guard switchesWithArgument.contains(flag) else { continue }
                var argument = switches
                if argument.isEmpty, index < words.count {
                    argument = Substring(words[index])
                    index += 1
                }
                if flag == "-" || flag == "c" { set(argument) }
                break
            }
        }
        return settings
    }

    /// The server's command-line switches that take an argument (`postgres --help`; `--` is `--name=value`).
    private static let switchesWithArgument: Set<Character> = [
        "B", "c", "C", "D", "d", "f", "h", "k", "N", "p", "r", "S", "t", "v", "W", "-",
    ]

    /// `options` split into words at unescaped white space, each backslash dropped and the character after
    /// it kept as written (the server's `pg_split_opts`).
    private static func words(of options: String) -> [String] {
        var words: [String] = []
        var word: String?
        var escaped = false
        for character in options {
            if escaped {
                word = (word ?? "") + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                word = word ?? ""
            } else if character.isWhitespace {
                if let finished = word { words.append(finished) }
                word = nil
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let finished = word { words.append(finished) }
        return words
    }

    /// One schema of a `search_path` value.
    enum SearchPathEntry: Hashable {
        /// A schema by name: as written when double-quoted (`""` is one `"`), else folded to lowercase.
        case schema(String)
        /// Unquoted `$user`: the schema named as the connecting role, if there is one.
        case user
    }

    /// The schemas of the `search_path` value `value`, read as PostgreSQL reads an identifier list
    /// (`SplitIdentifierString`); nil when it is not one (an empty name, an unclosed quote, text after a
    /// name that is not `,`).
    static func searchPath(_ value: String) -> [SearchPathEntry]? {
        var rest = Substring(value)
        func skipSpace() { rest = rest.drop { $0.isWhitespace } }
        var entries: [SearchPathEntry] = []
        skipSpace()
        if rest.isEmpty { return [] }
        while true {
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var name = ""
                while true {
                    guard let character = rest.popFirst() else { return nil }
                    if character == "\"" {
                        guard rest.first == "\"" else { break }
                        rest = rest.dropFirst()
                    }
                    name.append(character)
                }
                guard !name.isEmpty else { return nil }
                entries.append(.schema(truncated(name)))
            } else {
                let name = rest.prefix { $0 != "," && !$0.isWhitespace }
                guard !name.isEmpty else { return nil }
                rest = rest.dropFirst(name.count)
                entries.append(
                    name == "$user"
                        ? .user : .schema(truncated(String(name.map { $0.isASCII ? Character($0.lowercased()) : $0 }))))
            }
            skipSpace()
            guard let separator = rest.popFirst() else { return entries }
            guard separator == "," else { return nil }
            skipSpace()
        }
    }

    /// `name` cut to PostgreSQL's 63 bytes at a character boundary, as the server cuts an identifier.
    private static func truncated(_ name: String) -> String {
        var bytes = 0
        return String(
            name.prefix { character in
                bytes += character.utf8.count
                return bytes <= 63
            })
    }
}
