/// Neumaier's compensated summation: a running total whose rounding error is carried separately (internal).
struct CompensatedSum {
    /// The rounded running sum.
    private var sum = 0.0
    /// The accumulated rounding error.
    private var compensation = 0.0

    /// Adds `value` to the total.
    mutating func add(_ value: Double) {
        let next = sum + value
        if sum.magnitude >= value.magnitude {
            compensation += (sum - next) + value
        } else {
            compensation += (value - next) + sum
        }
        sum = next
    }

    /// The compensated total.
    var total: Double { sum + compensation }
}
