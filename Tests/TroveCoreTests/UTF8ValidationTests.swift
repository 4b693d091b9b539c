import Testing

@testable import TroveCore

/// ``UTF8Validation`` must accept exactly what the standard library accepts: a String built from bytes it
/// wrongly calls valid would break the String's invariants.
@Suite struct UTF8ValidationTests {
    static func classify(_ bytes: [UInt8]) -> UTF8Validation {
        bytes.withUnsafeBufferPointer {
            UTF8Validation.classify($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
        }
    }

    static func expectAgreesWithTheStandardLibrary(_ bytes: [UInt8]) {
        let expected: UTF8Validation =
            String(validating: bytes, as: UTF8.self) == nil
            ? .invalid : bytes.allSatisfy { $0 < 0x80 } ? .ascii : .valid
        #expect(classify(bytes) == expected, "\(bytes)")
    }

    @Test func agreesOnEverySequenceOfUpToTwoBytes() {
        for first in UInt8.min...UInt8.max {
            Self.expectAgreesWithTheStandardLibrary([first])
            for second in UInt8.min...UInt8.max { Self.expectAgreesWithTheStandardLibrary([first, second]) }
        }
    }

    @Test func agreesOnThreeAndFourByteSequencesAroundEveryBoundary() {
        // Every lead and second byte; after those, only whether a byte is a continuation byte matters.
        let edges: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xF0]
        for lead in UInt8(0xC0)...UInt8.max {
            for second in UInt8.min...UInt8.max {
                for third in edges {
                    Self.expectAgreesWithTheStandardLibrary([lead, second, third])
                    for fourth in edges { Self.expectAgreesWithTheStandardLibrary([lead, second, third, fourth]) }
                }
            }
        }
    }

    @Test func findsTheFirstNonASCIIByteOfEveryWordPosition() {
        for length in 0...40 {
            for position in 0..<max(length, 1) {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                #expect(Self.classify(bytes) == .ascii)
                guard position < length else { continue }
                bytes[position] = 0xFF
                #expect(Self.classify(bytes) == .invalid, "0xFF at \(position) of \(length)")
                bytes[position] = 0xC3
                Self.expectAgreesWithTheStandardLibrary(bytes)
                if position + 1 < length {
                    bytes[position + 1] = 0xA9
                    #expect(Self.classify(bytes) == .valid, "é at \(position) of \(length)")
                }
            }
        }
    }

    @Test func makesTheSameStringsAsStringDecoding() {
        let samples: [[UInt8]] = [
            [], Array("plain ascii text that is longer than sixteen bytes".utf8), Array("é中😀 mixed".utf8),
            [0x61, 0xFF, 0x62], [0xE2, 0x82], Array("tail".utf8) + [0xF0, 0x9F, 0x98],
        ]
        for bytes in samples {
            let isASCII = bytes.allSatisfy { $0 < 0x80 }
            let made = bytes.withUnsafeBufferPointer {
                UTF8Validation.makeString(
                    $0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count, isASCII: isASCII)
            }
            let expected = String(decoding: bytes, as: UTF8.self)
            #expect(made == expected)
            #expect(Array(made.utf8) == Array(expected.utf8))
            #expect(made.count == expected.count)
        }
    }
}
