import Foundation

/// Where the programs under test are: the `trove` built beside this benchmark, the peer scripts in the
/// checkout's `bench/` folder, and the peers on `PATH`.
struct Toolbox {
    /// The `trove` executable in the same build folder as `trove-bench`.
    let trove: String
    /// The checkout's `bench/` folder.
    let scripts: URL

    /// Finds `trove` beside this executable and `bench/` in a folder above it or the current one.
    static func locate() throws -> Toolbox {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let trove = executable.deletingLastPathComponent().appendingPathComponent("trove").path
        guard FileManager.default.isExecutableFile(atPath: trove) else {
            throw BenchError.failed("no trove beside \(executable.path): build it first (swift build -c release)")
        }
        var folder = executable.deletingLastPathComponent()
        let candidates =
            (0..<6).map { _ in
                folder = folder.deletingLastPathComponent()
                return folder
            } + [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        guard
            let root = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("bench/python_import.py").path)
            })
        else {
            throw BenchError.failed(
                "cannot find bench/python_import.py above \(executable.path); run from the checkout")
        }
        return Toolbox(trove: trove, scripts: root.appendingPathComponent("bench"))
    }

    /// The path of a script in `bench/`.
    func script(_ name: String) -> String {
        scripts.appendingPathComponent(name).path
    }

    /// Whether Python can import `module`.
    func pythonHas(_ module: String) -> Bool {
        Spawn.isInstalled("python3") && (try? ChildProcess.run(["python3", "-c", "import \(module)"])) != nil
    }
}
