import Testing
import TroveTestSupport

@testable import TroveCore

/// Alpha on random label sets against the `krippendorff` package from PyPI (`pip install krippendorff`),
/// the reference implementation most annotation tools use. Skipped, saying so, when Python cannot
/// import it.
@Suite struct KrippendorffReferenceTests {
    static let referenceInstalled = Python.run("import krippendorff, numpy")?.status == 0

    /// `coders` × `units` values drawn from `scale`, about a third of them missing.
    static func labelSet(seed: UInt64, coders: Int, units: Int, scale: [Double]) -> [[Double?]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<coders).map { _ in
            (0..<units).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0
                    ? nil : scale[Int.random(in: 0..<scale.count, using: &generator)]
            }
        }
    }

    struct Shape: Sendable {
        var seed: UInt64
        var coders: Int
        var units: Int
        var scale: [Double]
    }

    static let shapes: [Shape] = [
        Shape(seed: 1, coders: 2, units: 40, scale: [0, 1]),
        Shape(seed: 2, coders: 3, units: 60, scale: [0, 1]),
        Shape(seed: 3, coders: 5, units: 25, scale: [0, 0.25, 0.5, 0.75, 1]),
        Shape(seed: 4, coders: 4, units: 200, scale: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
        Shape(seed: 5, coders: 7, units: 12, scale: [1, 2, 3, 4, 5]),
    ]

    static let script = """
        import json, sys, krippendorff, numpy
        data = numpy.array(json.loads(sys.argv[1]), dtype=float)
        for level in ("nominal", "interval"):
            print(repr(float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))))
        """

    @Test(
        .enabled(
            if: referenceInstalled,
            "skipped: the reference, Python's krippendorff package (pip install krippendorff), is not importable"),
        arguments: shapes)
    func agreesWithTheReferenceTo1eMinus9(shape: Shape) throws {
        let (seed, coders, units, scale) = (shape.seed, shape.coders, shape.units, shape.scale)
        let data = Self.labelSet(seed: seed, coders: coders, units: units, scale: scale)
        let json = JSONWriter.string(.array(data.map { .array($0.map { JSONValue.real($0) }) }))
        let result = try #require(Python.run(Self.script, [json]))
        try #require(result.status == 0)
        let reference = result.stdout.split(separator: "\n").map { Double(String($0)) }
        let columns = (0..<units).map { unit in data.compactMap { $0[unit] } }
        for (metric, expected) in zip([KrippendorffAlpha.Metric.nominal, .interval], reference) {
            let alpha = try #require(KrippendorffAlpha(units: columns, metric: metric).value)
            #expect(abs(alpha - (try #require(expected))) < 1e-9, "\(metric) alpha for seed \(seed)")
        }
    }
}
