import Foundation
import TroveCore

@testable import TroveStore

extension Store {
    /// Exports trajectory `id` under the `accepted` policy in `format` to `path`, and returns the
    /// file's lines with the exporter's result.
    func exportAccepted(_ id: String, format: ExportFormat, withLabels: Bool, to path: String) throws -> (
        lines: [String], result: ExportResult
    ) {
        let request = ExportRequest(
            filter: try Filter.parse("id:\(id)"), policy: .accepted,
            writer: ExportRecordWriter(format: format, withLabels: withLabels))
        let output = try JSONLinesWriter(path: path)
        let result = try TrajectoryExporter(store: self).export(request, to: output)
        try output.publish()
        return (try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init), result)
    }
}
