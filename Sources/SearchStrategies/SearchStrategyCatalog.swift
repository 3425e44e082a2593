/// Every search strategy NASBench offers: adding one is one new file and one line here.
public enum SearchStrategyCatalog {
    /// The catalogued strategies, in the order the command line lists them.
    public static let all: [SearchStrategyDescriptor] = [
        RandomSearch.descriptor,
        RegularizedEvolution.descriptor,
        Reinforce.descriptor,
        LocalSearch.descriptor,
    ]

    /// The strategy with id `identifier`, or a one-line error listing the available ids.
    public static func descriptor(for identifier: String) throws(SearchStrategyError) -> SearchStrategyDescriptor {
        guard let descriptor = all.first(where: { $0.identifier == identifier }) else {
            throw .unknownStrategy(identifier, available: all.map(\.identifier))
        }
        return descriptor
    }
}
