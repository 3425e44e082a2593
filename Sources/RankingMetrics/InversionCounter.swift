/// Counts inversions (pairs i < j with a[i] > a[j]) while sorting, by a natural merge sort (internal kernel of
/// Knight's algorithm).
///
/// Already-sorted runs are found first (so a sequence made of a few sorted blocks costs few passes), runs shorter
/// than `minimumRun` are extended by insertion sort (each shift is one inversion), then adjacent runs are merged
/// pairwise; taking an element from the right run adds the number of elements still waiting in the left run.
enum InversionCounter {
    /// Runs shorter than this are extended by insertion sort before merging.
    static let minimumRun = 32

    /// Sorts `values` ascending and returns its number of strict inversions; `scratch` must be at least as long.
    static func sortCounting(
        _ values: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        let count = values.count
        guard count > 1 else { return 0 }
        if count <= minimumRun { return insertionSort(values, 0, count, sortedPrefixEnd: 1) }
        var inversions = 0
        var boundaries: [Int] = [0]
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && values[end - 1] <= values[end] { end += 1 }
            let target = min(count, start + minimumRun)
            if end < target {
                inversions += insertionSort(values, start, target, sortedPrefixEnd: end)
                end = target
            }
            boundaries.append(end)
            start = end
        }
        var source = values, target = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
        while boundaries.count > 2 {
            var merged: [Int] = [0]
            merged.reserveCapacity(boundaries.count / 2 + 2)
            var run = 0
            while run + 1 < boundaries.count {
                let low = boundaries[run], middle = boundaries[run + 1]
                guard run + 2 < boundaries.count else {
                    for index in low..<middle { target[index] = source[index] }
                    merged.append(middle)
                    break
                }
                let high = boundaries[run + 2]
                inversions += merge(UnsafeBufferPointer(source), low, middle, high, into: target)
                merged.append(high)
                run += 2
            }
            boundaries = merged
            swap(&source, &target)
        }
        if source.baseAddress != values.baseAddress {
            for index in 0..<count { values[index] = source[index] }
        }
        return inversions
    }

    /// Insertion-sorts `values[start..<end]` whose prefix up to `sortedPrefixEnd` is sorted; returns the shifts made.
    @inline(__always)
    static func insertionSort(
        _ values: UnsafeMutableBufferPointer<UInt64>, _ start: Int, _ end: Int, sortedPrefixEnd: Int
    ) -> Int {
        var shifts = 0
        for index in sortedPrefixEnd..<end {
            let moving = values[index]
            var hole = index
            while hole > start && values[hole - 1] > moving {
                values[hole] = values[hole - 1]
                hole -= 1
            }
            values[hole] = moving
            shifts += index - hole
        }
        return shifts
    }

    /// Merges the sorted runs `from[low..<middle]` and `from[middle..<high]` into `to[low..<high]`, returning the
    /// number of inversions between them.
    @inline(__always)
    static func merge(
        _ from: UnsafeBufferPointer<UInt64>, _ low: Int, _ middle: Int, _ high: Int,
        into to: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        if from[middle - 1] <= from[middle] {
            for index in low..<high { to[index] = from[index] }
            return 0
        }
        var inversions = 0
        var left = low, right = middle, output = low
        while left < middle && right < high {
            let leftValue = from[left], rightValue = from[right]
            let takeRight = rightValue < leftValue
            to[output] = takeRight ? rightValue : leftValue
            inversions &+= takeRight ? middle &- left : 0
            right &+= takeRight ? 1 : 0
            left &+= takeRight ? 0 : 1
            output &+= 1
        }
        while left < middle {
            to[output] = from[left]
            left += 1
            output += 1
        }
        while right < high {
            to[output] = from[right]
            right += 1
            output += 1
        }
        return inversions
    }
}
