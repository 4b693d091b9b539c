import Foundation
import Testing
import TroveCore

/// Output files of JSON lines, as tests read them back.
public enum JSONLines {
    /// Each line of the file at `path` as a JSON object; a line that is not one fails the test.
    public static func objects(atPath path: String) throws -> [JSONObject] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONParser.parse(Array($0.utf8)).objectValue)
        }
    }
}
