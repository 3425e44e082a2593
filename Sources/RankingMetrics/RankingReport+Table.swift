extension RankingReport {
    /// The report as CSV with header `criterion,k,value,undefined_reason`; undefined values print as `nan`.
    ///
    /// Numbers use Swift's shortest round-trip form (the same digits as Python's `repr`).
    public func csv() -> String {
        var lines = ["criterion,k,value,undefined_reason"]
        for entry in entries {
            let k = entry.k.map(String.init) ?? ""
            let reason = entry.value.undefinedReason?.rawValue ?? ""
            lines.append("\(entry.name),\(k),\(Self.format(entry.value)),\(reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as a Markdown table with columns criterion, k, value and note (the reason when undefined).
    public func markdown() -> String {
        var lines = ["| criterion | k | value | note |", "|---|---:|---:|---|"]
        for entry in entries {
            let k = entry.k.map(String.init) ?? "\(count)"
            let note = entry.value.undefinedReason.map { "undefined: \($0.description)" } ?? ""
            lines.append("| \(entry.name) | \(k) | \(Self.format(entry.value)) | \(note) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value's text: shortest round-trip digits, or `nan` when undefined.
    static func format(_ value: MetricValue) -> String {
        value.isDefined ? "\(value.value)" : "nan"
    }
}
