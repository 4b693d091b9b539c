import Foundation
import GRDB

extension DatabaseCollation {
    /// `trove_natural`: runs of digits compare as numbers (`db_2` before `db_10`), the rest by Unicode
    /// scalar; texts that compare equal so (`db_02`, `db_2`) fall back to their bytes, so the order is
    /// total, as a keyset page needs. Registered on every connection of a store.
    static let troveNatural = DatabaseCollation("trove_natural") { left, right in
        let order = naturalOrder(Array(left.unicodeScalars), Array(right.unicodeScalars))
        if order != .orderedSame { return order }
        return left == right
            ? .orderedSame
            : (Array(left.utf8).lexicographicallyPrecedes(right.utf8) ? .orderedAscending : .orderedDescending)
    }

    private static func naturalOrder(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> ComparisonResult {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                let (aStart, bStart) = (i, j)
                while i < a.count, isDigit(a[i]) { i += 1 }
                while j < b.count, isDigit(b[j]) { j += 1 }
                let aDigits = a[aStart..<i].drop { $0 == "0" }
                let bDigits = b[bStart..<j].drop { $0 == "0" }
                if aDigits.count != bDigits.count {
                    return aDigits.count < bDigits.count ? .orderedAscending : .orderedDescending
                }
                for (x, y) in zip(aDigits, bDigits) where x != y {
                    return x.value < y.value ? .orderedAscending : .orderedDescending
                }
            } else {
                if a[i] != b[j] { return a[i].value < b[j].value ? .orderedAscending : .orderedDescending }
                i += 1
                j += 1
            }
        }
        let aLeft = a.count - i
        let bLeft = b.count - j
        return aLeft == bLeft ? .orderedSame : (aLeft < bLeft ? .orderedAscending : .orderedDescending)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
