import NASCore
import Foundation

/// Reads CIFAR-10 in its binary record layout: per image one label byte, then 1024 red, 1024 green and 1024 blue
/// bytes (32×32, row-major). Reference: https://www.cs.toronto.edu/~kriz/cifar.html ("binary version").
public enum CIFAR10BinaryReader {
    /// Bytes per record: 1 label + 3 × 32 × 32 pixels.
    public static let recordSize = 3_073

    /// Reads every record of `url`, or the first `limit` when given.
    public static func read(_ url: URL, limit: Int? = nil) throws(FileError) -> LabeledImages {
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw FileError(file: url.path, problem: FileManager.default.fileExists(atPath: url.path)
                ? "cannot read the file" : "no such file")
        }
        guard !data.isEmpty, data.count % recordSize == 0 else {
            throw FileError(file: url.path, problem:
                "\(data.count) bytes is not a whole number of \(recordSize)-byte CIFAR-10 records")
        }
        let count = min(data.count / recordSize, limit ?? .max)
        var labels = [Int32](repeating: 0, count: count)
        var pixels = [UInt8](repeating: 0, count: count * 3_072)
        let badLabel: Int? = data.withUnsafeBytes { raw in
            pixels.withUnsafeMutableBytes { target in
                for index in 0..<count {
                    let record = index * recordSize
                    guard raw[record] < 10 else { return index }
                    labels[index] = Int32(raw[record])
                    target.baseAddress!.advanced(by: index * 3_072)
                        .copyMemory(from: raw.baseAddress!.advanced(by: record + 1), byteCount: 3_072)
                }
                return nil
            }
        }
        if let badLabel {
            throw FileError(file: url.path, problem: "record \(badLabel) has label \(data[badLabel * recordSize]), not 0...9")
        }
        return LabeledImages(pixels: pixels, labels: labels, channels: 3, height: 32, width: 32, classCount: 10)
    }
}
