/// A measured number with its unit, and which way is better.
enum Quantity {
    /// Megabytes (10^6 bytes) per second of input.
    case throughput(megabytesPerSecond: Double)
    /// A time in milliseconds.
    case milliseconds(Double)
    /// Memory in megabytes (10^6 bytes).
    case megabytes(Double)

    /// `bytes` of input handled in `seconds`.
    static func rate(bytes: Int, seconds: Double) -> Quantity {
        .throughput(megabytesPerSecond: Double(bytes) / 1e6 / max(seconds, 1e-9))
    }

    /// Memory given in bytes.
    static func memory(_ bytes: Int) -> Quantity {
        .megabytes(Double(bytes) / 1e6)
    }

    /// A time given in seconds.
    static func time(_ seconds: Double) -> Quantity {
        .milliseconds(seconds * 1000)
    }

    var value: Double {
        switch self {
        case .throughput(let rate): rate
        case .milliseconds(let time): time
        case .megabytes(let size): size
        }
    }

    var text: String {
        switch self {
        case .throughput(let rate): "\(Format.number(rate)) MB/s"
        case .milliseconds(let time): time >= 10_000 ? "\(Format.number(time / 1000)) s" : "\(Format.number(time)) ms"
        case .megabytes(let size): "\(Format.number(size)) MB"
        }
    }

    /// How many times better this is than `peer`: faster throughput, shorter time, less memory.
    func advantage(over peer: Quantity) -> Double {
        switch (self, peer) {
        case (.throughput, .throughput): value / max(peer.value, 1e-9)
        default: peer.value / max(value, 1e-9)
        }
    }
}
