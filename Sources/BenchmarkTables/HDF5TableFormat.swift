import Foundation
import HDF5
import NASCore
import SearchSpaces

/// Reads and writes `BenchmarkTable`s in the NASBench HDF5 layout, version 1 (docs/HDF5_LAYOUT.md).
public enum HDF5TableFormat {
    /// Value of the root attribute `nasbench_layout` that marks a NASBench table.
    public static let layoutName = "nasbench-table"
    /// The layout version this build writes and reads.
    public static let layoutVersion: Int64 = 1

    /// Writes `table` to `url` (replacing it atomically: a temporary file is renamed into place).
    public static func write(_ table: BenchmarkTable, to url: URL) throws(BenchmarkFileError) {
        try table.validate(file: url.path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            let file = try HDF5File.create(temporary.path)
            try writeContents(table, into: file)
            try file.close()
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch let error as HDF5Error {
            try? FileManager.default.removeItem(at: temporary)
            throw BenchmarkFileError(file: url.path, problem: problem(of: error))
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw BenchmarkFileError(file: url.path, problem: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads the table stored at `url`, validating layout, shapes and contents.
    public static func read(from url: URL) throws(BenchmarkFileError) -> BenchmarkTable {
        let path = url.path
        func fail(_ problem: String) -> BenchmarkFileError { BenchmarkFileError(file: path, problem: problem) }
        let table: BenchmarkTable
        do {
            let file = try HDF5File.open(path)
            defer { try? file.close() }
            table = try readContents(file, fail: fail)
        } catch let error as BenchmarkFileError {
            throw error
        } catch let error as HDF5Error {
            throw fail(problem(of: error))
        } catch {
            throw fail("\(error)")
        }
        try table.validate(file: path)
        return table
    }

    private static func problem(of error: HDF5Error) -> String {
        let prefix = "HDF5 file '\(error.file)': "
        let description = error.description
        return description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
    }

    private static func writeContents(_ table: BenchmarkTable, into file: HDF5File) throws {
        let identity = table.identity
        try file.setAttribute("nasbench_layout", .string(layoutName))
        try file.setAttribute("layout_version", .int64(layoutVersion))
        try file.setAttribute("benchmark", .string(identity.name))
        try file.setAttribute("search_space", .string(identity.searchSpace.rawValue))
        try file.setAttribute("source", .string(identity.source))
        try file.setAttribute("licence", .string(identity.licence))
        try file.setAttribute("description", .string(identity.description))
        try file.setAttribute("created_by", .string("nasbench \(NASBenchVersion.current)"))

        let architectures = try file.createGroup("architectures")
        try architectures.setAttribute("encoding", .string(encodingName(identity.searchSpace)))
        let count = table.architectures.count
        let compressed = HDF5DatasetOptions.gzip(level: 4, chunkShape: [min(max(count, 1), 16_384)])
        _ = try architectures.createDataset("arch", strings: table.architectures, options: compressed)
        if let indices = table.benchmarkIndices {
            _ = try architectures.createDataset("benchmark_index", values: indices, options: compressed)
        }
        let encodings = try table.architectures.map { try identity.searchSpace.numericEncoding(of: $0) }
        for (position, encoding) in (encodings.first ?? []).enumerated() {
            let values = encodings.flatMap { $0[position].values.map(Int8.init) }
            let dataset = try architectures.createDataset(encoding.name, values: values, shape: [count] + encoding.shape)
            if identity.searchSpace == .nb201 {
                try dataset.setAttribute("op_names", .strings(NB201Operation.allCases.map(\.name)))
                try dataset.setAttribute("edges", .strings(NB201Architecture.edges.map { "\($0.source)->\($0.target)" }))
            }
        }

        let metrics = try file.createGroup("metrics")
        var usedNames = Set<String>()
        for block in table.blocks {
            var groupName = block.dataset.replacingOccurrences(of: "/", with: "_")
            var suffix = 2
            while usedNames.contains(groupName) { groupName = "\(block.dataset)~\(suffix)"; suffix += 1 }
            usedNames.insert(groupName)
            let group = try metrics.createGroup(groupName)
            try group.setAttribute("dataset", .string(block.dataset))
            if let rows = block.architectureRows {
                _ = try group.createDataset("arch_index", values: rows.map(Int64.init))
            }
            let rowCount = block.rowCount(architectureCount: count)
            for column in block.columns {
                let shape = column.samplesPerRow == 1 ? [rowCount] : [rowCount, column.samplesPerRow]
                let dataset = try group.createDataset(column.name, values: column.values, shape: shape)
                try dataset.setAttribute("role", .string(column.role.rawValue))
                try dataset.setAttribute("unit", .string(column.unit))
                try dataset.setAttribute("sample_axis", .string(column.sampleAxis.rawValue))
                try dataset.setAttribute("allow_missing", .int64(column.allowsMissing ? 1 : 0))
                try dataset.setAttribute("description", .string(column.description))
                if let epochs = column.fidelityEpochs { try dataset.setAttribute("fidelity_epochs", .int64(Int64(epochs))) }
                if let higher = column.higherIsBetter { try dataset.setAttribute("higher_is_better", .int64(higher ? 1 : 0)) }
                if let estimator = column.estimator {
                    try dataset.setAttribute("estimator", .string(estimator.id))
                    try dataset.setAttribute("settings", .string(estimator.settingsJSON))
                    if let seed = estimator.seed { try dataset.setAttribute("seed", .int64(seed)) }
                }
            }
        }
    }

    private static func readContents(
        _ file: HDF5File, fail: (String) -> BenchmarkFileError
    ) throws -> BenchmarkTable {
        guard try file.hasAttribute("nasbench_layout"), try file.stringAttribute("nasbench_layout") == layoutName else {
            throw fail("not a NASBench table: the root has no attribute nasbench_layout = \"\(layoutName)\"")
        }
        let version = try file.int64Attribute("layout_version")
        guard version == layoutVersion else {
            throw fail("layout version \(version) is not supported (this nasbench reads version \(layoutVersion))")
        }
        let spaceName = try file.stringAttribute("search_space")
        guard let space = SearchSpaceID(rawValue: spaceName) else {
            throw fail("unknown search space '\(spaceName)' (known: \(SearchSpaceID.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        func optionalString(_ object: HDF5Object, _ name: String) throws -> String {
            try object.hasAttribute(name) ? object.stringAttribute(name) : ""
        }
        let identity = BenchmarkIdentity(
            name: try file.stringAttribute("benchmark"), searchSpace: space, source: try optionalString(file, "source"),
            licence: try optionalString(file, "licence"), description: try optionalString(file, "description"))
        let architectures = try file.dataset("architectures/arch").readStrings().values
        var indices: [Int64]?
        if try file.contains("architectures/benchmark_index") {
            indices = try file.dataset("architectures/benchmark_index").read(Int64.self).values
        }
        var blocks: [DatasetBlock] = []
        let metrics = try file.group("metrics")
        for child in try metrics.children() where child.kind == .group {
            let group = try metrics.group(child.name)
            let dataset = try group.hasAttribute("dataset") ? group.stringAttribute("dataset") : child.name
            var rows: [Int]?
            if try group.contains("arch_index") {
                rows = try group.dataset("arch_index").read(Int64.self).values.map(Int.init)
            }
            var columns: [MetricColumn] = []
            for member in try group.children() where member.kind == .dataset && member.name != "arch_index" {
                columns.append(try readColumn(group.dataset(member.name), name: member.name, fail: fail))
            }
            blocks.append(DatasetBlock(dataset: dataset, architectureRows: rows, columns: columns))
        }
        return BenchmarkTable(identity: identity, architectures: architectures, benchmarkIndices: indices, blocks: blocks)
    }

    private static func readColumn(
        _ dataset: HDF5Dataset, name: String, fail: (String) -> BenchmarkFileError
    ) throws -> MetricColumn {
        let roleName = try dataset.stringAttribute("role")
        guard let role = MetricRole(rawValue: roleName) else {
            throw fail("'\(dataset.path)' has unknown role '\(roleName)'")
        }
        let axisName = try dataset.hasAttribute("sample_axis") ? dataset.stringAttribute("sample_axis") : "none"
        guard let axis = SampleAxis(rawValue: axisName) else {
            throw fail("'\(dataset.path)' has unknown sample_axis '\(axisName)'")
        }
        let array = try dataset.read(Double.self)
        guard array.rank == 1 || array.rank == 2 else {
            throw fail("'\(dataset.path)' has \(array.rank) dimensions; metrics have 1 (per architecture) or 2")
        }
        func optionalInt(_ name: String) throws -> Int64? {
            try dataset.hasAttribute(name) ? dataset.int64Attribute(name) : nil
        }
        var estimator: EstimatorRecord?
        if try dataset.hasAttribute("estimator") {
            estimator = EstimatorRecord(
                id: try dataset.stringAttribute("estimator"),
                settingsJSON: try dataset.hasAttribute("settings") ? dataset.stringAttribute("settings") : "{}",
                seed: try optionalInt("seed"))
        }
        return MetricColumn(
            name: name, unit: try dataset.hasAttribute("unit") ? dataset.stringAttribute("unit") : "",
            fidelityEpochs: try optionalInt("fidelity_epochs").map(Int.init), role: role,
            higherIsBetter: try optionalInt("higher_is_better").map { $0 != 0 }, sampleAxis: axis,
            samplesPerRow: array.rank == 2 ? array.shape[1] : 1, allowsMissing: try optionalInt("allow_missing") == 1,
            values: array.values,
            estimator: estimator ?? (role == .estimatorScore ? EstimatorRecord(id: name, settingsJSON: "{}", seed: nil) : nil),
            description: try dataset.hasAttribute("description") ? dataset.stringAttribute("description") : "")
    }

    private static func encodingName(_ space: SearchSpaceID) -> String {
        switch space {
        case .nb201: "nb201-arch-string"
        case .nb101: "nb101-adjacency-ops"
        case .nb301: "darts-genotype"
        }
    }
}
