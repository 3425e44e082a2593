/// The version of NASBench, stored with every ingested file and every result.
public enum NASBenchVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
