/// Loa's release version, written into every manifest.
public enum LoaVersion {
    public static let current = "0.1.0"
}
