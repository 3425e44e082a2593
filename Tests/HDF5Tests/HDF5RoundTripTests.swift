import Foundation
import HDF5
import Testing

extension HDF5Tests {
    /// Writes files with the wrapper, closes them, reopens them and checks that everything reads back unchanged.
    @Suite("Round trips through files written by the wrapper")
    struct HDF5RoundTripTests {
        /// Writes `values` with `shape` to a new file, reopens it read-only and returns what was read back.
        private func roundTrip<T: HDF5Numeric>(
            _ values: [T], shape: [Int], options: HDF5DatasetOptions = .contiguous
        ) throws -> (HDF5Array<T>, HDF5ElementType, [Int]) {
            let directory = try TemporaryDirectory()
            let path = directory.path("roundtrip.h5")
            let file = try HDF5File.create(path)
            try file.createDataset("group/values", values: values, shape: shape, options: options)
            try file.close()
            let reopened = try HDF5File.open(path)
            let dataset = try reopened.dataset("group/values")
            return (try dataset.read(T.self), try dataset.elementType, try dataset.shape)
        }

        @Test("Double in 1-D, 2-D, 3-D, scalar and empty shapes, including extreme values")
        func doubles() throws {
            let extremes: [Double] = [
                0, -0.0, 1, -1, .pi, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                .leastNormalMagnitude, .infinity, -.infinity, 1e-300, 123_456.789,
            ]
            let (oneD, type, shape) = try roundTrip(extremes, shape: [13])
            #expect(oneD.values.map(\.bitPattern) == extremes.map(\.bitPattern))
            #expect(type == .float(bits: 64))
            #expect(shape == [13])

            let nan = try roundTrip([Double.nan, 2], shape: [2]).0.values
            #expect(nan[0].isNaN && nan[1] == 2)

            let grid = (0..<24).map { Double($0) / 8 }
            #expect(try roundTrip(grid, shape: [4, 6]).0 == HDF5Array(shape: [4, 6], values: grid))
            #expect(try roundTrip(grid, shape: [2, 3, 4]).0 == HDF5Array(shape: [2, 3, 4], values: grid))
            #expect(try roundTrip(grid, shape: [1, 2, 3, 4]).0 == HDF5Array(shape: [1, 2, 3, 4], values: grid))
            #expect(try roundTrip([42.5], shape: []).0 == HDF5Array(shape: [], values: [42.5]))
            #expect(try roundTrip([Double](), shape: [0]).0 == HDF5Array(shape: [0], values: []))
            #expect(try roundTrip([Double](), shape: [3, 0]).0 == HDF5Array(shape: [3, 0], values: []))
        }

        @Test("Float keeps its 32-bit type")
        func floats() throws {
            let values: [Float] = [0, 1.5, -2.25, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -.infinity]
            let (read, type, _) = try roundTrip(values, shape: [2, 3])
            #expect(read == HDF5Array(shape: [2, 3], values: values))
            #expect(type == .float(bits: 32))
        }

        @Test("Int64 and Int keep the full 64-bit range")
        func int64s() throws {
            let values: [Int64] = [.min, -1, 0, 1, .max, 1 << 53 + 1]
            let (read, type, _) = try roundTrip(values, shape: [3, 2])
            #expect(read == HDF5Array(shape: [3, 2], values: values))
            #expect(type == .signedInteger(bits: 64))
            let ints = [Int.min, 0, Int.max]
            #expect(try roundTrip(ints, shape: [3]).0.values == ints)
        }

        @Test("Int32 keeps its 32-bit type")
        func int32s() throws {
            let values: [Int32] = [.min, -7, 0, 7, .max, 12_345, -54_321, 99]
            let (read, type, _) = try roundTrip(values, shape: [2, 2, 2])
            #expect(read == HDF5Array(shape: [2, 2, 2], values: values))
            #expect(type == .signedInteger(bits: 32))
        }

        @Test("UInt8 keeps its 8-bit type")
        func uint8s() throws {
            let values = (0...255).map { UInt8($0) }
            let (read, type, shape) = try roundTrip(values, shape: [16, 16])
            #expect(read == HDF5Array(shape: [16, 16], values: values))
            #expect(type == .unsignedInteger(bits: 8))
            #expect(shape == [16, 16])
        }

