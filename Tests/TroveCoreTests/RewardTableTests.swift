import Testing
import TroveTestSupport

@testable import TroveCore

@Suite struct RewardTableTests {
    private let directory = TemporaryDirectory()

    @Test func readsJSONLinesWithTheKeysDatasetsUse() throws {
        let path = directory.write(
            "rewards.jsonl",
            """
            {"id": "os_1", "reward": 1}
            {"item_id": "os_2", "success": false}
            {"index": 3, "score": 0.5}

            """)
        #expect(try RewardTable.load(path: path) == ["os_1": 1, "os_2": 0, "3": 0.5])
    }

    @Test func refusesAnEntryWhoseRewardDependsOnWhichDuplicateWins() throws {
        let path = directory.write("dup.jsonl", #"{"id": "os_1", "reward": 0, "reward": 1}"# + "\n")
        #expect {
            try RewardTable.load(path: path)
        } throws: { error in
            "\(error)".contains(#"duplicate key "reward""#)
        }
    }

    @Test func readsCSVWithOrWithoutAHeader() throws {
        let bare = directory.write("bare.csv", "os_1,1\nos_2, 0.25\n\"os,3\",0\n")
        #expect(try RewardTable.load(path: bare) == ["os_1": 1, "os_2": 0.25, "os,3": 0])
        let header = directory.write("header.csv", "reward,id\n1,db_1\nfalse,db_2\n")
        #expect(try RewardTable.load(path: header) == ["db_1": 1, "db_2": 0])
    }

    /// QA: an id given twice with different rewards was taken silently (the last won), `0x1` read as 1
    /// and a third column was ignored. Two different rewards for an id are refused naming the second
    /// line; the same one twice is fine; only decimals are rewards; a row has two columns.
    @Test func refusesAmbiguousRewardsHexadecimalAndExtraColumns() throws {
        func refusal(_ name: String, _ content: String) -> String? {
            let path = directory.write(name, content)
            do {
                _ = try RewardTable.load(path: path)
                return nil
            } catch {
                return "\(error)".replacingOccurrences(of: path, with: "FILE")
            }
        }
        #expect(
            refusal("twice.csv", "r1,1\nr2,0\nr1,0\n")?.hasPrefix("FILE:3: id r1 is given reward 0 here and 1") == true)
        #expect(
            refusal("twice.jsonl", "{\"id\": \"r1\", \"reward\": 1}\n{\"id\": \"r1\", \"reward\": 0.5}\n")?.hasPrefix(
                "FILE:2: ") == true)
        #expect(refusal("same.csv", "r1,1\nr1,1.0\n") == nil)
        #expect(refusal("hex.csv", "r1,0x1\n") == "FILE:1: reward '0x1' is not a number in 0...1")
        #expect(refusal("three.csv", "r1,1,extra\n") == "FILE:1: expected id and reward columns, found 3")
        #expect(
            refusal("header.csv", "id,reward,note\nr1,1,ok\nr2,0\n")
                == "FILE:3: expected the header's 3 columns, found 2")
    }

    @Test func namesTheLineOfABadEntry() throws {
        let path = directory.write("bad.csv", "os_1,1\nos_2,7\n")
        #expect {
            try RewardTable.load(path: path)
        } throws: { error in
            (error as? RewardTableError)?.description == "\(path):2: reward '7' is not a number in 0...1"
        }
        let json = directory.write("bad.jsonl", "{\"id\": \"a\", \"reward\": 1}\n{\"id\": \"b\"}\n")
        #expect {
            try RewardTable.load(path: json)
        } throws: { error in
            (error as? RewardTableError)?.line == 2
        }
    }
}
