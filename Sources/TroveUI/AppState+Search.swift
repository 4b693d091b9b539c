import TroveCore

// Search hits in the open trajectory and across the list.

extension AppState {
    /// Display lines of the open trajectory that contain `text`, ignoring case.
    mutating func hitLines(_ text: String) -> [Int] {
        layOut()
        let needle = text.lowercased()
        let lines = documentLines
        return lines.indices.filter { lines[$0].text.lowercased().contains(needle) }
    }

    mutating func findHit(forward: Bool) -> [Effect] {
        guard let search else {
            message = UserMessage("no search yet: press / to search")
            return []
        }
        if screen == .trajectory, let scroll = document?.scroll {
            let hits = hitLines(search)
            if let line = forward ? hits.first(where: { $0 > scroll }) : hits.last(where: { $0 < scroll }) {
                document?.scroll = line
                return []
            }
            openAfterLoad = true
        }
        guard screen == .list || screen == .trajectory else { return [] }
        return [.loadWindow(windowRequest(.hit(search: search, from: currentID, forward: forward)))]
    }
}
