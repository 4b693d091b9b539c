import TroveCore

// The go-to-id prompt (`:`): completing a prefix, and going to the id it names.

extension AppState {
    /// How many ids a lookup reads: enough to name a few and count up to it.
    public static let idMatchLimit = 50

    /// Takes the ids that start with `prefix`: Tab completes to their common start (the id itself when
    /// one), Enter goes to the id typed or to the only one it starts; none or several are said in the prompt.
    mutating func found(_ ids: [String], prefix: String, submit: Bool) -> [Effect] {
        // A lookup for text since edited or a prompt since closed answers nothing anymore.
        guard let prompt, prompt.kind == .goTo, prompt.editor.text.trimmingWhitespace == prefix else { return [] }
        let target = ids.contains(prefix) ? prefix : ids.count == 1 ? ids.first : nil
        if submit, let target {
            self.prompt = nil
            return goTo(target)
        }
        guard !ids.isEmpty else {
            self.prompt?.error = "no trajectory id starts with '\(prefix)'"
            return []
        }
        if !submit {
            let completed = ids.count == 1 ? ids[0] : Self.commonPrefix(of: ids)
            self.prompt?.editor = LineEditor(completed)
            if ids.count == 1 { return [] }
        }
        let count = ids.count < Self.idMatchLimit ? "\(ids.count)" : "\(Self.idMatchLimit) or more"
        let names = ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
        self.prompt?.error = "\(count) ids start with '\(prefix)' (\(names)): type more, Tab completes"
        return []
    }

    /// Moves the list cursor to `id` (and opens it when a trajectory is open).
    mutating func goTo(_ id: String) -> [Effect] {
        goingTo = id
        openAfterLoad = screens.contains(.trajectory)
        return [.loadWindow(windowRequest(.row(id: id)))]
    }

    /// Whether `window` answers `:` by landing off the id it went to, which the filter then hides: it
    /// is said, and the window dropped, so the cursor and the open trajectory stay where they were (a
    /// key that follows must not label a trajectory the reviewer never asked for).
    mutating func refusesGoTo(_ window: RowWindow) -> Bool {
        guard let id = goingTo else { return false }
        goingTo = nil
        guard window.row(at: window.cursor)?.id != id else { return false }
        openAfterLoad = false
        message = .error("\(Format.id(id)) is not in this list: the filter hides it (f changes the filter)")
        return true
    }

    /// The longest start all of `ids` share.
    static func commonPrefix(of ids: [String]) -> String {
        guard var common = ids.first.map(Array.init) else { return "" }
        for id in ids.dropFirst() {
            let characters = Array(id)
            var length = 0
            while length < min(common.count, characters.count), common[length] == characters[length] { length += 1 }
            common = Array(common.prefix(length))
        }
        return String(common)
    }
}
