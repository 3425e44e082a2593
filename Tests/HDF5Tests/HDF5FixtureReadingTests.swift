import Foundation
import HDF5
import Testing

extension HDF5Tests {
    /// Reads the files scripts/generate_hdf5_fixtures.py wrote with h5py and checks every value exactly.
    @Suite("Reading h5py-written fixtures")
    struct HDF5FixtureReadingTests {
        @Test("float64, float32, int64, int32, uint8 arrays in 1-D to 3-D shapes")
        func numericArrays() throws {
            let file = try HDF5File.open(FixtureFiles.numeric)

            let float64 = try file.dataset("float64_1d")
            #expect(try float64.elementType == .float(bits: 64))
            #expect(try float64.read(Double.self) == HDF5Array(shape: [9], values: (0..<9).map { Double($0) * 0.25 - 1 }))

            let float32 = try file.dataset("float32_2d")
            #expect(try float32.elementType == .float(bits: 32))
            #expect(try float32.shape == [3, 4])
            #expect(try float32.read(Float.self) == HDF5Array(shape: [3, 4], values: (0..<12).map { Float($0) * 0.5 }))

            let int64 = try file.dataset("int64_3d").read(Int64.self)
            #expect(int64 == HDF5Array(shape: [2, 3, 4], values: (0..<24).map { Int64($0) * 1_000_000_007 - 5 }))
            #expect(int64[1, 2, 3] == 23 * 1_000_000_007 - 5)
            #expect(try file.dataset("int64_3d").elementType == .signedInteger(bits: 64))

            let int32 = try file.dataset("int32_1d")
            #expect(try int32.elementType == .signedInteger(bits: 32))
            #expect(try int32.read(Int32.self).values == [Int32.min, -1, 0, 1, Int32.max])

            let uint8 = try file.dataset("uint8_2d")
            #expect(try uint8.elementType == .unsignedInteger(bits: 8))
            let bytes = try uint8.read(UInt8.self)
            #expect(bytes == HDF5Array(shape: [2, 5], values: (0..<10).map { UInt8($0 * 25) }))
            #expect(bytes[1, 4] == 225)
        }

        @Test("HDF5 converts stored numbers into the requested Swift type")
        func conversions() throws {
            let file = try HDF5File.open(FixtureFiles.numeric)
            #expect(try file.dataset("int32_1d").read(Double.self).values == [-2_147_483_648, -1, 0, 1, 2_147_483_647])
            #expect(try file.dataset("int16_1d").elementType == .signedInteger(bits: 16))
            #expect(try file.dataset("int16_1d").read(Int64.self).values == [-300, 0, 300])
            #expect(try file.dataset("int16_1d").read(Double.self).values == [-300, 0, 300])
            #expect(try file.dataset("uint8_2d").read(Int32.self).values == (0..<10).map { Int32($0 * 25) })
            #expect(try file.dataset("float32_2d").read(Double.self).values == (0..<12).map { Double($0) * 0.5 })
            #expect(try file.dataset("int64_3d").read(Int.self).values == (0..<24).map { $0 * 1_000_000_007 - 5 })
        }

        @Test("a scalar dataset has shape [] and one value; an empty one has shape [0]")
        func scalarAndEmpty() throws {
            let file = try HDF5File.open(FixtureFiles.numeric)
            let scalar = try file.dataset("scalar_float64").read(Double.self)
            #expect(scalar.shape == [])
            #expect(scalar.values == [3.5])
            #expect(scalar[] == 3.5)
            let empty = try file.dataset("empty_float64")
            #expect(try empty.shape == [0])
            #expect(try empty.read(Double.self).values == [])
        }

        @Test("a gzip-compressed chunked dataset reads back with its storage options")
        func compressedDataset() throws {
            let file = try HDF5File.open(FixtureFiles.numeric)
            let grid = try file.dataset("compressed/int32_grid")
            #expect(try grid.read(Int32.self) == HDF5Array(shape: [20, 20], values: (0..<400).map { Int32($0 % 7) }))
            #expect(try grid.storageOptions == HDF5DatasetOptions(chunkShape: [10, 10], compressionLevel: 6))
            #expect(try file.dataset("float64_1d").storageOptions == .contiguous)
        }

        @Test("variable-length UTF-8 string arrays (h5py.string_dtype())")
        func variableLengthStrings() throws {
            let file = try HDF5File.open(FixtureFiles.strings)
            let vlen = try file.dataset("vlen_1d")
            #expect(try vlen.elementType == .variableLengthString)
            #expect(try vlen.readStrings() == HDF5Array(shape: [5], values: ["alpha", "", "naïve", "ψ-space", "🙂 ok"]))
            let grid = try file.dataset("vlen_2d").readStrings()
            #expect(grid == HDF5Array(shape: [2, 3], values: ["a", "bb", "ccc", "dddd", "eeeee", "ffffff"]))
            #expect(grid[1, 0] == "dddd")
            #expect(try file.dataset("vlen_scalar").readStrings() == HDF5Array(shape: [], values: ["single string"]))
        }