        @Test("the remaining integer widths keep their types")
        func otherIntegers() throws {
            #expect(try roundTrip([Int8.min, 0, .max], shape: [3]).1 == .signedInteger(bits: 8))
            #expect(try roundTrip([Int16.min, 0, .max], shape: [3]).0.values == [Int16.min, 0, .max])
            #expect(try roundTrip([UInt16.max, 0], shape: [2]).1 == .unsignedInteger(bits: 16))
            #expect(try roundTrip([UInt32.max, 0], shape: [2]).0.values == [UInt32.max, 0])
            #expect(try roundTrip([UInt64.max, 0], shape: [2]).0.values == [UInt64.max, 0])
        }

        @Test("variable-length UTF-8 strings in several shapes")
        func strings() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("strings.h5")
            let words = ["", "plain", "naïve", "ψ", "🙂 emoji", "tab\tand\nnewline", String(repeating: "long ", count: 200)]
            let file = try HDF5File.create(path)
            try file.createDataset("words", strings: words)
            try file.createDataset("grid", strings: ["a", "b", "c", "d", "e", "f"], shape: [3, 2])
            try file.createDataset("single", strings: ["only"], shape: [])
            try file.createDataset("none", strings: [], shape: [0])
            try file.close()

            let reopened = try HDF5File.open(path)
            #expect(try reopened.dataset("words").elementType == .variableLengthString)
            #expect(try reopened.dataset("words").readStrings() == HDF5Array(shape: [7], values: words))
            let grid = try reopened.dataset("grid").readStrings()
            #expect(grid.shape == [3, 2])
            #expect(grid[2, 1] == "f")
            #expect(try reopened.dataset("single").readStrings() == HDF5Array(shape: [], values: ["only"]))
            #expect(try reopened.dataset("none").readStrings() == HDF5Array(shape: [0], values: []))
        }

        @Test("overwriting a dataset in place, numeric and string")
        func overwrite() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("overwrite.h5")
            let file = try HDF5File.create(path)
            let numbers = try file.createDataset("numbers", values: [Int32](repeating: 0, count: 6), shape: [2, 3])
            try numbers.write([1.9, 2, 3, 4, 5, -6.5])  // Doubles converted by HDF5 into the stored int32
            let words = try file.createDataset("words", strings: ["x", "y"])
            try words.write(strings: ["first", "second"])
            try file.close()

