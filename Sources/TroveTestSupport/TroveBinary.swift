import Foundation

/// Runs the built `trove` executable, as a user would from a shell, for CLI tests.
public enum TroveBinary {
    /// What a run printed and how it exited.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `trove` executable beside the test bundle in the build folder.
    public static var url: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may sit inside an .xctest bundle; the products folder holds both.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("trove").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("trove")
    }

    /// The environment a test runs `trove` in: this process's, without `$TROVE_STORE` (each test
    /// names its store), and with a reviewer when neither `$TROVE_REVIEWER` nor `$USER` names one
    /// (CI may run without `$USER`, and labeling commands refuse to guess who is labeling).
    public static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TROVE_STORE")
        if (environment["TROVE_REVIEWER"] ?? "").isEmpty, (environment["USER"] ?? "").isEmpty {
            environment["TROVE_REVIEWER"] = "tester"
        }
        return environment
    }

    /// Starts `trove import - --store STORE --batch-size 1 --quiet` reading a pipe the caller writes to
    /// (and closes to end the import), its output discarded: an import that stays running between the
    /// records the caller gives it.
    public static func startImportFromPipe(store: String) throws -> (process: Process, input: Pipe) {
        let importer = Process()
        importer.executableURL = url
        importer.arguments = ["import", "-", "--store", store, "--batch-size", "1", "--quiet"]
        importer.environment = childEnvironment
        let input = Pipe()
        importer.standardInput = input
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        return (importer, input)
    }

    /// Runs `trove` with `arguments`, feeding `stdin`, in `directory`; with a `launcher` (a program and
    /// its arguments, such as `setpriv` and the user to run as), through it.
    public static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], in directory: String? = nil,
        launcher: [String] = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? url
        process.arguments = launcher.isEmpty ? arguments : launcher.dropFirst() + [url.path] + arguments
        var env = childEnvironment
        env["COLUMNS"] = "100"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full stderr pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
