import Foundation

/// `trove review` driven in a 120×40 pseudo-terminal: time from spawn to the first full list screen, and
/// from a key press to the frame it causes.
struct ReviewBenchmark {
    let workspace: Workspace
    static let columns = 120
    static let rows = 40
    /// A frame has ended once the program has written nothing for this long.
    static let quiet = Duration.milliseconds(25)

    /// The key-to-frame times of one action, in seconds.
    struct Latencies {
        var action: String
        var samples: [Double]
    }

    /// The median time to the first screen over `launches` launches, and the largest peak RSS.
    func firstScreen(store: String, launches: Int) throws -> (seconds: Double, peakRSS: Int) {
        var times: [Double] = []
        var peakRSS = 0
        for _ in 0..<launches {
            let session = try launch(store: store, reviewer: "bench-open")
            guard let drawn = session.wait(until: Self.showsList, timeout: .seconds(60)) else {
                throw BenchError.failed("trove review did not draw its list within 60 s:\n\(session.screen.text)")
            }
            times.append((drawn - session.startedAt).seconds)
            peakRSS = max(peakRSS, try quit(session))
        }
        return (Percentile.median(times), peakRSS)
    }

    /// Key-to-frame times for moving, paging, opening a trajectory, searching and filtering, in one
    /// session, and the session's peak RSS.
    func browse(store: String, presses: BenchPlan.Presses) throws -> (
        latencies: [Latencies], peakRSS: Int
    ) {
        let session = try launch(
            store: store, reviewer: "bench-browse-\(getpid())-\(Int(Date().timeIntervalSince1970))")
        guard session.wait(until: Self.showsList, timeout: .seconds(60)) != nil else {
            throw BenchError.failed("trove review did not draw its list within 60 s:\n\(session.screen.text)")
        }
        session.drain(quiet: Self.quiet)
        let searches = ["shampoo", "directories", "provided", "permission", "kmountain"]
        let filters = ["task:db", "task:os steps>3", "flag:no-answer", "task:kg or task:webshop", "status:pending", ""]
        var latencies = [
            Latencies(action: "move (j)", samples: try (0..<presses.move).map { _ in try press(session, "j") }),
            Latencies(
                action: "page (PgDn)", samples: try (0..<presses.page).map { _ in try press(session, "\u{1b}[6~") }),
        ]
        latencies.append(
            Latencies(
                action: "open a trajectory (Enter)",
                samples: try (0..<presses.open).map { _ in
                    let time = try press(session, "\r")
                    session.send(Array("q".utf8))
                    session.drain(quiet: Self.quiet)
                    return time
                }))
        latencies.append(
            Latencies(
                action: "search (/ word Enter)",
                samples: try submissions(session, prompt: "/", texts: searches, count: presses.search)))
        latencies.append(
            Latencies(
                action: "filter (f expression Enter)",
                samples: try submissions(session, prompt: "f", texts: filters, count: presses.filter)))
        return (latencies, try quit(session))
    }

    /// Key-to-frame times in one long trajectory: opening it from the list, jumping to the next step,
    /// scrolling, searching in it and going to the next hit; and the session's peak RSS.
    func longTrajectory(store: String, presses: Int) throws -> (latencies: [Latencies], peakRSS: Int) {
        let session = try launch(store: store, reviewer: "bench-long-\(getpid())-\(Int(Date().timeIntervalSince1970))")
        guard session.wait(until: Self.showsList, timeout: .seconds(60)) != nil else {
            throw BenchError.failed("trove review did not draw its list within 60 s:\n\(session.screen.text)")
        }
        session.drain(quiet: Self.quiet)
        var latencies = [Latencies(action: "open (Enter)", samples: [try press(session, "\r")])]
        latencies.append(
            Latencies(action: "next step (])", samples: try (0..<presses).map { _ in try press(session, "]") }))
        latencies.append(
            Latencies(action: "scroll (j)", samples: try (0..<presses).map { _ in try press(session, "j") }))
        latencies.append(
            Latencies(
                action: "search in it (/ word Enter)",
                samples: try submissions(
                    session, prompt: "/", texts: ["kmountain-", "directory 7", "file-99"], count: 3)))
        latencies.append(
            Latencies(action: "next hit (n)", samples: try (0..<presses).map { _ in try press(session, "n") }))
        session.send(Array("q".utf8))
        session.drain(quiet: Self.quiet)
        return (latencies, try quit(session))
    }

    /// One record of any size: the key-to-frame time of opening it from the list and of reading the next
    /// page of its long turn, how much the peak RSS grew past the list's, and the session's peak RSS.
    func hugeRecord(store: String) throws -> (open: Double, nextPage: Double, growth: Int, peakRSS: Int) {
        let session = try launch(store: store, reviewer: "bench-huge-\(getpid())-\(Int(Date().timeIntervalSince1970))")
        guard session.wait(until: Self.showsList, timeout: .seconds(60)) != nil else {
            throw BenchError.failed("trove review did not draw its list within 60 s:\n\(session.screen.text)")
        }
        session.drain(quiet: Self.quiet)
        let listed = session.peakRSSSoFar
        let open = try press(session, "\r")
        let nextPage = try press(session, ">")
        session.send(Array("q".utf8))
        session.drain(quiet: Self.quiet)
        let peakRSS = try quit(session)
        return (open, nextPage, max(0, peakRSS - listed), peakRSS)
    }

    /// Key-to-frame times of `count` prompts: each opens the prompt with `prompt`, clears it, types the next
    /// of `texts` (untimed), and times the Enter that submits it.
    private func submissions(_ session: PseudoTerminal, prompt: String, texts: [String], count: Int) throws
        -> [Double]
    {
        let clearLine: [UInt8] = [0x15]
        return try (0..<count).map { index in
            session.send(Array(prompt.utf8) + clearLine + Array(texts[index % texts.count].utf8))
            session.drain(quiet: Self.quiet)
            return try press(session, "\r")
        }
    }

    /// Whether the list screen is fully drawn: its status bar and the key hints on the last row.
    static func showsList(_ screen: TerminalScreen) -> Bool {
        screen.line(rows - 1).contains("help") && screen.line(rows - 2).contains("pending")
    }

    private func launch(store: String, reviewer: String) throws -> PseudoTerminal {
        try PseudoTerminal(
            [workspace.toolbox.trove, "review", "--store", store, "--reviewer", reviewer], columns: Self.columns,
            rows: Self.rows)
    }

    /// Quits from the list and returns the session's peak RSS; trove must exit cleanly.
    private func quit(_ session: PseudoTerminal) throws -> Int {
        let (status, peakRSS) = session.finish(quitting: Array("q".utf8))
        guard status == 0 else { throw BenchError.failed("trove review exited with \(status) after q") }
        return peakRSS
    }

    /// Sends `keys` and returns the seconds until the last byte of the frame they cause.
    private func press(_ session: PseudoTerminal, _ keys: String) throws -> Double {
        let sent = session.send(Array(keys.utf8))
        guard let drawn = session.settle(quiet: Self.quiet, timeout: .seconds(30)) else {
            throw BenchError.failed(
                "trove review drew nothing within 30 s of \(keys.debugDescription):\n\(session.screen.text)")
        }
        return (drawn - sent).seconds
    }
}
