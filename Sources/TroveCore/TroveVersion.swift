/// The version of trove, written into import runs and export manifests.
public enum TroveVersion {
    public static let current = "0.1.0"
}
