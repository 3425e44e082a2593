import Foundation

/// A dense, contiguous, row-major (NCHW for images) array of float32 or float64 values with value semantics.
///
/// Copies share storage until one of them is mutated (copy-on-write). Storage comes from a size-keyed pool,
/// so tensors of the shapes a training step uses are recycled rather than re-allocated.
public struct Tensor: Sendable {
    /// The extent of each dimension.
    public private(set) var shape: [Int]
    /// The element type.
    public let dtype: DType
    var buffer: TensorBuffer

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Storage for `shape` with unspecified contents (every caller overwrites all of it).
    init(uninitializedShape shape: [Int], dtype: DType) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.dtype = dtype
        buffer = TensorBuffer(byteCount: shape.reduce(1, *) * dtype.byteWidth)
    }

    /// A float32 tensor holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) values")
        self.init(uninitializedShape: shape, dtype: .float32)
        scalars.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { floats.update(from: base, count: source.count) }
        }
    }

    /// A float64 tensor holding `scalars` in row-major order.
    public init(shape: [Int], doubleScalars scalars: [Double]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) values")
        self.init(uninitializedShape: shape, dtype: .float64)
        scalars.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { doubles.update(from: base, count: source.count) }
        }
    }

    /// A tensor with every element equal to `value`.
    public init(shape: [Int], repeating value: Double, dtype: DType = .float32) {
        self.init(uninitializedShape: shape, dtype: dtype)
        switch dtype {
        case .float32: floats.update(repeating: Float(value), count: count)
        case .float64: doubles.update(repeating: value, count: count)
        }
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, repeating: 0, dtype: dtype)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, repeating: 1, dtype: dtype)
    }

    /// Zeros with this tensor's shape and type.
    public func zerosLike() -> Tensor { Tensor.zeros(shape, dtype: dtype) }

    /// The storage as float32 (valid while the tensor lives; internal use with `withExtendedLifetime`).
    var floats: UnsafeMutablePointer<Float> { buffer.pointer(Float.self) }
    /// The storage as float64.
    var doubles: UnsafeMutablePointer<Double> { buffer.pointer(Double.self) }

    /// Gives this tensor its own storage if it shares it with another tensor.
    mutating func makeUnique() {
        if isKnownUniquelyReferenced(&buffer) { return }
        let copy = TensorBuffer(byteCount: count * dtype.byteWidth)
        copy.raw.copyMemory(from: buffer.raw, byteCount: count * dtype.byteWidth)
        buffer = copy
    }

    /// The elements as Float, in row-major order.
    public var scalars: [Float] {
        withExtendedLifetime(buffer) {
            switch dtype {
            case .float32: return Array(UnsafeBufferPointer(start: floats, count: count))
            case .float64: return UnsafeBufferPointer(start: doubles, count: count).map { Float($0) }
            }
        }
    }

    /// The elements as Double, in row-major order.
    public var doubleScalars: [Double] {
        withExtendedLifetime(buffer) {
            switch dtype {
            case .float32: return UnsafeBufferPointer(start: floats, count: count).map { Double($0) }
            case .float64: return Array(UnsafeBufferPointer(start: doubles, count: count))
            }
        }
    }

    /// The element at a flat (row-major) index, as Double.
    public subscript(flat index: Int) -> Double {
        get {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            return withExtendedLifetime(buffer) { dtype == .float32 ? Double(floats[index]) : doubles[index] }
        }
        set {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            makeUnique()
            withExtendedLifetime(buffer) {
                if dtype == .float32 { floats[index] = Float(newValue) } else { doubles[index] = newValue }
            }
        }
    }

    /// The element at a multi-dimensional index, as Double.
    public subscript(_ indices: Int...) -> Double {
        get { self[flat: flatIndex(indices)] }
        set { self[flat: flatIndex(indices)] = newValue }
    }

    private func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "\(indices.count) indices for a rank-\(shape.count) tensor")
        var flat = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "index \(indices) out of range for shape \(shape)")
            flat = flat * extent + index
        }
        return flat
    }

    /// This tensor's values in another element type (self when the type already matches).
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return self }
        var result = Tensor(uninitializedShape: shape, dtype: target)
        withExtendedLifetime((self, result)) {
            let n = count
            switch target {
            case .float64: for i in 0..<n { result.doubles[i] = Double(floats[i]) }
            case .float32: for i in 0..<n { result.floats[i] = Float(doubles[i]) }
            }
        }
        result.shape = shape
        return result
    }

    /// A tensor of the same shape and type with `transform` applied to every element (a plain scalar loop
    /// for small tensors such as parameters, e.g. synflow's |θ|).
    public func mapScalars(_ transform: (Double) -> Double) -> Tensor {
        var result = Tensor(uninitializedShape: shape, dtype: dtype)
        withExtendedLifetime((self, result)) {
            let n = count
            switch dtype {
            case .float32: for i in 0..<n { result.floats[i] = Float(transform(Double(floats[i]))) }
            case .float64: for i in 0..<n { result.doubles[i] = transform(doubles[i]) }
            }
        }
        result.shape = shape
        return result
    }

    /// The same storage viewed with another shape of the same element count.
    public func reshaped(to newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        var result = self
        result.shape = newShape
        return result
    }

    /// A tensor of normal samples N(mean, standardDeviation²) drawn with the Box–Muller transform.
    public static func randomNormal<G: RandomNumberGenerator>(
        shape: [Int], mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32, using generator: inout G
    ) -> Tensor {
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        var i = 0
        while i < values.count {
            let u1 = uniformSample(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = uniformSample(in: 0..<1, using: &generator)
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            values[i] = mean + standardDeviation * radius * Foundation.cos(2 * Double.pi * u2)
            if i + 1 < values.count { values[i + 1] = mean + standardDeviation * radius * Foundation.sin(2 * Double.pi * u2) }
            i += 2
        }
        let double = Tensor(shape: shape, doubleScalars: values)
        return double.converted(to: dtype)
    }

    /// A tensor of uniform samples from `range`.
    public static func randomUniform<G: RandomNumberGenerator>(
        shape: [Int], in range: Range<Double>, dtype: DType = .float32, using generator: inout G
    ) -> Tensor {
        let values = (0..<shape.reduce(1, *)).map { _ in uniformSample(in: range, using: &generator) }
        return Tensor(shape: shape, doubleScalars: values).converted(to: dtype)
    }

    /// The value `Double.random(in: range, using: &generator)` returns, computed the same way (53 random bits
    /// scaled into the range, redrawn if the result rounds to the upper bound) but with one generic call per
    /// sample instead of generic arithmetic throughout, which is several times faster when `G` is not
    /// specialised across modules.
    @inline(__always)
    static func uniformSample<G: RandomNumberGenerator>(in range: Range<Double>, using generator: inout G) -> Double {
        let delta = range.upperBound - range.lowerBound
        while true {
            let bits: UInt64 = generator.next() & ((1 << 53) - 1)
            let value = delta * (Double(bits) * (Double.ulpOfOne / 2)) + range.lowerBound
            if value != range.upperBound { return value }
        }
    }
}
