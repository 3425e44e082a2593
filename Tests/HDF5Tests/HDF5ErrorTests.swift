import Foundation
import HDF5
import Testing

extension HDF5Tests {
    /// Bad inputs: each failure is an `HDF5Error` whose description is one line naming the file.
    @Suite("Errors for bad input")
    struct HDF5ErrorTests {
        /// Runs `body`, requires it to throw an `HDF5Error`, and checks the one-line description names `file`.
        @discardableResult
        private func error(naming file: String, _ body: () throws -> Void) throws -> HDF5Error {
            let error = try #require(throws: HDF5Error.self) { try body() }
            #expect(error.file == file)
            #expect(error.description.contains(file), "\(error.description)")
            #expect(!error.description.contains("\n"), "\(error.description)")
            return error
        }

        @Test("a missing file")
        func missingFile() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("absent.h5")
            let error = try error(naming: path) { _ = try HDF5File.open(path) }
            #expect(error == .fileNotFound(file: path))
            #expect(error.description == "HDF5 file '\(path)': no such file")
        }

        @Test("a text file renamed .h5")
        func textFile() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("notes.h5")
            try "arch,accuracy\n|none~0|,10.0\n".write(toFile: path, atomically: true, encoding: .utf8)
            let error = try error(naming: path) { _ = try HDF5File.open(path) }
            #expect(error == .notHDF5(file: path, reason: "no HDF5 signature found"))
            #expect(error.description.contains("not an HDF5 file"))
        }

        @Test("a directory named .h5")
        func directory() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("folder.h5")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            #expect(try error(naming: path) { _ = try HDF5File.open(path) } == .notHDF5(file: path, reason: "it is a directory"))
        }

        @Test("a valid file truncated to half its size", arguments: ["numeric.h5", "strings.h5", "benchmark.h5"])
        func truncatedFile(fixture: String) throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("truncated-\(fixture)")
            let data = try Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path(fixture)))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
            let error = try error(naming: path) { _ = try HDF5File.open(path) }
            guard case let .corruptFile(_, detail) = error else {
                Issue.record("expected corruptFile, got \(error)")
                return
            }
            #expect(detail.contains("truncated"), "\(detail)")
            #expect(error.description.contains("truncated or corrupt"))
        }

        @Test("a missing dataset, group and attribute name their paths")
        func missingObjects() throws {
            let path = FixtureFiles.benchmark
            let file = try HDF5File.open(path)
            let dataset = try error(naming: path) { _ = try file.dataset("datasets/cifar10/metrics/test_accuracy") }
            #expect(dataset == .missingDataset(file: path, path: "/datasets/cifar10/metrics/test_accuracy"))
            #expect(dataset.description
                == "HDF5 file '\(path)': no dataset at '/datasets/cifar10/metrics/test_accuracy'")

            let metrics = try file.group("datasets/cifar10/metrics")
            #expect(try error(naming: path) { _ = try metrics.dataset("missing") }
                == .missingDataset(file: path, path: "/datasets/cifar10/metrics/missing"))
            #expect(try error(naming: path) { _ = try file.group("datasets/imagenet16-120") }
                == .missingGroup(file: path, path: "/datasets/imagenet16-120"))

            let attribute = try error(naming: path) { _ = try metrics.dataset("valid_accuracy").attribute("unit") }
            #expect(attribute == .missingAttribute(file: path, object: "/datasets/cifar10/metrics/valid_accuracy", name: "unit"))
            #expect(attribute.description
                == "HDF5 file '\(path)': '/datasets/cifar10/metrics/valid_accuracy' has no attribute 'unit'")
            #expect(try error(naming: path) { _ = try file.stringAttribute("version") }
                == .missingAttribute(file: path, object: "/", name: "version"))
        }

        @Test("asking for a group where a dataset is, and the reverse")
        func wrongObjectKind() throws {
            let path = FixtureFiles.benchmark
            let file = try HDF5File.open(path)
            #expect(try error(naming: path) { _ = try file.group("seeds") }
                == .wrongObjectKind(file: path, path: "/seeds", expected: .group, actual: .dataset))
            #expect(try error(naming: path) { _ = try file.dataset("datasets/cifar10") }
                == .wrongObjectKind(file: path, path: "/datasets/cifar10", expected: .dataset, actual: .group))
        }

        @Test("reading numbers as strings, strings as numbers and attributes as the wrong kind")
        func wrongElementType() throws {
            let strings = FixtureFiles.strings
            let file = try HDF5File.open(strings)
            let asStrings = try error(naming: strings) { _ = try file.dataset("numbers").readStrings() }
            #expect(asStrings == .wrongElementType(file: strings, path: "/numbers", expected: "String", actual: .float(bits: 64)))
            #expect(try error(naming: strings) { _ = try file.dataset("vlen_1d").read(Double.self) }
                == .wrongElementType(file: strings, path: "/vlen_1d", expected: "Double", actual: .variableLengthString))
            #expect(try error(naming: strings) { _ = try file.dataset("fixed_1d").read(Int32.self) }
                == .wrongElementType(file: strings, path: "/fixed_1d", expected: "Int32", actual: .fixedLengthString(bytes: 8)))

            let benchmark = FixtureFiles.benchmark
            let root = try HDF5File.open(benchmark)
            let attribute = try error(naming: benchmark) { _ = try root.int64Attribute("description") }
            guard case let .wrongElementType(_, location, _, actual) = attribute else {
                Issue.record("expected wrongElementType, got \(attribute)")
                return
            }
            #expect(location == "/@description")
            #expect(actual == .variableLengthString)
            let array = try error(naming: benchmark) { _ = try root.doubleAttribute("loss_weights") }
            #expect(array == .wrongElementType(
                file: benchmark, path: "/@loss_weights", expected: "a double scalar (it is an array)",
                actual: .float(bits: 64)))
            #expect(try error(naming: benchmark) { _ = try root.int64Attribute("fixed_label") }
                == .wrongElementType(
                    file: benchmark, path: "/@fixed_label", expected: "an int64 scalar", actual: .fixedLengthString(bytes: 5)))
        }

        @Test("writing a number of values that does not match the shape")
        func shapeMismatch() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("shape.h5")
            let file = try HDF5File.create(path)
            let create = try error(naming: path) {
                try file.createDataset("grid", values: [1.0, 2, 3, 4, 5], shape: [2, 3])
            }
            #expect(create == .shapeMismatch(file: path, path: "/grid", shape: [2, 3], valueCount: 5))
            #expect(create.description
                == "HDF5 file '\(path)': shape mismatch at '/grid': shape [2, 3] holds 6 elements but 5 values were given")
            #expect(try !file.contains("grid"))

            let dataset = try file.createDataset("grid", values: [Int64](repeating: 0, count: 6), shape: [3, 2])
            #expect(try error(naming: path) { try dataset.write([Int64(1), 2]) }
                == .shapeMismatch(file: path, path: "/grid", shape: [3, 2], valueCount: 2))
            #expect(try error(naming: path) { try file.createDataset("words", strings: ["a"], shape: [2]) }
                == .shapeMismatch(file: path, path: "/words", shape: [2], valueCount: 1))
            #expect(try error(naming: path) { try dataset.write(strings: Array(repeating: "x", count: 6)) }
                == .wrongElementType(file: path, path: "/grid", expected: "String", actual: .signedInteger(bits: 64)))
        }

        @Test("creating over existing objects, through datasets and in read-only files")
        func invalidCreation() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("create.h5")
            let file = try HDF5File.create(path)
            try file.createDataset("data", values: [1.0])
            #expect(try error(naming: path) { try file.createDataset("data", values: [2.0]) }
                == .alreadyExists(file: path, path: "/data"))
            #expect(try error(naming: path) { try file.createGroup("/data") } == .alreadyExists(file: path, path: "/data"))
            #expect(try error(naming: path) { try file.createGroup("data/inner") }
                == .wrongObjectKind(file: path, path: "/data", expected: .group, actual: .dataset))
            #expect(try error(naming: path) { try file.createDataset("scalar", values: [1.0], shape: [], options: .gzip()) }
                == .invalidArgument(file: path, path: "/scalar", reason: "a scalar dataset cannot be chunked or compressed"))
            let badChunk = try error(naming: path) {
                try file.createDataset("chunky", values: [1.0, 2], options: .gzip(chunkShape: [3]))
            }
            #expect(badChunk.description.contains("chunk shape [3]"))
            #expect(try error(naming: path) { try file.createDataset("level", values: [1.0], options: .gzip(level: 10)) }
                .description.contains("gzip level 10"))
            #expect(try error(naming: path) { _ = try file.group("..") }.description.contains("'..'"))
            #expect(try error(naming: path) { try file.setAttribute("nul", .string("a\u{0}b")) }
                .description.contains("NUL"))
            try file.close()

            let readOnly = try HDF5File.open(path)
            #expect(!readOnly.isWritable)
            #expect(try error(naming: path) { try readOnly.createGroup("new") } == .readOnlyFile(file: path))
            #expect(try error(naming: path) { try readOnly.setAttribute("a", .int64(1)) } == .readOnlyFile(file: path))
            #expect(try error(naming: path) { try readOnly.dataset("data").write([3.0]) } == .readOnlyFile(file: path))
        }

        @Test("creating a file in a folder that does not exist")
        func uncreatableFile() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("no/such/folder/out.h5")
            let error = try error(naming: path) { _ = try HDF5File.create(path) }
            guard case let .operationFailed(_, _, operation, _) = error else {
                Issue.record("expected operationFailed, got \(error)")
                return
            }
            #expect(operation == "create file")
        }
    }
}