        @Test("fixed-length byte string arrays (np.bytes_) lose their NUL padding")
        func fixedLengthStrings() throws {
            let file = try HDF5File.open(FixtureFiles.strings)
            let fixed = try file.dataset("fixed_1d")
            #expect(try fixed.elementType == .fixedLengthString(bytes: 8))
            #expect(try fixed.readStrings() == HDF5Array(shape: [4], values: ["cifar10", "cifar100", "", "x"]))
            let grid = try file.dataset("fixed_2d")
            #expect(try grid.elementType == .fixedLengthString(bytes: 3))
            #expect(try grid.readStrings() == HDF5Array(shape: [2, 2], values: ["ab", "c", "def", "gh"]))
        }

        @Test("nested groups list their children with their kinds")
        func groups() throws {
            let file = try HDF5File.open(FixtureFiles.benchmark)
            #expect(try file.children() == [
                HDF5Child(name: "archs", kind: .dataset),
                HDF5Child(name: "datasets", kind: .group),
                HDF5Child(name: "empty_group", kind: .group),
                HDF5Child(name: "seeds", kind: .dataset),
            ])
            #expect(try file.group("datasets").children().map(\.name) == ["cifar10", "cifar100"])
            let metrics = try file.group("datasets/cifar10/metrics")
            #expect(metrics.path == "/datasets/cifar10/metrics")
            #expect(try metrics.children() == [
                HDF5Child(name: "train_time", kind: .dataset),
                HDF5Child(name: "valid_accuracy", kind: .dataset),
            ])
            #expect(try file.group("empty_group").children() == [])
            #expect(try file.objectKind(at: "/datasets/cifar100/metrics/train_time") == .dataset)
            #expect(try file.objectKind(at: "datasets/cifar100") == .group)
            #expect(try file.objectKind(at: "datasets/imagenet16-120") == nil)
            #expect(try file.objectKind(at: "seeds/below_a_dataset") == nil)
            #expect(try file.group("datasets").contains("cifar10/metrics/valid_accuracy"))
            #expect(try !file.contains("datasets/cifar10/metrics/test_accuracy"))
        }

        @Test("a per-arch x seed table and its index datasets")
        func benchmarkTable() throws {
            let file = try HDF5File.open(FixtureFiles.benchmark)
            let archs = try file.dataset("archs").readStrings()
            #expect(archs.shape == [5])
            #expect(archs.values[0] == "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")
            #expect(archs.values[4] == "|nor_conv_1x1~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|none~0|nor_conv_3x3~1|nor_conv_1x1~2|")
            #expect(try file.dataset("seeds").read(Int64.self).values == [777, 888, 999])

            for (index, name) in ["cifar10", "cifar100"].enumerated() {
                let metrics = try file.group("datasets/\(name)/metrics")
                let accuracy = try metrics.dataset("valid_accuracy").read(Double.self)
                #expect(accuracy.shape == [5, 3])
                for arch in 0..<5 {
                    for seed in 0..<3 {
                        #expect(accuracy[arch, seed] == 50 + 5 * Double(arch) + 0.125 * Double(seed) + 10 * Double(index))
                    }
                }
                let time = try metrics.dataset("train_time")
                #expect(try time.elementType == .float(bits: 32))
                let times = try time.read(Float.self)
                #expect(times.shape == [5, 3])
                let expectedTimes: [Float] = (0..<5).flatMap { arch -> [Float] in
                    (0..<3).map { seed in Float(100 * (arch + 1) + seed) }
                }
                #expect(times.values == expectedTimes)
            }
        }

        @Test("attributes of each kind on the root group")
        func rootAttributes() throws {
            let file = try HDF5File.open(FixtureFiles.benchmark)
            #expect(try file.attributeNames() == [
                "description", "epochs", "fixed_label", "format_version", "int32_value", "learning_rate",
                "loss_weights", "splits",
            ])
            #expect(try file.attribute("format_version") == .int64(2))
            #expect(try file.int64Attribute("format_version") == 2)
            #expect(try file.attribute("description") == .string("NASBench HDF5 fixture"))
            #expect(try file.stringAttribute("description") == "NASBench HDF5 fixture")
            #expect(try file.attribute("epochs") == .int64s([12, 200]))
            #expect(try file.attribute("learning_rate") == .double(0.1))
            #expect(try file.doubleAttribute("learning_rate") == 0.1)
            #expect(try file.attribute("loss_weights") == .doubles([0.5, 0.25, 0.125]))
            #expect(try file.attribute("splits") == .strings(["train", "valid", "test"]))
            #expect(try file.attribute("fixed_label") == .string("nb201"))
            #expect(try file.attribute("int32_value") == .int64(-42))
            #expect(try file.hasAttribute("splits"))
            #expect(try !file.hasAttribute("split"))
        }

        @Test("attributes on groups and datasets")
        func objectAttributes() throws {
            let file = try HDF5File.open(FixtureFiles.benchmark)
            #expect(try file.group("datasets/cifar10").int64Attribute("num_classes") == 10)
            #expect(try file.group("datasets/cifar100").attribute("num_classes") == .int64(100))
            #expect(try file.group("datasets/cifar10").doubleAttribute("num_classes") == 10)
            let accuracy = try file.dataset("datasets/cifar100/metrics/valid_accuracy")
            #expect(try accuracy.attributeNames() == ["epoch", "units"])
            #expect(try accuracy.stringAttribute("units") == "percent")
            #expect(try accuracy.int64Attribute("epoch") == 199)
            #expect(try file.dataset("seeds").attributeNames() == [])
        }
    }
}
