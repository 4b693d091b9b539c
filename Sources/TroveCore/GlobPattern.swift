/// SQLite's GLOB patterns as PostgreSQL regular expressions, so a `task:` or `id:` glob selects the same
/// trajectories on both backends.
enum GlobPattern {
    /// The anchored regular expression (PostgreSQL's advanced syntax) that matches what `pattern` does
    /// under SQLite's GLOB: `*` any run of characters, `?` one character, `[…]` one of a class (`[^…]`
    /// none of it, `]` first in it literal, `a-z` a range), anything else itself, case-sensitive; nil for
    /// a pattern with an unclosed `[`, which GLOB matches nothing with.
    static func regularExpression(_ pattern: String) -> String? {
        var expression = "^(?:"
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "*": expression += ".*"
            case "?": expression += "."
            case "[":
                var member = index
                var negated = false
                if member < characters.count, characters[member] == "^" {
                    negated = true
                    member += 1
                }
                var members: [Character] = []
                if member < characters.count, characters[member] == "]" {
                    members.append("]")
                    member += 1
                }
                while member < characters.count, characters[member] != "]" {
                    members.append(characters[member])
                    member += 1
                }
                guard member < characters.count else { return nil }
                expression += "[" + (negated ? "^" : "") + members.map(classMember).joined() + "]"
                index = member + 1
            default:
                expression += literal(character)
            }
        }
        return expression + ")$"
    }

    /// A character outside a class, escaped when the syntax gives it a meaning.
    private static func literal(_ character: Character) -> String {
        #"\^$.|?*+()[]{}"#.contains(character) ? "\\\(character)" : String(character)
    }

    /// A character inside a class: a backslash and `[` (which could open `[:alpha:]`) escaped, and `]`
    /// (only ever first) escaped too; `-` keeps its meaning of a range, as in GLOB.
    private static func classMember(_ character: Character) -> String {
        "\\[]^".contains(character) ? "\\\(character)" : String(character)
    }
}
