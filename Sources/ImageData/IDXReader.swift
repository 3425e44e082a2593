import NASCore
import CZlib
import Foundation

/// Reads MNIST-style IDX files (plain or gzip-compressed), e.g. Fashion-MNIST from Debian's
/// `dataset-fashion-mnist` package (/usr/share/datasets/fashion-mnist). Reference: LeCun et al., "THE MNIST
/// DATABASE of handwritten digits", file-format section.
public enum IDXReader {
    /// Where Debian's `dataset-fashion-mnist` package installs the files.
    public static let debianFashionMNIST = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")

    /// Reads an IDX image file and its label file into one set of 1-channel images.
    public static func read(images: URL, labels: URL, classCount: Int = 10) throws(FileError) -> LabeledImages {
        let imageData = try contents(of: images)
        let labelData = try contents(of: labels)
        guard imageData.count >= 16, bigEndian(imageData, at: 0) == 0x0000_0803 else {
            throw FileError(file: images.path, problem: "not an IDX image file (magic number 0x00000803 expected)")
        }
        guard labelData.count >= 8, bigEndian(labelData, at: 0) == 0x0000_0801 else {
            throw FileError(file: labels.path, problem: "not an IDX label file (magic number 0x00000801 expected)")
        }
        let count = Int(bigEndian(imageData, at: 4)), height = Int(bigEndian(imageData, at: 8))
        let width = Int(bigEndian(imageData, at: 12))
        guard imageData.count == 16 + count * height * width else {
            throw FileError(file: images.path, problem: "holds \(imageData.count - 16) pixel bytes, its header promises \(count * height * width)")
        }
        guard Int(bigEndian(labelData, at: 4)) == count, labelData.count == 8 + count else {
            throw FileError(file: labels.path, problem: "does not hold one label for each of the \(count) images")
        }
        let labelValues = labelData.dropFirst(8).map { Int32($0) }
        if let bad = labelValues.firstIndex(where: { $0 >= classCount }) {
            throw FileError(file: labels.path, problem: "label \(labelValues[bad]) at \(bad) is not below \(classCount)")
        }
        return LabeledImages(pixels: Array(imageData.dropFirst(16)), labels: labelValues, channels: 1, height: height,
                             width: width, classCount: classCount)
    }

    private static func bigEndian(_ data: Data, at offset: Int) -> UInt32 {
        data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The file's bytes, gunzipped when it starts with the gzip magic number.
    static func contents(of url: URL) throws(FileError) -> Data {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw FileError(file: url.path, problem: FileManager.default.fileExists(atPath: url.path)
                ? "cannot read the file" : "no such file")
        }
        guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return data }
        return try gunzip(data, file: url.path)
    }

    private static func gunzip(_ data: Data, file: String) throws(FileError) -> Data {
        var stream = z_stream()
        // 15 + 32: a zlib or gzip header, detected automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError(file: file, problem: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status = Z_OK
        var input = data
        input.withUnsafeMutableBytes { raw in
            stream.next_in = raw.bindMemory(to: Bytef.self).baseAddress
            stream.avail_in = uInt(raw.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                }
            } while status == Z_OK
        }
        guard status == Z_STREAM_END else {
            throw FileError(file: file, problem: "corrupt or truncated gzip data (zlib status \(status))")
        }
        return output
    }
}
