import NASCore

/// Normalises dataset names as different publishers spell them to NASBench's ids.
public enum DatasetName {
    /// `ImageNet16-120`, `imagenet16_120` → `imagenet16-120`; `CIFAR-10` → `cifar10`; `cifar10valid` →
    /// `cifar10-valid`; anything else lowercased with `_` turned into `-`.
    public static func normalized(_ name: String) -> String {
        if let dataset = ImageDataset(name: name) { return dataset.rawValue }
        let lowered = name.lowercased().replacingOccurrences(of: "_", with: "-")
        return lowered == "cifar10valid" ? "cifar10-valid" : lowered
    }
}
