/// What a ranking report says about how it was made: its input, dataset, row order and command line.
public struct RankingReportContext: Sendable {
    /// The input, e.g. `database nb201.sqlite` or `CSV file scores.csv`.
    public var input: String
    /// The dataset, when the input has one.
    public var dataset: String?
    /// How rows were ordered (ties are broken by this order), e.g. `NB201 enumeration index`.
    public var rowOrder: String
    /// The command line that made the report, when known.
    public var command: String?

    /// Creates a context.
    public init(input: String, dataset: String?, rowOrder: String, command: String?) {
        self.input = input
        self.dataset = dataset
        self.rowOrder = rowOrder
        self.command = command
    }
}