            let reopened = try HDF5File.open(path)
            #expect(try reopened.dataset("numbers").elementType == .signedInteger(bits: 32))
            #expect(try reopened.dataset("numbers").read(Int32.self).values == [1, 2, 3, 4, 5, -6])
            #expect(try reopened.dataset("words").readStrings().values == ["first", "second"])
        }

        @Test("overwriting an h5py fixed-length string dataset keeps its fixed length")
        func overwriteFixedLength() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("fixed.h5")
            try FileManager.default.copyItem(atPath: FixtureFiles.strings, toPath: path)
            let file = try HDF5File.open(path, mode: .readWrite)
            let fixed = try file.dataset("fixed_1d")
            try fixed.write(strings: ["a", "12345678", "", "nb201"])
            #expect(try fixed.readStrings().values == ["a", "12345678", "", "nb201"])
            #expect(try fixed.elementType == .fixedLengthString(bytes: 8))
            #expect(throws: HDF5Error.self) { try fixed.write(strings: ["a", "123456789", "", ""]) }
            #expect(try fixed.readStrings().values == ["a", "12345678", "", "nb201"])
        }

        @Test("groups: nested creation, listing, require and existence checks")
        func groups() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("groups.h5")
            let file = try HDF5File.create(path)
            let metrics = try file.createGroup("datasets/cifar10/metrics")
            #expect(metrics.path == "/datasets/cifar10/metrics")
            try metrics.createDataset("accuracy", values: [0.5, 0.75])
            try file.createGroup("/datasets/cifar100")
            try file.group("datasets").createGroup("imagenet16-120/metrics")
            #expect(try file.requireGroup("datasets/cifar10").path == "/datasets/cifar10")
            #expect(try file.requireGroup("extra/deep/group").path == "/extra/deep/group")
            try file.createDataset("datasets/cifar10/seeds", values: [Int64(777)])
            try file.close()

            let reopened = try HDF5File.open(path)
            #expect(try reopened.children() == [
                HDF5Child(name: "datasets", kind: .group), HDF5Child(name: "extra", kind: .group),
            ])
            #expect(try reopened.group("datasets").children().map(\.name) == ["cifar10", "cifar100", "imagenet16-120"])
            #expect(try reopened.group("datasets/cifar10").children() == [
                HDF5Child(name: "metrics", kind: .group), HDF5Child(name: "seeds", kind: .dataset),
            ])
            #expect(try reopened.group("datasets/cifar10/metrics").dataset("accuracy").read(Double.self).values == [0.5, 0.75])
            #expect(try reopened.group("datasets/cifar10").dataset("/datasets/cifar10/seeds").path == "/datasets/cifar10/seeds")
            #expect(try reopened.contains("extra/deep/group"))
            #expect(try reopened.group("extra").objectKind(at: "./deep//group") == .group)
        }

        @Test("attributes of every kind on the root, a group and a dataset")
        func attributes() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("attributes.h5")
            let values: [String: HDF5AttributeValue] = [
                "name": .string("NAS-Bench-201 ✓"),
                "empty_string": .string(""),
                "count": .int64(-9_007_199_254_740_993),
                "rate": .double(0.1),
                "names": .strings(["train", "valid", "ünïcode"]),
                "epochs": .int64s([1, 12, 200]),
                "weights": .doubles([0.5, -0.25, 1e-10]),
                "no_numbers": .doubles([]),
            ]
            let file = try HDF5File.create(path)
            let group = try file.createGroup("group")
            let dataset = try group.createDataset("data", values: [Float(1)])
            for object in [file, group, dataset] as [HDF5Object] {
                for (name, value) in values { try object.setAttribute(name, value) }
                try object.setAttribute("rate", .double(0.25))  // replaces the earlier value
            }
            try file.close()

            let reopened = try HDF5File.open(path)
            for object in [reopened, try reopened.group("group"), try reopened.dataset("group/data")] as [HDF5Object] {
                #expect(try object.attributeNames() == values.keys.sorted())
                for (name, value) in values where name != "rate" {
                    #expect(try object.attribute(name) == value, "attribute \(name) of \(object.path)")
                }
                #expect(try object.doubleAttribute("rate") == 0.25)
                #expect(try object.stringAttribute("name") == "NAS-Bench-201 ✓")
                #expect(try object.int64Attribute("count") == -9_007_199_254_740_993)
                #expect(try object.hasAttribute("epochs"))
                #expect(try !object.hasAttribute("epoch"))
            }
        }

        @Test("removing an attribute")
        func removeAttribute() throws {
            let directory = try TemporaryDirectory()
            let file = try HDF5File.create(directory.path("remove.h5"))
            try file.setAttribute("keep", .int64(1))
            try file.setAttribute("drop", .int64(2))
            try file.removeAttribute("drop")
            #expect(try file.attributeNames() == ["keep"])
            #expect(throws: HDF5Error.missingAttribute(file: file.filePath, object: "/", name: "drop")) {
                try file.removeAttribute("drop")
            }
        }

        @Test("gzip compression with explicit and automatic chunks, with and without shuffle")
        func compression() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("compressed.h5")
            let values = (0..<20_000).map { Double($0 % 10) }
            let file = try HDF5File.create(path)
            try file.createDataset("plain", values: values, shape: [100, 200])
            try file.createDataset("gzip", values: values, shape: [100, 200], options: .gzip(level: 9, chunkShape: [25, 50]))
            try file.createDataset("auto", values: values, shape: [100, 200], options: .gzip())
            try file.createDataset("shuffled", values: values, shape: [100, 200], options: .gzip(level: 1, shuffle: true))
            try file.createDataset("chunked_only", values: values, shape: [20_000], options: HDF5DatasetOptions(chunkShape: [1000]))
            try file.createDataset("strings", strings: (0..<50).map { "arch-\($0 % 5)" }, options: .gzip(level: 5))
            try file.createDataset("empty", values: [Double](), shape: [0, 3], options: .gzip())
            try file.createDataset("empty_strings", strings: [], options: .gzip(chunkShape: [16]))
            try file.close()

            let reopened = try HDF5File.open(path)
            for name in ["plain", "gzip", "auto", "shuffled"] {
                #expect(try reopened.dataset(name).read(Double.self) == HDF5Array(shape: [100, 200], values: values))
            }
            #expect(try reopened.dataset("chunked_only").read(Double.self).values == values)
            #expect(try reopened.dataset("strings").readStrings().values == (0..<50).map { "arch-\($0 % 5)" })
            #expect(try reopened.dataset("plain").storageOptions == .contiguous)
            #expect(try reopened.dataset("gzip").storageOptions == .gzip(level: 9, chunkShape: [25, 50]))
            #expect(try reopened.dataset("auto").storageOptions == .gzip(level: 4, chunkShape: [100, 200]))
            #expect(try reopened.dataset("shuffled").storageOptions == .gzip(level: 1, chunkShape: [100, 200], shuffle: true))
            #expect(try reopened.dataset("chunked_only").storageOptions == HDF5DatasetOptions(chunkShape: [1000]))
            #expect(try reopened.dataset("strings").storageOptions.compressionLevel == 5)
            #expect(try reopened.dataset("empty").read(Double.self) == HDF5Array(shape: [0, 3], values: []))
            #expect(try reopened.dataset("empty").storageOptions == .gzip(level: 4, chunkShape: [1, 3]))
            #expect(try reopened.dataset("empty_strings").readStrings() == HDF5Array(shape: [0], values: []))
            #expect(try reopened.dataset("empty_strings").storageOptions == .gzip(chunkShape: [16]))
            try reopened.close()

            // 20,000 doubles take 160,000 bytes uncompressed; the gzip copy of this repetitive data is far smaller.
            let compressedOnly = directory.path("compressed-only.h5")
            let small = try HDF5File.create(compressedOnly)
            try small.createDataset("gzip", values: values, shape: [100, 200], options: .gzip(level: 9))
            try small.close()
            let size = try FileManager.default.attributesOfItem(atPath: compressedOnly)[.size] as? Int ?? .max
            #expect(size < 20_000, "compressed file is \(size) bytes")
        }

        @Test("automatic chunks stay under 256 KiB for large datasets")
        func automaticChunkLimit() throws {
            let directory = try TemporaryDirectory()
            let file = try HDF5File.create(directory.path("large.h5"))
            let values = [Float](repeating: 1, count: 300 * 400)
            let dataset = try file.createDataset("big", values: values, shape: [300, 400], options: .gzip(level: 1))
            let chunk = try #require(try dataset.storageOptions.chunkShape)
            #expect(chunk.reduce(4, *) <= 256 * 1024)
            #expect(chunk == [300, 200])
            #expect(try dataset.read(Float.self).values == values)
        }

        @Test("closing the file closes every object opened from it")
        func closeSemantics() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("close.h5")
            let file = try HDF5File.create(path)
            let dataset = try file.createDataset("x", values: [1.0, 2.0])
            let group = try file.createGroup("g")
            #expect(file.isOpen)
            try file.close()
            #expect(!file.isOpen)
            #expect(throws: HDF5Error.fileClosed(file: path)) { try dataset.read(Double.self) }
            #expect(throws: HDF5Error.fileClosed(file: path)) { try group.children() }
            #expect(throws: HDF5Error.fileClosed(file: path)) { try file.attributeNames() }
            try file.close()  // a second close does nothing

            // The file is fully written and released: it can be truncated and recreated at once.
            let again = try HDF5File.create(path)
            #expect(try again.children() == [])
        }

        @Test("an object keeps its file open after the file object is released")
        func objectOutlivesFile() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("outlive.h5")
            do {
                let file = try HDF5File.create(path)
                try file.createDataset("x", values: [Int32(5), 6])
            }
            var dataset: HDF5Dataset? = try HDF5File.open(path).dataset("x")
            #expect(try dataset?.read(Int32.self).values == [5, 6])
            dataset = nil
            // Released: re-creating the file now succeeds (HDF5 refuses to truncate a file that is still open).
            let recreated = try HDF5File.create(path)
            #expect(try recreated.children() == [])
        }

        @Test("concurrent readers on several tasks are serialised safely")
        func concurrentReads() async throws {
            let file = try HDF5File.open(FixtureFiles.benchmark)
            let expected = try file.dataset("datasets/cifar10/metrics/valid_accuracy").read(Double.self)
            let results = try await withThrowingTaskGroup(of: HDF5Array<Double>.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let dataset = try file.dataset("datasets/cifar10/metrics/valid_accuracy")
                        _ = try dataset.attributeNames()
                        return try dataset.read(Double.self)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 16)
            #expect(results.allSatisfy { $0 == expected })
        }
    }
}
