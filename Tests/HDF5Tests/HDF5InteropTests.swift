import Foundation
import HDF5
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HDF5Tests {
    /// Files written by the wrapper, read back by other HDF5 readers: h5py (python3) and h5dump.
    @Suite("Files the wrapper writes are readable by h5py and h5dump")
    struct HDF5InteropTests {
        /// Writes the file every interop test reads; returns its path. `directory` must outlive the file's use.
        private static func writeSample(in directory: TemporaryDirectory) throws -> String {
            let path = directory.path("written-by-swift.h5")
            let file = try HDF5File.create(path)
            try file.setAttribute("title", .string("NASBench ✓"))
            try file.setAttribute("version", .int64(3))
            try file.setAttribute("lr", .double(0.1))
            try file.setAttribute("splits", .strings(["train", "valid"]))
            try file.setAttribute("epochs", .int64s([12, 200]))
            try file.setAttribute("weights", .doubles([0.5, 0.25]))
            let metrics = try file.createGroup("datasets/cifar10/metrics")
            let accuracy = try metrics.createDataset(
                "valid_accuracy", values: (0..<15).map { 50 + 0.125 * Double($0) }, shape: [5, 3],
                options: .gzip(level: 6, chunkShape: [5, 1]))
            try accuracy.setAttribute("units", .string("percent"))
            try metrics.createDataset("train_time", values: (0..<6).map { Float($0) * 1.5 }, shape: [2, 3])
            try file.createDataset("seeds", values: [Int64(777), 888, 9_007_199_254_740_993])
            try file.createDataset("counts", values: [Int32(-5), 0, Int32.max], shape: [3])
            try file.createDataset("pixels", values: (0..<8).map { UInt8($0 * 30) }, shape: [2, 2, 2])
            try file.createDataset("pi", values: [Double.pi], shape: [])
            try file.createDataset("archs", strings: ["|none~0|+|skip_connect~0|none~1|", "naïve ψ", ""])
            try file.createDataset("empty", values: [Double](), shape: [0, 2], options: .gzip())
            try file.close()
            return path
        }

        @Test("a child process spawned while a file is open does not keep it locked after close", .enabled(if: ExternalCommand.locate("sleep") != nil, "sleep is not installed"))
        func childProcessDoesNotInheritLock() throws {
            let directory = try TemporaryDirectory()
            let path = directory.path("inherit.h5")
            let file = try HDF5File.create(path)
            try file.createDataset("x", values: [1.0])
            // A bare posix_spawn, unlike Foundation's Process, passes every descriptor not marked close-on-exec
            // to the child, as system() or other launchers do.
            let sleep = try #require(ExternalCommand.locate("sleep"))
            let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(sleep), strdup("30"), nil]
            defer { arguments.forEach { free($0) } }
            let environment: [UnsafeMutablePointer<CChar>?] = [nil]
            var child: pid_t = 0
            try #require(posix_spawn(&child, sleep, nil, nil, arguments, environment) == 0)
            defer {
                kill(child, SIGKILL)
                var status: Int32 = 0
                waitpid(child, &status, 0)
            }
            // The child must not hold a descriptor of the file: none of its open descriptors may point at it.
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(child)/fd")) ?? []
            let targets = descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/fd/\($0)") }
            #expect(!targets.contains { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path == URL(fileURLWithPath: path).resolvingSymlinksInPath().path },
                    "the child inherited a descriptor of the open HDF5 file")
            try file.close()
            let reopened = try HDF5File.open(path, mode: .readWrite)
            #expect(try reopened.dataset("x").read(Double.self).values == [1.0])
            #expect(kill(child, 0) == 0, "the child is still running")
        }

        // MARK: h5py

        /// What the h5py dump script prints for one object.
        private struct H5pyObject: Decodable {
            let kind: String
            let dtype: String?
            let shape: [Int]?
            let ints: [Int64]?
            let floats: [Double]?
            let strings: [String]?
            let chunks: [Int]?
            let compression: String?
            let compressionLevel: Int?
            let attributes: [String: H5pyAttribute]
        }

        /// What the h5py dump script prints for one attribute.
        private struct H5pyAttribute: Decodable {
            let dtype: String
            let scalar: Bool
            let ints: [Int64]?
            let floats: [Double]?
            let strings: [String]?
        }

        /// Dumps every object of the file given as argv[1] as JSON keyed by path, values flattened in C order.
        private static let h5pyDumpScript = #"""
            import json, sys
            import h5py, numpy as np

            def values(array, dtype):
                array = np.asarray(array)
                if h5py.check_string_dtype(dtype) is not None:
                    return {"strings": [v.decode() if isinstance(v, bytes) else v for v in array.ravel().tolist()]}
                if dtype.kind in "iu":
                    return {"ints": [int(v) for v in array.ravel().tolist()]}
                return {"floats": [float(v) for v in array.ravel().tolist()]}

            def attributes(obj):
                out = {}
                for name in obj.attrs:
                    dtype = obj.attrs.get_id(name).dtype
                    value = obj.attrs[name]
                    entry = {"dtype": str(dtype), "scalar": np.ndim(value) == 0}
                    entry.update(values(value, dtype))
                    out[name] = entry
                return out

            result = {}
            with h5py.File(sys.argv[1], "r") as f:
                def visit(name, obj):
                    path = "/" + name if name else "/"
                    if isinstance(obj, h5py.Dataset):
                        data = obj.asstr()[()] if h5py.check_string_dtype(obj.dtype) is not None else obj[()]
                        entry = {"kind": "dataset", "dtype": str(obj.dtype), "shape": list(obj.shape),
                                 "chunks": list(obj.chunks) if obj.chunks else None,
                                 "compression": obj.compression, "compressionLevel": obj.compression_opts}
                        entry.update(values(data, obj.dtype))
                    else:
                        entry = {"kind": "group"}
                    entry["attributes"] = attributes(obj)
                    result[path] = entry
                visit("", f)
                f.visititems(visit)
            print(json.dumps(result))
            """#

        @Test("h5py reads every dataset, group and attribute the wrapper wrote", .enabled(if: ExternalCommand.h5pyAvailable, "python3 with h5py is not installed"))
        func h5pyReadsOurFile() throws {
            let directory = try TemporaryDirectory()
            let path = try Self.writeSample(in: directory)
            let python = try #require(ExternalCommand.locate("python3"))
            let output = try ExternalCommand.run(python, ["-c", Self.h5pyDumpScript, path])
            try #require(output.status == 0, "h5py failed: \(output.standardError)")
            let objects = try JSONDecoder().decode([String: H5pyObject].self, from: Data(output.standardOutput.utf8))

            #expect(Set(objects.keys) == [
                "/", "/archs", "/counts", "/datasets", "/empty", "/datasets/cifar10", "/datasets/cifar10/metrics",
                "/datasets/cifar10/metrics/train_time", "/datasets/cifar10/metrics/valid_accuracy", "/pi", "/pixels",
                "/seeds",
            ])
            let root = try #require(objects["/"])
            #expect(root.kind == "group")
            #expect(root.attributes["title"]?.strings == ["NASBench ✓"])
            #expect(root.attributes["title"]?.scalar == true)
            #expect(root.attributes["title"]?.dtype == "object")
            #expect(root.attributes["version"]?.ints == [3])
            #expect(root.attributes["version"]?.dtype == "int64")
            #expect(root.attributes["lr"]?.floats == [0.1])
            #expect(root.attributes["lr"]?.dtype == "float64")
            #expect(root.attributes["splits"]?.strings == ["train", "valid"])
            #expect(root.attributes["splits"]?.scalar == false)
            #expect(root.attributes["epochs"]?.ints == [12, 200])
            #expect(root.attributes["weights"]?.floats == [0.5, 0.25])

            let accuracy = try #require(objects["/datasets/cifar10/metrics/valid_accuracy"])
            #expect(accuracy.dtype == "float64")
            #expect(accuracy.shape == [5, 3])
            #expect(accuracy.floats == (0..<15).map { 50 + 0.125 * Double($0) })
            #expect(accuracy.chunks == [5, 1])
            #expect(accuracy.compression == "gzip")
            #expect(accuracy.compressionLevel == 6)
            #expect(accuracy.attributes["units"]?.strings == ["percent"])

            let time = try #require(objects["/datasets/cifar10/metrics/train_time"])
            #expect(time.dtype == "float32")
            #expect(time.shape == [2, 3])
            #expect(time.floats == [0, 1.5, 3, 4.5, 6, 7.5])
            #expect(time.chunks == nil)

            #expect(objects["/seeds"]?.dtype == "int64")
            #expect(objects["/seeds"]?.ints == [777, 888, 9_007_199_254_740_993])
            #expect(objects["/counts"]?.dtype == "int32")
            #expect(objects["/counts"]?.ints == [-5, 0, Int64(Int32.max)])
            #expect(objects["/pixels"]?.dtype == "uint8")
            #expect(objects["/pixels"]?.shape == [2, 2, 2])
            #expect(objects["/pixels"]?.ints == (0..<8).map { Int64($0 * 30) })
            #expect(objects["/pi"]?.shape == [])
            #expect(objects["/pi"]?.floats == [Double.pi])
            #expect(objects["/archs"]?.dtype == "object")
            #expect(objects["/archs"]?.strings == ["|none~0|+|skip_connect~0|none~1|", "naïve ψ", ""])
            #expect(objects["/datasets/cifar10"]?.kind == "group")
            #expect(objects["/empty"]?.shape == [0, 2])
            #expect(objects["/empty"]?.floats == [])
            #expect(objects["/empty"]?.compression == "gzip")
        }

        // MARK: h5dump

        /// What h5dump prints for one dataset or attribute: its type line(s) and its values.
        private struct H5dumpObject {
            /// The DATATYPE line, or the body of a DATATYPE { ... } block, whitespace-collapsed.
            let datatype: String
            /// The DATASPACE line.
            let dataspace: String
            /// The FILTERS block, whitespace-collapsed ("" without -p or without filters).
            let filters: String
            /// The DATA values as text, strings unquoted and unescaped.
            let values: [String]
        }

        /// Runs h5dump on one dataset (`-d`) or attribute (`-a`) and parses its output.
        private func h5dump(_ option: String, _ object: String, in path: String) throws -> H5dumpObject {
            let h5dump = try #require(ExternalCommand.locate("h5dump"))
            let output = try ExternalCommand.run(h5dump, ["-w", "0", "-y", "-p", "-m", "%.17g", option, object, path])
            try #require(output.status == 0, "h5dump failed: \(output.standardError)")
            let lines = output.standardOutput.split(separator: "\n").map {
                $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }

            func block(startingWith prefix: String) -> String {
                guard let start = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return "" }
                if !lines[start].hasSuffix("{") { return lines[start] }
                var depth = 0
                var body: [String] = []
                for line in lines[start...] {
                    body.append(line)
                    depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                    if depth == 0 { break }
                }
                return body.joined(separator: " ")
            }

            let dataBlock = block(startingWith: "DATA {")
            let inner = dataBlock.dropFirst("DATA {".count).dropLast(1)
            return H5dumpObject(
                datatype: block(startingWith: "DATATYPE"),
                dataspace: block(startingWith: "DATASPACE"),
                filters: block(startingWith: "FILTERS {"),
                values: Self.parseValues(String(inner)))
        }

        /// Splits h5dump's comma-separated values; quoted strings are unescaped, octal escapes read as UTF-8 bytes.
        private static func parseValues(_ text: String) -> [String] {
            var values: [String] = []
            var characters = Array(text.unicodeScalars)[...]
            while let first = characters.first {
                if first == " " || first == "," {
                    characters.removeFirst()
                } else if first == "\"" {
                    characters.removeFirst()
                    var bytes: [UInt8] = []
                    while let scalar = characters.popFirst(), scalar != "\"" {
                        guard scalar == "\\" else {
                            bytes += Array(String(scalar).utf8)
                            continue
                        }
                        let octal = characters.prefix { ("0"..."7").contains($0) }
                        if octal.isEmpty {
                            if let escaped = characters.popFirst() { bytes += Array(String(escaped).utf8) }
                        } else {
                            characters.removeFirst(octal.count)
                            // h5dump 1.10 prints bytes >= 0x80 sign-extended (\37777777703 for 0xC3): keep the low byte.
                            bytes.append(UInt8(truncatingIfNeeded: UInt64(String(String.UnicodeScalarView(octal)), radix: 8) ?? 0))
                        }
                    }
                    values.append(String(decoding: bytes, as: UTF8.self))
                } else {
                    let token = characters.prefix { $0 != "," && $0 != " " }
                    characters.removeFirst(token.count)
                    values.append(String(String.UnicodeScalarView(token)))
                }
            }
            return values
        }

        @Test("h5dump prints the values, types and filters the wrapper wrote", .enabled(if: ExternalCommand.h5dumpAvailable, "h5dump (hdf5-tools) is not installed"))
        func h5dumpReadsOurFile() throws {
            let directory = try TemporaryDirectory()
            let path = try Self.writeSample(in: directory)

            let accuracy = try h5dump("-d", "/datasets/cifar10/metrics/valid_accuracy", in: path)
            #expect(accuracy.datatype == "DATATYPE H5T_IEEE_F64LE")
            #expect(accuracy.dataspace == "DATASPACE SIMPLE { ( 5, 3 ) / ( 5, 3 ) }")
            #expect(accuracy.filters.contains("COMPRESSION DEFLATE { LEVEL 6 }"))
            #expect(accuracy.values.map { Double($0) } == (0..<15).map { 50 + 0.125 * Double($0) })

            let time = try h5dump("-d", "/datasets/cifar10/metrics/train_time", in: path)
            #expect(time.datatype == "DATATYPE H5T_IEEE_F32LE")
            #expect(time.values.map { Float($0) } == [0, 1.5, 3, 4.5, 6, 7.5])

            let seeds = try h5dump("-d", "/seeds", in: path)
            #expect(seeds.datatype == "DATATYPE H5T_STD_I64LE")
            #expect(seeds.values == ["777", "888", "9007199254740993"])

            let counts = try h5dump("-d", "/counts", in: path)
            #expect(counts.datatype == "DATATYPE H5T_STD_I32LE")
            #expect(counts.values == ["-5", "0", "2147483647"])

            let pixels = try h5dump("-d", "/pixels", in: path)
            #expect(pixels.datatype == "DATATYPE H5T_STD_U8LE")
            #expect(pixels.dataspace == "DATASPACE SIMPLE { ( 2, 2, 2 ) / ( 2, 2, 2 ) }")
            #expect(pixels.values == ["0", "30", "60", "90", "120", "150", "180", "210"])

            let pi = try h5dump("-d", "/pi", in: path)
            #expect(pi.dataspace == "DATASPACE SCALAR")
            #expect(pi.values.map { Double($0) } == [Double.pi])

            let archs = try h5dump("-d", "/archs", in: path)
            #expect(archs.datatype.contains("STRSIZE H5T_VARIABLE;"))
            #expect(archs.datatype.contains("CSET H5T_CSET_UTF8;"))
            #expect(archs.values == ["|none~0|+|skip_connect~0|none~1|", "naïve ψ", ""])

            let title = try h5dump("-a", "/title", in: path)
            #expect(title.dataspace == "DATASPACE SCALAR")
            #expect(title.datatype.contains("STRSIZE H5T_VARIABLE;"))
            #expect(title.values == ["NASBench ✓"])
            #expect(try h5dump("-a", "/version", in: path).values == ["3"])
            #expect(try h5dump("-a", "/lr", in: path).values.map { Double($0) } == [0.1])
            #expect(try h5dump("-a", "/splits", in: path).values == ["train", "valid"])
            #expect(try h5dump("-a", "/epochs", in: path).values == ["12", "200"])
            #expect(try h5dump("-a", "/weights", in: path).values.map { Double($0) } == [0.5, 0.25])
            #expect(try h5dump("-a", "/datasets/cifar10/metrics/valid_accuracy/units", in: path).values == ["percent"])
        }
    }
}
