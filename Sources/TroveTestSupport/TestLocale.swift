import Foundation

/// The locale for width tests: `C.UTF-8`, whatever the machine's `LANG`, so `wcwidth` answers the same
/// everywhere. Snapshot assertions call ``prepare()`` themselves.
public enum TestLocale {
    /// Switches the process to `C.UTF-8` once; later calls do nothing.
    public static func prepare() {
        _ = prepared
    }

    private static let prepared: Bool = setlocale(LC_ALL, "C.UTF-8") != nil
}
