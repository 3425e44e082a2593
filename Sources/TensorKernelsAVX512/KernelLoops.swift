import Dispatch
import Foundation

// Every generic loop of the kernels lives in this one file on purpose: in debug builds SwiftPM compiles a
// module file by file, and a generic SIMD helper defined in another file can then be neither inlined nor
// specialised, which makes the kernels thousands of times slower. Within one file `-Ounchecked` specialises
// and inlines everything; the public Float/Double entry points reach the loops through `@_specialize`d
// entry functions.

/// The generic implementations behind `Kernels`' public entry points.
enum KernelLoops {}

/// A scalar the kernels are written for, with its one-register SIMD vector.
protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable, SendableMetatype
where Vector.Scalar == Self, Half.Scalar == Self {
    /// The vector of one 512-bit register (16 floats or 8 doubles).
    associatedtype Vector: SIMD, SendableMetatype where Vector.MaskStorage: SendableMetatype
    /// The vector of half a register.
    associatedtype Half: SIMD
    /// Builds a full vector from two halves.
    static func join(_ low: Half, _ high: Half) -> Vector
    /// g where x > 0, else 0, lane-wise (written on the concrete type: the generic SIMD comparison
    /// falls back to a lane-by-lane loop).
    static func wherePositive(_ x: Vector, _ g: Vector) -> Vector
    /// The even-indexed lanes of a then of b (a one-instruction permute on AVX-512).
    static func evens(_ a: Vector, _ b: Vector) -> Vector
    /// The odd-indexed lanes of a then of b.
    static func odds(_ a: Vector, _ b: Vector) -> Vector
    /// The even-indexed lanes of one vector.
    static func evenHalf(_ v: Vector) -> Half
    /// The odd-indexed lanes of one vector.
    static func oddHalf(_ v: Vector) -> Half
    /// The lower half of a vector.
    static func lowHalf(_ v: Vector) -> Half
    /// The upper half of a vector.
    static func highHalf(_ v: Vector) -> Half
    /// a₀ b₀ a₁ b₁ … : two halves interleaved into one vector.
    static func interleave(_ a: Half, _ b: Half) -> Vector
    /// The even-indexed pairs of lanes of a then of b: (a₀a₁)(a₄a₅)…(b₀b₁)(b₄b₅)….
    static func evenPairs(_ a: Vector, _ b: Vector) -> Vector
    /// Bit k set where lane k of x is > 0 (NaN and ±0 are not).
    static func positiveBits(_ x: Vector) -> UInt64
}

extension Float: KernelScalar {
    typealias Vector = SIMD16<Float>
    typealias Half = SIMD8<Float>
    @inline(__always) static func join(_ low: Half, _ high: Half) -> Vector { Vector(lowHalf: low, highHalf: high) }
    @inline(__always) static func wherePositive(_ x: Vector, _ g: Vector) -> Vector {
        Vector().replacing(with: g, where: x .> Vector())
    }
    @inline(__always) static func evens(_ a: Vector, _ b: Vector) -> Vector { Vector(lowHalf: a.evenHalf, highHalf: b.evenHalf) }
    @inline(__always) static func odds(_ a: Vector, _ b: Vector) -> Vector { Vector(lowHalf: a.oddHalf, highHalf: b.oddHalf) }
    @inline(__always) static func evenHalf(_ v: Vector) -> Half { v.evenHalf }
    @inline(__always) static func oddHalf(_ v: Vector) -> Half { v.oddHalf }
    @inline(__always) static func lowHalf(_ v: Vector) -> Half { v.lowHalf }
    @inline(__always) static func highHalf(_ v: Vector) -> Half { v.highHalf }
    @inline(__always) static func interleave(_ a: Half, _ b: Half) -> Vector {
        Vector(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }
    @inline(__always) static func evenPairs(_ a: Vector, _ b: Vector) -> Vector {
        let wideA = unsafeBitCast(a, to: SIMD8<UInt64>.self), wideB = unsafeBitCast(b, to: SIMD8<UInt64>.self)
        return unsafeBitCast(SIMD8<UInt64>(lowHalf: wideA.evenHalf, highHalf: wideB.evenHalf), to: Vector.self)
    }
    @inline(__always) static func positiveBits(_ x: Vector) -> UInt64 {
        let powers = SIMD16<UInt32>(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
        return UInt64(SIMD16<UInt32>().replacing(with: powers, where: x .> Vector()).wrappedSum())
    }
}

extension Double: KernelScalar {
    typealias Vector = SIMD8<Double>
    typealias Half = SIMD4<Double>
    @inline(__always) static func join(_ low: Half, _ high: Half) -> Vector { Vector(lowHalf: low, highHalf: high) }
    @inline(__always) static func wherePositive(_ x: Vector, _ g: Vector) -> Vector {
        Vector().replacing(with: g, where: x .> Vector())
    }
    @inline(__always) static func evens(_ a: Vector, _ b: Vector) -> Vector { Vector(lowHalf: a.evenHalf, highHalf: b.evenHalf) }
    @inline(__always) static func odds(_ a: Vector, _ b: Vector) -> Vector { Vector(lowHalf: a.oddHalf, highHalf: b.oddHalf) }
    @inline(__always) static func evenHalf(_ v: Vector) -> Half { v.evenHalf }
    @inline(__always) static func oddHalf(_ v: Vector) -> Half { v.oddHalf }
    @inline(__always) static func lowHalf(_ v: Vector) -> Half { v.lowHalf }
    @inline(__always) static func highHalf(_ v: Vector) -> Half { v.highHalf }
    @inline(__always) static func interleave(_ a: Half, _ b: Half) -> Vector {
        Vector(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3])
    }
    @inline(__always) static func evenPairs(_ a: Vector, _ b: Vector) -> Vector {
        Vector(a[0], a[1], a[4], a[5], b[0], b[1], b[4], b[5])
    }
    @inline(__always) static func positiveBits(_ x: Vector) -> UInt64 {
        let powers = SIMD8<UInt64>(1, 2, 4, 8, 16, 32, 64, 128)
        return SIMD8<UInt64>().replacing(with: powers, where: x .> Vector()).wrappedSum()
    }
}

/// `accumulator + a * b`, fused when the target has FMA (a plain multiply-add otherwise, since an unfused
/// target would lower a fused SIMD multiply-add to scalar library calls).
@inline(__always)
func multiplyAdd<V: SIMD>(_ accumulator: V, _ a: V, _ b: V) -> V where V.Scalar: FloatingPoint {
    #if TENSOR_KERNELS_FMA
    return accumulator.addingProduct(a, b)
    #else
    return accumulator + a * b
    #endif
}

/// `accumulator + s * b` for a scalar `s` broadcast to every lane.
@inline(__always)
func multiplyAdd<V: SIMD>(_ accumulator: V, _ s: V.Scalar, _ b: V) -> V where V.Scalar: FloatingPoint {
    multiplyAdd(accumulator, V(repeating: s), b)
}

/// Loads a vector from a possibly unaligned address.
@inline(__always)
func loadVector<T: KernelScalar>(_ pointer: UnsafePointer<T>) -> T.Vector {
    UnsafeRawPointer(pointer).loadUnaligned(as: T.Vector.self)
}

/// Loads half a vector from a possibly unaligned address.
@inline(__always)
func loadHalf<T: KernelScalar>(_ pointer: UnsafePointer<T>) -> T.Half {
    UnsafeRawPointer(pointer).loadUnaligned(as: T.Half.self)
}

/// Stores a vector to a possibly unaligned address.
@inline(__always)
func storeVector<T: KernelScalar>(_ vector: T.Vector, _ pointer: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: T.Vector.self)
}

/// Stores a half vector to a possibly unaligned address.
@inline(__always)
func storeHalf<T: KernelScalar>(_ half: T.Half, _ pointer: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: half, as: T.Half.self)
}

/// Allocates uninitialised scratch memory aligned to a cache line.
@inline(__always)
func allocateScratch<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<T>.stride, alignment: 64)
    return raw.bindMemory(to: T.self, capacity: max(count, 1))
}

/// A pointer that may be shared with the worker threads of one kernel call, each writing a disjoint part.
struct SharedPointer<T>: @unchecked Sendable {
    /// The address.
    let pointer: UnsafeMutablePointer<T>
    /// Wraps a mutable pointer.
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
    /// Wraps a read-only pointer (the kernels never write through it).
    init(_ pointer: UnsafePointer<T>) { self.pointer = UnsafeMutablePointer(mutating: pointer) }
}

/// Runs `body(part, range)` for `parts` contiguous slices of `0..<count`, on up to `parts` threads.
///
/// `parts == 1` runs inline: callers choose the part count from the work size (a slice should be ≥ ~0.5 ms).
/// The other parts run on `WorkerPool`'s persistent threads; when the pool is busy (another thread is in a
/// parallel kernel) the parts run one after another on the caller, which gives the same result.
func parallelRanges(count: Int, parts requested: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
    let parts = max(1, min(requested, count))
    @Sendable func slice(_ part: Int) -> Range<Int> { (count * part / parts)..<(count * (part + 1) / parts) }
    if parts == 1 {
        body(0, 0..<count)
        return
    }
    let ran = withoutActuallyEscaping(body) { escapable in
        WorkerPool.shared.run(parts: parts) { part in escapable(part, slice(part)) }
    }
    if !ran {
        for part in 0..<parts { body(part, slice(part)) }
    }
}

/// Persistent worker threads for the kernels' parallel parts.
///
/// Dispatch's `concurrentPerform` was measured to run its iterations one after another on this Linux
/// machine when other processes kept the cores busy, so the kernels keep their own threads: the caller
/// runs part 0 and wakes one parked worker per further part with a semaphore.
final class WorkerPool: @unchecked Sendable {
    /// The process-wide pool (workers are started on first use).
    static let shared = WorkerPool()

    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var starts: [DispatchSemaphore] = []
    private var job: (@Sendable (Int) -> Void)?

    /// Runs `body(0)` on the caller and `body(1)`…`body(parts − 1)` on workers, returning when all are done;
    /// returns false without running anything if the pool is in use by another thread.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        guard lock.try() else { return false }
        defer { lock.unlock() }
        while starts.count < parts - 1 { startWorker(index: starts.count) }
        job = body
        for worker in 0..<(parts - 1) { starts[worker].signal() }
        body(0)
        for _ in 0..<(parts - 1) { done.wait() }
        job = nil
        return true
    }

    private func startWorker(index: Int) {
        let start = DispatchSemaphore(value: 0)
        starts.append(start)
        let thread = Thread { [unowned self] in
            while true {
                start.wait()
                self.job?(index + 1)
                self.done.signal()
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// The number of threads worth using for `work` scalar operations: one below 65536 (waking a worker costs
/// ~10 µs, a pass over 256 KiB about as much), else `threads`.
@inline(__always)
func threadsFor(work: Int, threads: Int) -> Int {
    work >= 1 << 16 ? max(1, threads) : 1
}

/// Geometry of a square-kernel 2-D convolution on contiguous NCHW tensors (no bias, no dilation).
struct ConvGeometry {
    let batch: Int, inChannels: Int, height: Int, width: Int
    let outChannels: Int, kernel: Int, stride: Int, padding: Int

    var outHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
    var outWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
    var depth: Int { inChannels * kernel * kernel }
    var inImage: Int { inChannels * height * width }
    var outPlane: Int { outHeight * outWidth }
    var outImage: Int { outChannels * outPlane }
    var paddedHeight: Int { height + 2 * padding }
    var paddedWidth: Int { width + 2 * padding }
}

/// How the patches (the B operand, K = inChannels·k·k rows by output pixels) of a group of images are
/// presented to the micro-kernels: straight from the image (1x1), from a zero-padded copy (3x3 stride 1:
/// a patch row is a shifted load), or gathered into packed panels (stride 2, odd widths).
///
/// Output pixels are grouped in vectors of W (flat order); `vectorBases[v]` is where vector v starts in a
/// prepared image and `kOffsets[k]` the offset of patch row k from there.
struct PatchSource<T: KernelScalar>: @unchecked Sendable {
    enum Mode { case flat, direct, packed }

    let geometry: ConvGeometry
    let mode: Mode
    let split: Int
    let vectors: Int
    let slotSize: Int
    let slots: Int
    let kOffsets: UnsafeMutablePointer<Int>
    let vectorBases: UnsafeMutablePointer<Int>
    let scratch: UnsafeMutablePointer<T>
    let padded: UnsafeMutablePointer<T>
    let laneOffsets: UnsafeMutablePointer<Int>
    /// Whether the images pass through max(·, 0) on their way in (a ReLU fused before the convolution).
    let relu: Bool

    init(_ g: ConvGeometry, slots: Int, relu: Bool = false) {
        geometry = g
        self.slots = slots
        self.relu = relu
        let width = T.Vector.scalarCount
        let plane = g.outPlane
        vectors = (plane + width - 1) / width
        let hp = g.paddedHeight, wp = g.paddedWidth
        if g.kernel == 1 && g.stride == 1 && g.padding == 0 && plane % width == 0 {
            mode = .flat; split = 0
        } else if g.stride == 1 && g.outWidth % width == 0 {
            mode = .direct; split = 0
        } else if g.stride == 1 && 2 * g.outWidth == width && g.outHeight % 2 == 0 {
            mode = .direct; split = wp
        } else {
            mode = .packed; split = 0
        }
        kOffsets = allocateScratch(Int.self, count: g.depth)
        vectorBases = allocateScratch(Int.self, count: vectors)
        laneOffsets = allocateScratch(Int.self, count: mode == .packed ? vectors * width : 1)
        switch mode {
        case .flat:
            slotSize = g.inImage
            for ci in 0..<g.inChannels { kOffsets[ci] = ci * g.height * g.width }
            for v in 0..<vectors { vectorBases[v] = v * width }
            scratch = allocateScratch(T.self, count: relu ? slots * slotSize : 1)
            padded = allocateScratch(T.self, count: 1)
        case .direct:
            slotSize = g.padding == 0 ? g.inImage : g.inChannels * hp * wp
            var k = 0
            for ci in 0..<g.inChannels {
                for ky in 0..<g.kernel {
                    for kx in 0..<g.kernel {
                        kOffsets[k] = (ci * hp + ky) * wp + kx
                        k += 1
                    }
                }
            }
            for v in 0..<vectors {
                let q = v * width
                vectorBases[v] = (q / g.outWidth) * wp + q % g.outWidth
            }
            scratch = allocateScratch(T.self, count: g.padding == 0 && !relu ? 1 : slots * slotSize)
            padded = allocateScratch(T.self, count: 1)
        case .packed:
            slotSize = vectors * g.depth * width
            for k in 0..<g.depth { kOffsets[k] = k * width }
            for v in 0..<vectors { vectorBases[v] = v * g.depth * width }
            for v in 0..<vectors {
                for lane in 0..<width {
                    let q = v * width + lane
                    laneOffsets[v * width + lane] = q < plane
                        ? (q / g.outWidth) * g.stride * wp + (q % g.outWidth) * g.stride : -1
                }
            }
            scratch = allocateScratch(T.self, count: slots * slotSize)
            padded = allocateScratch(T.self, count: g.inChannels * hp * wp)
        }
    }

    func deallocate() {
        kOffsets.deallocate(); vectorBases.deallocate(); laneOffsets.deallocate()
        scratch.deallocate(); padded.deallocate()
    }

    /// The distance between consecutive prepared images, for the base returned by `prepare`.
    var imageStride: Int { mode == .flat || (mode == .direct && geometry.padding == 0) ? geometry.inImage : slotSize }

    /// Prepares `count` consecutive images starting at `images` (count ≤ slots); returns the base pointer
    /// that `vectorBases` (plus `slot * imageStride`) and `kOffsets` are relative to.
    func prepare(_ images: UnsafePointer<T>, count: Int) -> UnsafePointer<T> {
        let g = geometry
        switch mode {
        case .flat, .direct:
            if g.padding == 0 && !relu { return images }
            for slot in 0..<count {
                KernelLoops.pad(images + slot * g.inImage, into: scratch + slot * slotSize,
                            channels: g.inChannels, height: g.height, width: g.width, padding: g.padding, relu: relu)
            }
            return UnsafePointer(scratch)
        case .packed:
            let width = T.Vector.scalarCount
            let hp = g.paddedHeight, wp = g.paddedWidth, k2 = g.kernel * g.kernel
            for slot in 0..<count {
                KernelLoops.pad(images + slot * g.inImage, into: padded,
                            channels: g.inChannels, height: g.height, width: g.width, padding: g.padding, relu: relu)
                let target = scratch + slot * slotSize
                for v in 0..<vectors {
                    let lanes = laneOffsets + v * width
                    let panel = target + v * g.depth * width
                    for k in 0..<g.depth {
                        let ci = k / k2, ky = (k % k2) / g.kernel, kx = k % g.kernel
                        let source = UnsafePointer(padded) + (ci * hp + ky) * wp + kx
                        let row = panel + k * width
                        for lane in 0..<width {
                            let offset = lanes[lane]
                            row[lane] = offset >= 0 ? source[offset] : 0
                        }
                    }
                }
            }
            return UnsafePointer(scratch)
        }
    }
}

/// Register-tiled inner loops shared by GEMM and convolution.
///
/// `rowTile16`: C[16 × W] (+)= A[16 × K] · B[K × W], W = one vector of lanes. A is packed k-major
/// (`packedA[k * 16 + row]`), so each step broadcasts 16 consecutive scalars; row k of B is the vector at
/// `b + offsets[k]`, which lets one loop read a packed panel (`offsets[k] = k * W`), a row-major matrix
/// (`k * ldb`), a plain image (`channel * H * W`) or a 3x3 neighbourhood of a padded image
/// (`(ci * Hp + ky) * Wp + kx`) without an im2col buffer. With `split > 0` a B vector is two half vectors,
/// at `p` and `p + split` (two rows of an 8-wide image). 16 accumulators stay in registers for all K.
///
/// `dotTile8x3`: acc[8 × 3] += A_i(v) ⊙ B_j(v) over vectors v (a GEMM whose reduction runs along contiguous
/// memory, e.g. a convolution's weight gradient); 24 vector accumulators kept in memory between calls and
/// reduced across lanes once by the caller.
extension KernelLoops {
    @inline(__always)
    static func loadB<T: KernelScalar>(_ pointer: UnsafePointer<T>, split: Int) -> T.Vector {
        if split == 0 { return loadVector(pointer) }
        return T.join(loadHalf(pointer), loadHalf(pointer + split))
    }

    @inline(never)
    static func rowTile16<T: KernelScalar>(
        depth: Int, packedA: UnsafePointer<T>, b: UnsafePointer<T>, offsets: UnsafePointer<Int>, split: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, rows: Int, lanes: Int, accumulate: Bool
    ) {
        if split == 0 {
            rowTile16Body(depth: depth, packedA: packedA, b: b, offsets: offsets, split: 0,
                          c: c, ldc: ldc, rows: rows, lanes: lanes, accumulate: accumulate)
        } else {
            rowTile16Body(depth: depth, packedA: packedA, b: b, offsets: offsets, split: split,
                          c: c, ldc: ldc, rows: rows, lanes: lanes, accumulate: accumulate)
        }
    }

    @inline(__always)
    static func rowTile16Body<T: KernelScalar>(
        depth: Int, packedA: UnsafePointer<T>, b: UnsafePointer<T>, offsets: UnsafePointer<Int>, split: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, rows: Int, lanes: Int, accumulate: Bool
    ) {
        typealias V = T.Vector
        var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V(), c6 = V(), c7 = V()
        var c8 = V(), c9 = V(), c10 = V(), c11 = V(), c12 = V(), c13 = V(), c14 = V(), c15 = V()
        var a = packedA
        for k in 0..<depth {
            let bv: V = loadB(b + offsets[k], split: split)
            c0 = multiplyAdd(c0, a[0], bv); c1 = multiplyAdd(c1, a[1], bv)
            c2 = multiplyAdd(c2, a[2], bv); c3 = multiplyAdd(c3, a[3], bv)
            c4 = multiplyAdd(c4, a[4], bv); c5 = multiplyAdd(c5, a[5], bv)
            c6 = multiplyAdd(c6, a[6], bv); c7 = multiplyAdd(c7, a[7], bv)
            c8 = multiplyAdd(c8, a[8], bv); c9 = multiplyAdd(c9, a[9], bv)
            c10 = multiplyAdd(c10, a[10], bv); c11 = multiplyAdd(c11, a[11], bv)
            c12 = multiplyAdd(c12, a[12], bv); c13 = multiplyAdd(c13, a[13], bv)
            c14 = multiplyAdd(c14, a[14], bv); c15 = multiplyAdd(c15, a[15], bv)
            a += 16
        }
        if rows == 16 && lanes == V.scalarCount {
            if accumulate {
                storeVector(c0 + loadVector(c), c)
                storeVector(c1 + loadVector(c + ldc), c + ldc)
                storeVector(c2 + loadVector(c + 2 * ldc), c + 2 * ldc)
                storeVector(c3 + loadVector(c + 3 * ldc), c + 3 * ldc)
                storeVector(c4 + loadVector(c + 4 * ldc), c + 4 * ldc)
                storeVector(c5 + loadVector(c + 5 * ldc), c + 5 * ldc)
                storeVector(c6 + loadVector(c + 6 * ldc), c + 6 * ldc)
                storeVector(c7 + loadVector(c + 7 * ldc), c + 7 * ldc)
                storeVector(c8 + loadVector(c + 8 * ldc), c + 8 * ldc)
                storeVector(c9 + loadVector(c + 9 * ldc), c + 9 * ldc)
                storeVector(c10 + loadVector(c + 10 * ldc), c + 10 * ldc)
                storeVector(c11 + loadVector(c + 11 * ldc), c + 11 * ldc)
                storeVector(c12 + loadVector(c + 12 * ldc), c + 12 * ldc)
                storeVector(c13 + loadVector(c + 13 * ldc), c + 13 * ldc)
                storeVector(c14 + loadVector(c + 14 * ldc), c + 14 * ldc)
                storeVector(c15 + loadVector(c + 15 * ldc), c + 15 * ldc)
            } else {
                storeVector(c0, c); storeVector(c1, c + ldc); storeVector(c2, c + 2 * ldc)
                storeVector(c3, c + 3 * ldc); storeVector(c4, c + 4 * ldc); storeVector(c5, c + 5 * ldc)
                storeVector(c6, c + 6 * ldc); storeVector(c7, c + 7 * ldc); storeVector(c8, c + 8 * ldc)
                storeVector(c9, c + 9 * ldc); storeVector(c10, c + 10 * ldc); storeVector(c11, c + 11 * ldc)
                storeVector(c12, c + 12 * ldc); storeVector(c13, c + 13 * ldc); storeVector(c14, c + 14 * ldc)
                storeVector(c15, c + 15 * ldc)
            }
            return
        }
        @inline(__always) func store(_ row: Int, _ value: V) {
            guard row < rows else { return }
            let target = c + row * ldc
            for lane in 0..<lanes {
                target[lane] = accumulate ? target[lane] + value[lane] : value[lane]
            }
        }
        store(0, c0); store(1, c1); store(2, c2); store(3, c3); store(4, c4); store(5, c5)
        store(6, c6); store(7, c7); store(8, c8); store(9, c9); store(10, c10); store(11, c11)
        store(12, c12); store(13, c13); store(14, c14); store(15, c15)
    }

    @inline(never)
    static func dotTile8x3<T: KernelScalar>(
        vectors: Int, a: UnsafePointer<T>, aRows: UnsafePointer<Int>, aBases: UnsafePointer<Int>,
        b: UnsafePointer<T>, bRows: UnsafePointer<Int>, bBases: UnsafePointer<Int>, split: Int,
        accumulators: UnsafeMutablePointer<T.Vector>
    ) {
        if split == 0 {
            dotTile8x3Body(vectors: vectors, a: a, aRows: aRows, aBases: aBases, b: b, bRows: bRows,
                           bBases: bBases, split: 0, accumulators: accumulators)
        } else {
            dotTile8x3Body(vectors: vectors, a: a, aRows: aRows, aBases: aBases, b: b, bRows: bRows,
                           bBases: bBases, split: split, accumulators: accumulators)
        }
    }

    @inline(__always)
    static func dotTile8x3Body<T: KernelScalar>(
        vectors: Int, a: UnsafePointer<T>, aRows: UnsafePointer<Int>, aBases: UnsafePointer<Int>,
        b: UnsafePointer<T>, bRows: UnsafePointer<Int>, bBases: UnsafePointer<Int>, split: Int,
        accumulators acc: UnsafeMutablePointer<T.Vector>
    ) {
        typealias V = T.Vector
        var c00 = acc[0], c01 = acc[1], c02 = acc[2], c10 = acc[3], c11 = acc[4], c12 = acc[5]
        var c20 = acc[6], c21 = acc[7], c22 = acc[8], c30 = acc[9], c31 = acc[10], c32 = acc[11]
        var c40 = acc[12], c41 = acc[13], c42 = acc[14], c50 = acc[15], c51 = acc[16], c52 = acc[17]
        var c60 = acc[18], c61 = acc[19], c62 = acc[20], c70 = acc[21], c71 = acc[22], c72 = acc[23]
        let a0 = a + aRows[0], a1 = a + aRows[1], a2 = a + aRows[2], a3 = a + aRows[3]
        let a4 = a + aRows[4], a5 = a + aRows[5], a6 = a + aRows[6], a7 = a + aRows[7]
        let b0 = b + bRows[0], b1 = b + bRows[1], b2 = b + bRows[2]
        for v in 0..<vectors {
            let ao = aBases[v], bo = bBases[v]
            let x0: V = loadB(b0 + bo, split: split), x1: V = loadB(b1 + bo, split: split)
            let x2: V = loadB(b2 + bo, split: split)
            var g: V = loadVector(a0 + ao)
            c00 = multiplyAdd(c00, g, x0); c01 = multiplyAdd(c01, g, x1); c02 = multiplyAdd(c02, g, x2)
            g = loadVector(a1 + ao)
            c10 = multiplyAdd(c10, g, x0); c11 = multiplyAdd(c11, g, x1); c12 = multiplyAdd(c12, g, x2)
            g = loadVector(a2 + ao)
            c20 = multiplyAdd(c20, g, x0); c21 = multiplyAdd(c21, g, x1); c22 = multiplyAdd(c22, g, x2)
            g = loadVector(a3 + ao)
            c30 = multiplyAdd(c30, g, x0); c31 = multiplyAdd(c31, g, x1); c32 = multiplyAdd(c32, g, x2)
            g = loadVector(a4 + ao)
            c40 = multiplyAdd(c40, g, x0); c41 = multiplyAdd(c41, g, x1); c42 = multiplyAdd(c42, g, x2)
            g = loadVector(a5 + ao)
            c50 = multiplyAdd(c50, g, x0); c51 = multiplyAdd(c51, g, x1); c52 = multiplyAdd(c52, g, x2)
            g = loadVector(a6 + ao)
            c60 = multiplyAdd(c60, g, x0); c61 = multiplyAdd(c61, g, x1); c62 = multiplyAdd(c62, g, x2)
            g = loadVector(a7 + ao)
            c70 = multiplyAdd(c70, g, x0); c71 = multiplyAdd(c71, g, x1); c72 = multiplyAdd(c72, g, x2)
        }
        acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c10; acc[4] = c11; acc[5] = c12
        acc[6] = c20; acc[7] = c21; acc[8] = c22; acc[9] = c30; acc[10] = c31; acc[11] = c32
        acc[12] = c40; acc[13] = c41; acc[14] = c42; acc[15] = c50; acc[16] = c51; acc[17] = c52
        acc[18] = c60; acc[19] = c61; acc[20] = c62; acc[21] = c70; acc[22] = c71; acc[23] = c72
    }
}

extension KernelLoops {
    /// Copies `channels` planes into a zero-bordered buffer of (height + 2p) × (width + 2p) planes.
    static func pad<T: KernelScalar>(
        _ source: UnsafePointer<T>, into target: UnsafeMutablePointer<T>,
        channels: Int, height: Int, width: Int, padding: Int, relu: Bool = false
    ) {
        let wp = width + 2 * padding, hp = height + 2 * padding
        if padding == 0 {
            copy(source, into: target, count: channels * height * width, relu: relu)
            return
        }
        for c in 0..<channels {
            let plane = target + c * hp * wp
            plane.update(repeating: 0, count: padding * wp)
            for y in 0..<height {
                let row = plane + (y + padding) * wp
                row.update(repeating: 0, count: padding)
                copy(source + (c * height + y) * width, into: row + padding, count: width, relu: relu)
                (row + padding + width).update(repeating: 0, count: padding)
            }
            (plane + (height + padding) * wp).update(repeating: 0, count: padding * wp)
        }
    }

    /// Copies `count` values, through max(·, 0) when `relu` (the fused ReLU before a convolution).
    @inline(__always)
    static func copy<T: KernelScalar>(_ source: UnsafePointer<T>, into target: UnsafeMutablePointer<T>, count: Int, relu: Bool) {
        guard relu else {
            target.update(from: source, count: count)
            return
        }
        let width = T.Vector.scalarCount
        var i = 0
        while i + width <= count {
            storeVector(pointwiseMax(loadVector(source + i), T.Vector()), target + i)
            i += width
        }
        while i < count { target[i] = max(source[i], 0); i += 1 }
    }

    /// Packs rows `0..<rows` of a matrix given by `element(row, k)` into 16-row k-major panels,
    /// zero-filling rows past the end: panel p holds `packed[(p * depth + k) * 16 + r] = element(16p + r, k)`.
    @inline(__always)
    static func packPanels<T: KernelScalar>(
        rows: Int, depth: Int, _ element: (Int, Int) -> T
    ) -> UnsafeMutablePointer<T> {
        let panels = (rows + 15) / 16
        let packed = allocateScratch(T.self, count: panels * depth * 16)
        for p in 0..<panels {
            for k in 0..<depth {
                let target = packed + (p * depth + k) * 16
                for r in 0..<16 {
                    let row = p * 16 + r
                    target[r] = row < rows ? element(row, k) : 0
                }
            }
        }
        return packed
    }

    /// Forward convolution with weights already packed into panels of `outChannels` rows by `depth`.
    static func convolve<T: KernelScalar>(
        _ g: ConvGeometry, input: UnsafePointer<T>, packedWeight: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, threads: Int, relu: Bool = false
    ) {
        let width = T.Vector.scalarCount
        let plane = g.outPlane
        let panels = (g.outChannels + 15) / 16
        let work = g.batch * plane * g.depth * g.outChannels
        let parts = threadsFor(work: work / 4, threads: threads)
        let sharedInput = SharedPointer(input), sharedOutput = SharedPointer(output)
        let sharedWeight = SharedPointer(packedWeight)

        @Sendable @inline(__always) func run(
            _ source: PatchSource<T>, base: UnsafePointer<T>, image: Int, vectors: Range<Int>
        ) {
            let out = sharedOutput.pointer + image * g.outImage
            for v in vectors {
                let lanes = min(width, plane - v * width)
                let b = base + source.vectorBases[v]
                for p in 0..<panels {
                    rowTile16(depth: g.depth, packedA: sharedWeight.pointer + p * g.depth * 16, b: b,
                              offsets: source.kOffsets, split: source.split,
                              c: out + p * 16 * plane + v * width, ldc: plane,
                              rows: min(16, g.outChannels - p * 16), lanes: lanes, accumulate: false)
                }
            }
        }

        if g.batch >= parts {
            parallelRanges(count: g.batch, parts: parts) { _, images in
                let source = PatchSource<T>(g, slots: 1, relu: relu)
                defer { source.deallocate() }
                for n in images {
                    let base = source.prepare(sharedInput.pointer + n * g.inImage, count: 1)
                    run(source, base: base, image: n, vectors: 0..<source.vectors)
                }
            }
        } else {
            let source = PatchSource<T>(g, slots: 1, relu: relu)
            defer { source.deallocate() }
            for n in 0..<g.batch {
                let base = SharedPointer(source.prepare(input + n * g.inImage, count: 1))
                parallelRanges(count: source.vectors, parts: parts) { _, vectors in
                    run(source, base: UnsafePointer(base.pointer), image: n, vectors: vectors)
                }
            }
        }
    }

    /// y = conv(x, w): x [N, Cin, H, W], w [Cout, Cin, k, k], y [N, Cout, Ho, Wo].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2dForward<T: KernelScalar>(
        _ g: ConvGeometry, input: UnsafePointer<T>, weight: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, threads: Int, winograd: Bool, relu: Bool
    ) {
        if winograd && winogradApplies(g) {
            let transformed = winogradWeights(outChannels: g.outChannels, inChannels: g.inChannels) { co, ci, ky, kx in
                weight[((co * g.inChannels + ci) * 3 + ky) * 3 + kx]
            }
            defer { transformed.deallocate() }
            winogradConvolve(g, input: input, transformedWeight: transformed, output: output, threads: threads,
                             relu: relu)
            return
        }
        let packed = packPanels(rows: g.outChannels, depth: g.depth) { row, k in weight[row * g.depth + k] }
        defer { packed.deallocate() }
        convolve(g, input: input, packedWeight: packed, output: output, threads: threads, relu: relu)
    }

    /// dx = ∂L/∂x from dy: a stride-1 convolution of dy with the flipped, transposed kernel when possible,
    /// else a GEMM (wᵀ · dy) followed by a scatter-add of the columns (col2im).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2dBackwardInput<T: KernelScalar>(
        _ g: ConvGeometry, gradOutput: UnsafePointer<T>, weight: UnsafePointer<T>,
        gradInput: UnsafeMutablePointer<T>, threads: Int, winograd: Bool
    ) {
        let k = g.kernel, k2 = k * k
        if g.stride == 1 && g.padding <= k - 1 {
            let transposed = ConvGeometry(
                batch: g.batch, inChannels: g.outChannels, height: g.outHeight, width: g.outWidth,
                outChannels: g.inChannels, kernel: k, stride: 1, padding: k - 1 - g.padding)
            if winograd && winogradApplies(transposed) {
                let transformed = winogradWeights(outChannels: g.inChannels, inChannels: g.outChannels) { ci, co, ky, kx in
                    weight[((co * g.inChannels + ci) * 3 + (2 - ky)) * 3 + (2 - kx)]
                }
                defer { transformed.deallocate() }
                winogradConvolve(transposed, input: gradOutput, transformedWeight: transformed, output: gradInput,
                                 threads: threads)
                return
            }
            let packed = packPanels(rows: g.inChannels, depth: transposed.depth) { ci, index in
                let co = index / k2, ky = (index % k2) / k, kx = index % k
                return weight[((co * g.inChannels + ci) * k + (k - 1 - ky)) * k + (k - 1 - kx)]
            }
            defer { packed.deallocate() }
            convolve(transposed, input: gradOutput, packedWeight: packed, output: gradInput, threads: threads)
            return
        }
        // General case: columns[K × P] = wᵀ[K × Cout] · dy[Cout × P], then col2im.
        let plane = g.outPlane, width = T.Vector.scalarCount
        let packed = packPanels(rows: g.depth, depth: g.outChannels) { row, co in weight[co * g.depth + row] }
        defer { packed.deallocate() }
        let asMatrix = ConvGeometry(batch: g.batch, inChannels: g.outChannels, height: g.outHeight,
                                    width: g.outWidth, outChannels: g.depth, kernel: 1, stride: 1, padding: 0)
        let panels = (g.depth + 15) / 16
        let parts = threadsFor(work: g.batch * plane * g.depth * g.outChannels / 4, threads: threads)
        let sharedGradOutput = SharedPointer(gradOutput), sharedGradInput = SharedPointer(gradInput)
        let sharedWeight = SharedPointer(packed)
        parallelRanges(count: g.batch, parts: parts) { _, images in
            let source = PatchSource<T>(asMatrix, slots: 1)
            let columns = allocateScratch(T.self, count: g.depth * plane)
            let hp = g.paddedHeight, wp = g.paddedWidth
            let paddedGrad = allocateScratch(T.self, count: g.inChannels * hp * wp)
            defer { source.deallocate(); columns.deallocate(); paddedGrad.deallocate() }
            for n in images {
                let base = source.prepare(sharedGradOutput.pointer + n * g.outImage, count: 1)
                for v in 0..<source.vectors {
                    let lanes = min(width, plane - v * width)
                    for p in 0..<panels {
                        rowTile16(depth: g.outChannels, packedA: sharedWeight.pointer + p * g.outChannels * 16,
                                  b: base + source.vectorBases[v], offsets: source.kOffsets, split: 0,
                                  c: columns + p * 16 * plane + v * width, ldc: plane,
                                  rows: min(16, g.depth - p * 16), lanes: lanes, accumulate: false)
                    }
                }
                paddedGrad.update(repeating: 0, count: g.inChannels * hp * wp)
                for index in 0..<g.depth {
                    let ci = index / k2, ky = (index % k2) / k, kx = index % k
                    let row = columns + index * plane
                    let target = paddedGrad + (ci * hp + ky) * wp + kx
                    for oy in 0..<g.outHeight {
                        let line = target + oy * g.stride * wp
                        for ox in 0..<g.outWidth {
                            line[ox * g.stride] += row[oy * g.outWidth + ox]
                        }
                    }
                }
                let out = sharedGradInput.pointer + n * g.inImage
                for ci in 0..<g.inChannels {
                    for y in 0..<g.height {
                        (out + (ci * g.height + y) * g.width).update(
                            from: paddedGrad + (ci * hp + y + g.padding) * wp + g.padding, count: g.width)
                    }
                }
            }
        }
    }

    /// dw = ∂L/∂w = Σ_n dy_n · patches(x_n)ᵀ, overwriting `gradWeight` [Cout, Cin, k, k].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2dBackwardWeight<T: KernelScalar>(
        _ g: ConvGeometry, input: UnsafePointer<T>, gradOutput: UnsafePointer<T>,
        gradWeight: UnsafeMutablePointer<T>, threads: Int, winograd: Bool, relu: Bool
    ) {
        if winograd && winogradApplies(g) {
            winogradWeightGradient(g, input: input, gradOutput: gradOutput, gradWeight: gradWeight, threads: threads,
                                   relu: relu)
            return
        }
        typealias V = T.Vector
        let width = V.scalarCount
        let plane = g.outPlane, depth = g.depth, rowsOut = g.outChannels
        let rowBlocks = (rowsOut + 7) / 8, columnBlocks = (depth + 2) / 3
        let groupSize = max(1, 1024 / max(plane, 1))
        let parts = threadsFor(work: g.batch * plane * depth * rowsOut / 4, threads: threads)
        let partials = allocateScratch(T.self, count: parts * rowsOut * depth)
        defer { partials.deallocate() }
        let sharedInput = SharedPointer(input), sharedGradOutput = SharedPointer(gradOutput)
        let sharedPartials = SharedPointer(partials)
        let vectorsPerImage = (plane + width - 1) / width
        let gradPacked = plane % width != 0

        parallelRanges(count: g.batch, parts: parts) { part, images in
            let slots = min(groupSize, images.count)
            let source = PatchSource<T>(g, slots: slots, relu: relu)
            let accumulators = allocateScratch(V.self, count: rowBlocks * columnBlocks * 24)
            accumulators.initialize(repeating: V(), count: rowBlocks * columnBlocks * 24)
            let aBases = allocateScratch(Int.self, count: slots * vectorsPerImage)
            let bBases = allocateScratch(Int.self, count: slots * vectorsPerImage)
            let gradScratch = allocateScratch(T.self, count: gradPacked ? slots * vectorsPerImage * rowsOut * width : 1)
            var aRows = [Int](repeating: 0, count: 8), bRows = [Int](repeating: 0, count: 3)
            defer {
                source.deallocate(); accumulators.deallocate(); aBases.deallocate(); bBases.deallocate()
                gradScratch.deallocate()
            }
            var first = images.lowerBound
            while first < images.upperBound {
                let count = min(slots, images.upperBound - first)
                let xBase = source.prepare(sharedInput.pointer + first * g.inImage, count: count)
                var gBase = UnsafePointer(sharedGradOutput.pointer + first * g.outImage)
                let gradRowStride: Int
                if gradPacked {
                    for slot in 0..<count {
                        for v in 0..<vectorsPerImage {
                            for co in 0..<rowsOut {
                                let target = gradScratch + ((slot * vectorsPerImage + v) * rowsOut + co) * width
                                for lane in 0..<width {
                                    let q = v * width + lane
                                    target[lane] = q < plane ? gBase[(slot * rowsOut + co) * plane + q] : 0
                                }
                            }
                        }
                    }
                    gBase = UnsafePointer(gradScratch)
                    gradRowStride = width
                } else {
                    gradRowStride = plane
                }
                var total = 0
                for slot in 0..<count {
                    for v in 0..<vectorsPerImage {
                        aBases[total] = gradPacked ? (slot * vectorsPerImage + v) * rowsOut * width
                                                   : slot * g.outImage + v * width
                        bBases[total] = slot * source.imageStride + source.vectorBases[v]
                        total += 1
                    }
                }
                for rb in 0..<rowBlocks {
                    for r in 0..<8 { aRows[r] = min(rb * 8 + r, rowsOut - 1) * gradRowStride }
                    for cb in 0..<columnBlocks {
                        for c in 0..<3 { bRows[c] = source.kOffsets[min(cb * 3 + c, depth - 1)] }
                        dotTile8x3(vectors: total, a: gBase, aRows: aRows, aBases: aBases,
                                   b: xBase, bRows: bRows, bBases: bBases, split: source.split,
                                   accumulators: accumulators + (rb * columnBlocks + cb) * 24)
                    }
                }
                first += count
            }
            let partial = sharedPartials.pointer + part * rowsOut * depth
            for co in 0..<rowsOut {
                for k in 0..<depth {
                    let tile = accumulators + ((co / 8) * columnBlocks + k / 3) * 24
                    partial[co * depth + k] = tile[(co % 8) * 3 + k % 3].sum()
                }
            }
        }
        let usedParts = max(1, min(parts, g.batch))
        for index in 0..<(rowsOut * depth) {
            var sum = partials[index]
            for part in 1..<max(usedParts, 1) { sum += partials[part * rowsOut * depth + index] }
            gradWeight[index] = sum
        }
    }
}

extension KernelLoops {
    /// C (+)= op(A) · op(B) with op(A) [m × k], op(B) [k × n], all row-major with leading dimensions.
    ///
    /// A is packed once into 16-row panels; B is read in place (row-major, full vectors) or packed per
    /// vector-wide column tile (transposed or ragged), in depth blocks of 256 so a tile stays in L1 while
    /// every panel of A passes over it.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gemm<T: KernelScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool, threads: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let width = T.Vector.scalarCount
        let blockDepth = 256
        let packed = packPanels(rows: m, depth: k) { i, kk in transposeA ? a[kk * lda + i] : a[i * lda + kk] }
        defer { packed.deallocate() }
        let panels = (m + 15) / 16
        let tiles = (n + width - 1) / width
        let parts = threadsFor(work: m * n * k / 4, threads: threads)
        let sharedA = SharedPointer(packed), sharedB = SharedPointer(b), sharedC = SharedPointer(c)
        parallelRanges(count: tiles, parts: parts) { _, tileRange in
            let panel = allocateScratch(T.self, count: blockDepth * width)
            let packedOffsets = allocateScratch(Int.self, count: blockDepth)
            let rowOffsets = allocateScratch(Int.self, count: blockDepth)
            defer { panel.deallocate(); packedOffsets.deallocate(); rowOffsets.deallocate() }
            for kk in 0..<blockDepth { packedOffsets[kk] = kk * width; rowOffsets[kk] = kk * ldb }
            var k0 = 0
            while k0 < k {
                let depth = min(blockDepth, k - k0)
                for tile in tileRange {
                    let j0 = tile * width
                    let lanes = min(width, n - j0)
                    let base: UnsafePointer<T>
                    let offsets: UnsafeMutablePointer<Int>
                    if !transposeB && lanes == width {
                        base = UnsafePointer(sharedB.pointer) + k0 * ldb + j0
                        offsets = rowOffsets
                    } else {
                        for kk in 0..<depth {
                            let row = panel + kk * width
                            for lane in 0..<width {
                                if lane < lanes {
                                    row[lane] = transposeB ? sharedB.pointer[(j0 + lane) * ldb + k0 + kk]
                                                           : sharedB.pointer[(k0 + kk) * ldb + j0 + lane]
                                } else {
                                    row[lane] = 0
                                }
                            }
                        }
                        base = UnsafePointer(panel)
                        offsets = packedOffsets
                    }
                    for p in 0..<panels {
                        rowTile16(depth: depth, packedA: sharedA.pointer + (p * k + k0) * 16, b: base,
                                  offsets: offsets, split: 0, c: sharedC.pointer + p * 16 * ldc + j0, ldc: ldc,
                                  rows: min(16, m - p * 16), lanes: lanes, accumulate: accumulate || k0 > 0)
                    }
                }
                k0 += depth
            }
        }
    }
}

extension KernelLoops {
    /// Splits `count` elements into per-thread slices whose bounds are multiples of the vector width
    /// (one slice below ~256k elements) and runs `body(range)` on each.
    @inline(__always)
    static func forEachSlice<T: KernelScalar>(
        _ type: T.Type, count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void
    ) {
        let width = T.Vector.scalarCount
        let vectors = (count + width - 1) / width
        parallelRanges(count: vectors, parts: threadsFor(work: count, threads: threads)) { _, range in
            body((range.lowerBound * width)..<min(range.upperBound * width, count))
        }
    }

    /// y = max(x, 0).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func relu<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int, threads: Int) {
        let sx = SharedPointer(x), sy = SharedPointer(y)
        forEachSlice(T.self, count: count, threads: threads) { range in
            let x = sx.pointer, y = sy.pointer, width = T.Vector.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                storeVector(pointwiseMax(loadVector(x + i), T.Vector()), y + i)
                i += width
            }
            while i < range.upperBound { y[i] = max(x[i], 0); i += 1 }
        }
    }

    /// dx = dy where x > 0, else 0.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func reluBackward<T: KernelScalar>(
        _ x: UnsafePointer<T>, _ gradOutput: UnsafePointer<T>, _ gradInput: UnsafeMutablePointer<T>,
        count: Int, threads: Int
    ) {
        let sx = SharedPointer(x), sg = SharedPointer(gradOutput), sd = SharedPointer(gradInput)
        forEachSlice(T.self, count: count, threads: threads) { range in
            let x = sx.pointer, g = sg.pointer, d = sd.pointer, width = T.Vector.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                storeVector(T.wherePositive(loadVector(x + i), loadVector(g + i)), d + i)
                i += width
            }
            while i < range.upperBound { d[i] = x[i] > 0 ? g[i] : 0; i += 1 }
        }
    }

    /// out = a + b.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func add<T: KernelScalar>(
        _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int, threads: Int
    ) {
        let sa = SharedPointer(a), sb = SharedPointer(b), so = SharedPointer(out)
        forEachSlice(T.self, count: count, threads: threads) { range in
            let a = sa.pointer, b = sb.pointer, o = so.pointer, width = T.Vector.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                storeVector(loadVector(a + i) + loadVector(b + i), o + i)
                i += width
            }
            while i < range.upperBound { o[i] = a[i] + b[i]; i += 1 }
        }
    }

    /// y += alpha · x.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func axpy<T: KernelScalar>(
        _ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int, threads: Int
    ) {
        let sx = SharedPointer(x), sy = SharedPointer(y)
        forEachSlice(T.self, count: count, threads: threads) { range in
            let x = sx.pointer, y = sy.pointer, width = T.Vector.scalarCount
            let a = T.Vector(repeating: alpha)
            var i = range.lowerBound
            while i + width <= range.upperBound {
                storeVector(multiplyAdd(loadVector(y + i), a, loadVector(x + i)), y + i)
                i += width
            }
            while i < range.upperBound { y[i] += alpha * x[i]; i += 1 }
        }
    }

    /// y = alpha · x.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scale<T: KernelScalar>(
        _ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int, threads: Int
    ) {
        let sx = SharedPointer(x), sy = SharedPointer(y)
        forEachSlice(T.self, count: count, threads: threads) { range in
            let x = sx.pointer, y = sy.pointer, width = T.Vector.scalarCount
            let a = T.Vector(repeating: alpha)
            var i = range.lowerBound
            while i + width <= range.upperBound {
                storeVector(loadVector(x + i) * a, y + i)
                i += width
            }
            while i < range.upperBound { y[i] = alpha * x[i]; i += 1 }
        }
    }

    /// Σ x[i] · y[i], accumulated in vector lanes and then in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func dot<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count: Int) -> Double {
        let width = T.Vector.scalarCount
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var lanes = T.Vector()
            var i = start
            while i + width <= end {
                lanes = multiplyAdd(lanes, loadVector(x + i), loadVector(y + i))
                i += width
            }
            var partial = Double(lanes.sum())
            while i < end { partial += Double(x[i] * y[i]); i += 1 }
            total += partial
            start = end
        }
        return total
    }

    /// Σ x[i], accumulated in vector lanes and then in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sum<T: KernelScalar>(_ x: UnsafePointer<T>, count: Int) -> Double {
        let width = T.Vector.scalarCount
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var lanes = T.Vector()
            var i = start
            while i + width <= end { lanes += loadVector(x + i); i += width }
            var partial = Double(lanes.sum())
            while i < end { partial += Double(x[i]); i += 1 }
            total += partial
            start = end
        }
        return total
    }
}

extension KernelLoops {
    /// Per-channel sums of x [N, C, S] about a shift: Σ(x − shift) and Σ(x − shift)², per plane in vector
    /// lanes and across planes in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func channelMoments<T: KernelScalar>(
        _ x: UnsafePointer<T>, batch: Int, channels: Int, spatial: Int,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>, threads: Int
    ) {
        let width = T.Vector.scalarCount
        let sx = SharedPointer(x), sm = SharedPointer(mean), sv = SharedPointer(variance)
        let count = Double(batch * spatial)
        parallelRanges(count: channels, parts: threadsFor(work: batch * channels * spatial, threads: threads)) { _, range in
            for c in range {
                let shift = sx.pointer[c * spatial]
                var first = 0.0, second = 0.0
                for n in 0..<batch {
                    let plane = sx.pointer + (n * channels + c) * spatial
                    var s1 = T.Vector(), s2 = T.Vector()
                    let shiftVector = T.Vector(repeating: shift)
                    var i = 0
                    while i + width <= spatial {
                        let d = loadVector(plane + i) - shiftVector
                        s1 += d
                        s2 = multiplyAdd(s2, d, d)
                        i += width
                    }
                    var p1 = Double(s1.sum()), p2 = Double(s2.sum())
                    while i < spatial {
                        let d = Double(plane[i] - shift)
                        p1 += d; p2 += d * d
                        i += 1
                    }
                    first += p1; second += p2
                }
                let centred = first / count
                sm.pointer[c] = Double(shift) + centred
                sv.pointer[c] = max(second / count - centred * centred, 0)
            }
        }
    }

    /// Per-channel Σu and Σu·v over x [N, C, S] layouts (v may equal u).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func channelSums<T: KernelScalar>(
        _ u: UnsafePointer<T>, _ v: UnsafePointer<T>, batch: Int, channels: Int, spatial: Int,
        sumU: UnsafeMutablePointer<Double>, sumUV: UnsafeMutablePointer<Double>, threads: Int
    ) {
        let width = T.Vector.scalarCount
        let su = SharedPointer(u), sv = SharedPointer(v), s1 = SharedPointer(sumU), s2 = SharedPointer(sumUV)
        parallelRanges(count: channels, parts: threadsFor(work: batch * channels * spatial, threads: threads)) { _, range in
            for c in range {
                var first = 0.0, second = 0.0
                for n in 0..<batch {
                    let offset = (n * channels + c) * spatial
                    let pu = su.pointer + offset, pv = sv.pointer + offset
                    var a = T.Vector(), b = T.Vector()
                    var i = 0
                    while i + width <= spatial {
                        let x: T.Vector = loadVector(pu + i)
                        a += x
                        b = multiplyAdd(b, x, loadVector(pv + i))
                        i += width
                    }
                    var p1 = Double(a.sum()), p2 = Double(b.sum())
                    while i < spatial { p1 += Double(pu[i]); p2 += Double(pu[i] * pv[i]); i += 1 }
                    first += p1; second += p2
                }
                s1.pointer[c] = first
                s2.pointer[c] = second
            }
        }
    }

    /// out = a[c]·u + b[c]·v + d[c] per channel of [N, C, S] layouts (`v` is ignored where b is nil).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func channelCombine<T: KernelScalar>(
        _ u: UnsafePointer<T>, _ v: UnsafePointer<T>?, _ out: UnsafeMutablePointer<T>,
        a: UnsafePointer<T>, b: UnsafePointer<T>?, d: UnsafePointer<T>,
        batch: Int, channels: Int, spatial: Int, threads: Int
    ) {
        let width = T.Vector.scalarCount
        let su = SharedPointer(u), so = SharedPointer(out), sa = SharedPointer(a), sd = SharedPointer(d)
        let sv = v.map { SharedPointer($0) }, sb = b.map { SharedPointer($0) }
        parallelRanges(count: batch * channels, parts: threadsFor(work: batch * channels * spatial, threads: threads)) { _, range in
            for planeIndex in range {
                let c = planeIndex % channels
                let offset = planeIndex * spatial
                let pu = su.pointer + offset, po = so.pointer + offset
                let ca = sa.pointer[c], cd = sd.pointer[c]
                let va = T.Vector(repeating: ca), vd = T.Vector(repeating: cd)
                var i = 0
                if let sv, let sb {
                    let pv = sv.pointer + offset
                    let cb = sb.pointer[c]
                    let vb = T.Vector(repeating: cb)
                    while i + width <= spatial {
                        let r = multiplyAdd(multiplyAdd(vd, va, loadVector(pu + i)), vb, loadVector(pv + i))
                        storeVector(r, po + i)
                        i += width
                    }
                    while i < spatial { po[i] = ca * pu[i] + cb * pv[i] + cd; i += 1 }
                } else {
                    while i + width <= spatial {
                        storeVector(multiplyAdd(vd, va, loadVector(pu + i)), po + i)
                        i += width
                    }
                    while i < spatial { po[i] = ca * pu[i] + cd; i += 1 }
                }
            }
        }
    }
}

extension KernelLoops {
    /// Σ of the 3x3 zero-padded window around each pixel, times rowScale[i]·columnScale[j].
    static func boxSum3x3<T: KernelScalar>(
        _ source: UnsafePointer<T>, _ target: UnsafeMutablePointer<T>, height: Int, width: Int,
        rowScale: UnsafePointer<T>, columnScale: UnsafePointer<T>, sums: UnsafeMutablePointer<T>
    ) {
        // `sums` holds height rows of width + 2 scalars: the vertical sums with a zero border. They are all
        // written before any is read back at offsets ±1, so no load waits on a just-issued overlapping store.
        let lanes = T.Vector.scalarCount
        let vectorEnd = width / lanes * lanes
        let stride = width + 2
        for i in 0..<height {
            let centre = source + i * width
            let row = sums + i * stride
            row[0] = 0
            row[width + 1] = 0
            let inner = row + 1
            let up: UnsafePointer<T>? = i > 0 ? centre - width : nil
            let down: UnsafePointer<T>? = i + 1 < height ? centre + width : nil
            var j = 0
            while j < vectorEnd {
                // The same order of additions as the scalar tail: (up + centre) + down.
                var sum: T.Vector = loadVector(centre + j)
                if let up { sum = loadVector(up + j) + sum }
                if let down { sum += loadVector(down + j) }
                storeVector(sum, inner + j)
                j += lanes
            }
            while j < width {
                var sum = centre[j]
                if let up { sum = up[j] + sum }
                if let down { sum += down[j] }
                inner[j] = sum
                j += 1
            }
        }
        for i in 0..<height {
            let row = UnsafePointer(sums + i * stride)
            let out = target + i * width
            let scale = rowScale[i]
            var j = 0
            while j < vectorEnd {
                let sum: T.Vector = loadVector(row + j) + loadVector(row + j + 1) + loadVector(row + j + 2)
                storeVector(sum * scale * loadVector(columnScale + j), out + j)
                j += lanes
            }
            while j < width {
                out[j] = (row[j] + row[j + 1] + row[j + 2]) * scale * columnScale[j]
                j += 1
            }
        }
    }

    /// Average pooling of `planes` planes (any square window, stride and padding); with
    /// `countIncludePadding == false` the mean is over the window's in-image pixels only.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func averagePool<T: KernelScalar>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    ) {
        let outHeight = (height + 2 * padding - kernel) / stride + 1
        let outWidth = (width + 2 * padding - kernel) / stride + 1
        let sx = SharedPointer(x), sy = SharedPointer(y)
        let fast = kernel == 3 && stride == 1 && padding == 1 && !countIncludePadding
        parallelRanges(count: planes, parts: threadsFor(work: planes * height * width * 4, threads: threads)) { _, range in
            if fast {
                let scales = allocateScratch(T.self, count: height + width + height * (width + 2))
                defer { scales.deallocate() }
                let rowScale = scales, columnScale = scales + height, sums = scales + height + width
                for i in 0..<height { rowScale[i] = 1 / T((i > 0 ? 1 : 0) + 1 + (i + 1 < height ? 1 : 0)) }
                for j in 0..<width { columnScale[j] = 1 / T((j > 0 ? 1 : 0) + 1 + (j + 1 < width ? 1 : 0)) }
                for p in range {
                    boxSum3x3(sx.pointer + p * height * width, sy.pointer + p * height * width,
                              height: height, width: width, rowScale: rowScale, columnScale: columnScale, sums: sums)
                }
                return
            }
            for p in range {
                let plane = sx.pointer + p * height * width
                let out = sy.pointer + p * outHeight * outWidth
                for oy in 0..<outHeight {
                    let y0 = oy * stride - padding, y1 = min(y0 + kernel, height + padding)
                    let ys = max(y0, 0), ye = min(y1, height)
                    for ox in 0..<outWidth {
                        let x0 = ox * stride - padding, x1 = min(x0 + kernel, width + padding)
                        let xs = max(x0, 0), xe = min(x1, width)
                        var total: T = 0
                        for yy in ys..<max(ys, ye) { for xx in xs..<max(xs, xe) { total += plane[yy * width + xx] } }
                        let count = countIncludePadding ? (y1 - y0) * (x1 - x0) : (ye - ys) * (xe - xs)
                        out[oy * outWidth + ox] = count > 0 ? total / T(count) : 0
                    }
                }
            }
        }
    }

    /// The gradient of `averagePool` w.r.t. its input (overwrites gx).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func averagePoolBackward<T: KernelScalar>(
        _ gy: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    ) {
        let outHeight = (height + 2 * padding - kernel) / stride + 1
        let outWidth = (width + 2 * padding - kernel) / stride + 1
        let sg = SharedPointer(gy), sx = SharedPointer(gx)
        let fast = kernel == 3 && stride == 1 && padding == 1 && !countIncludePadding
        parallelRanges(count: planes, parts: threadsFor(work: planes * height * width * 4, threads: threads)) { _, range in
            if fast {
                let scratch = allocateScratch(T.self, count: height * width + height + width + max(height, width)
                                              + height * (width + 2))
                defer { scratch.deallocate() }
                let scaled = scratch, rowScale = scratch + height * width, columnScale = rowScale + height
                let ones = columnScale + width, sums = ones + max(height, width)
                for i in 0..<height { rowScale[i] = 1 / T((i > 0 ? 1 : 0) + 1 + (i + 1 < height ? 1 : 0)) }
                for j in 0..<width { columnScale[j] = 1 / T((j > 0 ? 1 : 0) + 1 + (j + 1 < width ? 1 : 0)) }
                for i in 0..<max(height, width) { ones[i] = 1 }
                for p in range {
                    let g = sg.pointer + p * height * width
                    for i in 0..<height {
                        for j in 0..<width { scaled[i * width + j] = g[i * width + j] * rowScale[i] * columnScale[j] }
                    }
                    boxSum3x3(scaled, sx.pointer + p * height * width, height: height, width: width,
                              rowScale: ones, columnScale: ones, sums: sums)
                }
                return
            }
            for p in range {
                let g = sg.pointer + p * outHeight * outWidth
                let plane = sx.pointer + p * height * width
                plane.update(repeating: 0, count: height * width)
                for oy in 0..<outHeight {
                    let y0 = oy * stride - padding, y1 = min(y0 + kernel, height + padding)
                    let ys = max(y0, 0), ye = min(y1, height)
                    for ox in 0..<outWidth {
                        let x0 = ox * stride - padding, x1 = min(x0 + kernel, width + padding)
                        let xs = max(x0, 0), xe = min(x1, width)
                        let count = countIncludePadding ? (y1 - y0) * (x1 - x0) : (ye - ys) * (xe - xs)
                        guard count > 0 else { continue }
                        let share = g[oy * outWidth + ox] / T(count)
                        for yy in ys..<max(ys, ye) { for xx in xs..<max(xs, xe) { plane[yy * width + xx] += share } }
                    }
                }
            }
        }
    }

    /// y[p] = mean of plane p of x [planes × spatial].
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func globalAveragePool<T: KernelScalar>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, planes: Int, spatial: Int
    ) {
        for p in 0..<planes { y[p] = T(sum(x + p * spatial, count: spatial) / Double(spatial)) }
    }

    /// gx[p, s] = gy[p] / spatial.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func globalAveragePoolBackward<T: KernelScalar>(
        _ gy: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>, planes: Int, spatial: Int
    ) {
        let inverse = 1 / T(spatial)
        for p in 0..<planes { (gx + p * spatial).update(repeating: gy[p] * inverse, count: spatial) }
    }
}

// MARK: - Winograd F(4x4, 3x3)

/// Winograd minimal filtering F(4x4, 3x3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks",
/// 2016) for 3x3, stride-1, padding-1 convolutions whose output sides are multiples of 4.
///
/// Each 4x4 output tile is Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d Bᵀᵀ)]A for the 6x6 input tile d, so the multiply-adds of the
/// channel contraction drop from 144 to 36 per tile and channel pair: 36 independent GEMMs
/// M[ξ] = U[ξ]·V[ξ] over (out channel × in channel) × tiles. Tiles are processed in chunks of 32–64 (several
/// images for small planes); the gathers into tile order and the transforms run with the tiles across the
/// vector lanes. The weight gradient is Gᵀ[Σ_tiles (A ∂Y Aᵀ) ⊙ (Bᵀ d B)]G with the same transforms.
/// Float32 rounding grows by about one decimal digit over direct convolution (max error ≈ 1e-6 of the
/// output's scale on unit-variance data); `TensorEngine` uses it for float32 only, float64 stays direct.
struct WinogradPlan<T: KernelScalar>: @unchecked Sendable {
    let geometry: ConvGeometry
    let tilesPerImage: Int
    let imagesPerChunk: Int
    let tiles: Int
    let paddedTiles: Int
    let slotSize: Int
    let scratch: UnsafeMutablePointer<T>
    let tileBase: UnsafeMutablePointer<Int>
    let outputBase: UnsafeMutablePointer<Int>
    let gathered: UnsafeMutablePointer<T>
    let work: UnsafeMutablePointer<T.Vector>
    /// Whether a vector of tiles is exactly two tile rows (W = 2 · lanes, e.g. 32 for float32), so tiles
    /// are gathered and results scattered with in-register even/odd permutes instead of scalar moves.
    let polyphase: Bool
    /// Likewise with four tile rows per vector (W = lanes, e.g. 16 for float32).
    let quadPhase: Bool
    /// Likewise with eight tile rows of two tiles (W = lanes / 2, e.g. 8 for float32) from whole images.
    let octoPhase: Bool
    /// Whether the input passes through max(·, 0) when padded (a ReLU fused before the convolution).
    let relu: Bool

    init(_ g: ConvGeometry, maximumImages: Int, relu: Bool = false) {
        geometry = g
        self.relu = relu
        let width = T.Vector.scalarCount
        tilesPerImage = (g.height / 4) * (g.width / 4)
        let target = max(g.inChannels, g.outChannels) >= 64 ? 32 : 64
        imagesPerChunk = max(1, min(maximumImages, target / max(tilesPerImage, 1)))
        tiles = imagesPerChunk * tilesPerImage
        paddedTiles = (tiles + width - 1) / width * width
        let hp = g.paddedHeight, wp = g.paddedWidth
        slotSize = g.inChannels * hp * wp
        polyphase = 2 * width == g.width && (g.height / 4) % 2 == 0
        quadPhase = width == g.width && (g.height / 4) % 4 == 0
        octoPhase = 2 * g.width == width && g.height % 4 == 0
        scratch = allocateScratch(T.self, count: imagesPerChunk * slotSize + 2 * width)
        tileBase = allocateScratch(Int.self, count: paddedTiles)
        outputBase = allocateScratch(Int.self, count: paddedTiles)
        gathered = allocateScratch(T.self, count: 36 * paddedTiles)
        work = allocateScratch(T.Vector.self, count: 36)
        let tilesAcross = g.width / 4
        for t in 0..<paddedTiles {
            guard t < tiles else { tileBase[t] = -1; outputBase[t] = -1; continue }
            let image = t / tilesPerImage, tile = t % tilesPerImage
            let ty = tile / tilesAcross, tx = tile % tilesAcross
            tileBase[t] = image * slotSize + 4 * ty * wp + 4 * tx
            outputBase[t] = image * g.outImage + 4 * ty * g.width + 4 * tx
        }
    }

    func deallocate() {
        scratch.deallocate(); tileBase.deallocate(); outputBase.deallocate(); gathered.deallocate()
        work.deallocate()
    }

    /// Pads `count` images (≤ imagesPerChunk) into the scratch slots.
    func pad(_ images: UnsafePointer<T>, count: Int) {
        let g = geometry
        for slot in 0..<count {
            KernelLoops.pad(images + slot * g.inImage, into: scratch + slot * slotSize,
                            channels: g.inChannels, height: g.height, width: g.width, padding: 1, relu: relu)
        }
    }

    /// Gathers the 6x6 input tiles of one vector-wide block of tiles with scalar moves (zero past `valid`).
    func gatherTiles(plane: UnsafePointer<T>, block: Int, valid: Int) {
        let wp = geometry.paddedWidth
        for r in 0..<6 {
            for c in 0..<6 {
                let source = plane + r * wp + c
                let row = gathered + (r * 6 + c) * paddedTiles
                for t in block..<(block + T.Vector.scalarCount) { row[t] = t < valid ? source[tileBase[t]] : 0 }
            }
        }
    }

    /// Writes the transformed input tiles of channel `channel` as 36 rows of `paddedTiles`:
    /// `target + ξ * rowStride` receives row ξ = 6i + j; invalid tiles (past `valid`) become zero.
    func transformInput(channel: Int, valid: Int, into target: UnsafeMutablePointer<T>, rowStride: Int) {
        let g = geometry, wp = g.paddedWidth
        let plane = UnsafePointer(scratch) + channel * g.paddedHeight * wp
        if octoPhase {
            // Each block of W tiles is eight rows of two tiles (whole images): three permute rounds, the
            // last on pairs of lanes, leave lane pair (row k) of phase c holding columns c and 4 + c.
            let width = T.Vector.scalarCount
            let tilesAcross = geometry.width / 4
            var block = 0
            while block < paddedTiles {
                guard block + width <= valid else {
                    gatherTiles(plane: plane, block: block, valid: valid)
                    block += width
                    continue
                }
                for r in 0..<6 {
                    func row(_ k: Int) -> UnsafePointer<T> { plane + tileBase[block + k * tilesAcross] + r * wp }
                    let a0: T.Vector = loadVector(row(0)), a1: T.Vector = loadVector(row(1))
                    let a2: T.Vector = loadVector(row(2)), a3: T.Vector = loadVector(row(3))
                    let a4: T.Vector = loadVector(row(4)), a5: T.Vector = loadVector(row(5))
                    let a6: T.Vector = loadVector(row(6)), a7: T.Vector = loadVector(row(7))
                    let e01 = T.evens(a0, a1), o01 = T.odds(a0, a1), e23 = T.evens(a2, a3), o23 = T.odds(a2, a3)
                    let e45 = T.evens(a4, a5), o45 = T.odds(a4, a5), e67 = T.evens(a6, a7), o67 = T.odds(a6, a7)
                    let target = gathered + r * 6 * paddedTiles + block
                    storeVector(T.evenPairs(T.evens(e01, e23), T.evens(e45, e67)), target)
                    storeVector(T.evenPairs(T.evens(o01, o23), T.evens(o45, o67)), target + paddedTiles)
                    storeVector(T.evenPairs(T.odds(e01, e23), T.odds(e45, e67)), target + 2 * paddedTiles)
                    storeVector(T.evenPairs(T.odds(o01, o23), T.odds(o45, o67)), target + 3 * paddedTiles)
                    let b0: T.Vector = loadVector(row(0) + 4), b1: T.Vector = loadVector(row(1) + 4)
                    let b2: T.Vector = loadVector(row(2) + 4), b3: T.Vector = loadVector(row(3) + 4)
                    let b4: T.Vector = loadVector(row(4) + 4), b5: T.Vector = loadVector(row(5) + 4)
                    let b6: T.Vector = loadVector(row(6) + 4), b7: T.Vector = loadVector(row(7) + 4)
                    storeVector(T.evenPairs(T.evens(T.evens(b0, b1), T.evens(b2, b3)),
                                            T.evens(T.evens(b4, b5), T.evens(b6, b7))), target + 4 * paddedTiles)
                    storeVector(T.evenPairs(T.evens(T.odds(b0, b1), T.odds(b2, b3)),
                                            T.evens(T.odds(b4, b5), T.odds(b6, b7))), target + 5 * paddedTiles)
                }
                block += width
            }
        } else if quadPhase {
            // Each block of W tiles is four tile rows: two rounds of even/odd permutes over the four rows
            // leave lane (row k, tile tx) of phase c holding column 4·tx + c of row k.
            let width = T.Vector.scalarCount
            var block = 0
            while block < paddedTiles {
                guard block + width <= valid else {
                    gatherTiles(plane: plane, block: block, valid: valid)
                    block += width
                    continue
                }
                let top = plane + tileBase[block]
                for r in 0..<6 {
                    let row0 = top + r * wp, row1 = row0 + 4 * wp, row2 = row0 + 8 * wp, row3 = row0 + 12 * wp
                    let a0: T.Vector = loadVector(row0), a1: T.Vector = loadVector(row1)
                    let a2: T.Vector = loadVector(row2), a3: T.Vector = loadVector(row3)
                    let e01 = T.evens(a0, a1), o01 = T.odds(a0, a1), e23 = T.evens(a2, a3), o23 = T.odds(a2, a3)
                    let b0: T.Vector = loadVector(row0 + 4), b1: T.Vector = loadVector(row1 + 4)
                    let b2: T.Vector = loadVector(row2 + 4), b3: T.Vector = loadVector(row3 + 4)
                    let target = gathered + r * 6 * paddedTiles + block
                    storeVector(T.evens(e01, e23), target)
                    storeVector(T.evens(o01, o23), target + paddedTiles)
                    storeVector(T.odds(e01, e23), target + 2 * paddedTiles)
                    storeVector(T.odds(o01, o23), target + 3 * paddedTiles)
                    storeVector(T.evens(T.evens(b0, b1), T.evens(b2, b3)), target + 4 * paddedTiles)
                    storeVector(T.evens(T.odds(b0, b1), T.odds(b2, b3)), target + 5 * paddedTiles)
                }
                block += width
            }
        } else if polyphase {
            // Each block of W tiles is two tile rows; lane tx of phase c is column 4·tx + c of a padded row.
            let width = T.Vector.scalarCount
            var block = 0
            while block < paddedTiles {
                guard block + width <= valid else {
                    gatherTiles(plane: plane, block: block, valid: valid)
                    block += width
                    continue
                }
                let top = plane + tileBase[block]
                for r in 0..<6 {
                    let first = top + r * wp, second = first + 4 * wp
                    func phases(_ row: UnsafePointer<T>) -> (T.Half, T.Half, T.Half, T.Half, T.Half, T.Half) {
                        let a: T.Vector = loadVector(row), b: T.Vector = loadVector(row + width)
                        let e = T.evens(a, b), o = T.odds(a, b)
                        let a4: T.Vector = loadVector(row + 4), b4: T.Vector = loadVector(row + 4 + width)
                        return (T.evenHalf(e), T.evenHalf(o), T.oddHalf(e), T.oddHalf(o),
                                T.evenHalf(T.evens(a4, b4)), T.evenHalf(T.odds(a4, b4)))
                    }
                    let p = phases(first), q = phases(second)
                    let target = gathered + r * 6 * paddedTiles + block
                    storeVector(T.join(p.0, q.0), target)
                    storeVector(T.join(p.1, q.1), target + paddedTiles)
                    storeVector(T.join(p.2, q.2), target + 2 * paddedTiles)
                    storeVector(T.join(p.3, q.3), target + 3 * paddedTiles)
                    storeVector(T.join(p.4, q.4), target + 4 * paddedTiles)
                    storeVector(T.join(p.5, q.5), target + 5 * paddedTiles)
                }
                block += width
            }
        } else {
            var block = 0
            while block < paddedTiles {
                gatherTiles(plane: plane, block: block, valid: valid)
                block += T.Vector.scalarCount
            }
        }
        let width = T.Vector.scalarCount
        var block = 0
        while block < paddedTiles {
            let source = UnsafePointer(gathered) + block
            for c in 0..<6 {
                KernelLoops.inputTransform1D(
                    { loadVector(source + ($0 * 6 + c) * paddedTiles) }, { work[$0 * 6 + c] = $1 })
            }
            for i in 0..<6 {
                KernelLoops.inputTransform1D({ work[i * 6 + $0] }, {
                    storeVector($1, target + (i * 6 + $0) * rowStride + block)
                })
            }
            block += width
        }
    }
}

extension KernelLoops {
    /// Whether a convolution has the shape the Winograd path handles.
    static func winogradApplies(_ g: ConvGeometry) -> Bool {
        g.kernel == 3 && g.stride == 1 && g.padding == 1 && g.height % 4 == 0 && g.width % 4 == 0
    }

    /// The 1-D input transform Bᵀ·d on six values (`load(i)` gives dᵢ, `store(i, v)` takes the result).
    @inline(__always)
    static func inputTransform1D<V: SIMD>(_ load: (Int) -> V, _ store: (Int, V) -> Void) where V.Scalar: FloatingPoint {
        let d0 = load(0), d1 = load(1), d2 = load(2), d3 = load(3), d4 = load(4), d5 = load(5)
        let four = V(repeating: 4), five = V(repeating: 5), two = V(repeating: 2)
        store(0, four * d0 - five * d2 + d4)
        store(1, d3 + d4 - four * (d1 + d2))
        store(2, four * (d1 - d2) + d4 - d3)
        store(3, two * (d3 - d1) + d4 - d2)
        store(4, two * (d1 - d3) + d4 - d2)
        store(5, four * d1 - five * d3 + d5)
    }

    /// The 1-D output transform Aᵀ·m: six values to four.
    @inline(__always)
    static func outputTransform1D<V: SIMD>(_ load: (Int) -> V, _ store: (Int, V) -> Void) where V.Scalar: FloatingPoint {
        let m0 = load(0), m1 = load(1), m2 = load(2), m3 = load(3), m4 = load(4), m5 = load(5)
        let sum12 = m1 + m2, difference12 = m1 - m2, sum34 = m3 + m4, difference34 = m3 - m4
        store(0, m0 + sum12 + sum34)
        store(1, difference12 + V(repeating: 2) * difference34)
        store(2, sum12 + V(repeating: 4) * sum34)
        store(3, difference12 + V(repeating: 8) * difference34 + m5)
    }

    /// The transpose of the output transform, A·∂y: four values to six (for the weight gradient).
    @inline(__always)
    static func outputTransposeTransform1D<V: SIMD>(_ load: (Int) -> V, _ store: (Int, V) -> Void) where V.Scalar: FloatingPoint {
        let y0 = load(0), y1 = load(1), y2 = load(2), y3 = load(3)
        let even = y0 + y2, odd = y1 + y3, evenWide = y0 + V(repeating: 4) * y2
        let oddWide = V(repeating: 2) * y1 + V(repeating: 8) * y3
        store(0, y0)
        store(1, even + odd)
        store(2, even - odd)
        store(3, evenWide + oddWide)
        store(4, evenWide - oddWide)
        store(5, y3)
    }

    /// The transpose of the filter transform, Gᵀ·u: six values to three (for the weight gradient).
    @inline(__always)
    static func filterTransposeTransform1D(_ u: (Int) -> Double, _ store: (Int, Double) -> Void) {
        let sixth = 1.0 / 6, twelfth = 1.0 / 12, twentyFourth = 1.0 / 24
        let u0 = u(0), u1 = u(1), u2 = u(2), u3 = u(3), u4 = u(4), u5 = u(5)
        store(0, 0.25 * u0 - sixth * (u1 + u2) + twentyFourth * (u3 + u4))
        store(1, sixth * (u2 - u1) + twelfth * (u3 - u4))
        store(2, sixth * (u3 + u4 - u1 - u2) + u5)
    }

    /// Transposes a W×W block (W = vector lanes): row i at `source + i·sourceStride` becomes column i of the
    /// rows at `target + j·targetStride`, with log₂W rounds of even/odd permutes (each round rotates the
    /// (row, column) bit string by one, so log₂W rounds swap row and column).
    @inline(__always)
    static func transposeSquare<T: KernelScalar>(
        _ source: UnsafePointer<T>, sourceStride: Int, _ target: UnsafeMutablePointer<T>, targetStride: Int,
        work: UnsafeMutablePointer<T.Vector>
    ) {
        let width = T.Vector.scalarCount
        var current = work, next = work + width
        for i in 0..<width { current[i] = loadVector(source + i * sourceStride) }
        var stage = 1
        while stage < width {
            for k in 0..<(width / 2) {
                next[k] = T.evens(current[2 * k], current[2 * k + 1])
                next[width / 2 + k] = T.odds(current[2 * k], current[2 * k + 1])
            }
            swap(&current, &next)
            stage *= 2
        }
        for j in 0..<width { storeVector(current[j], target + j * targetStride) }
    }

    /// The 1-D filter transform G·g on vectors (lanes = 16 output channels of one panel).
    @inline(__always)
    static func filterTransform1D<V: SIMD>(_ g0: V, _ g1: V, _ g2: V, _ store: (Int, V) -> Void) where V.Scalar: FloatingPoint {
        let sixth = V(repeating: 1) / V(repeating: 6), twelfth = V(repeating: 1) / V(repeating: 12)
        let twentyFourth = V(repeating: 1) / V(repeating: 24)
        let outer = g0 + g2
        store(0, g0 / V(repeating: 4))
        store(1, V() - sixth * (outer + g1))
        store(2, V() - sixth * (outer - g1))
        let wide = twentyFourth * g0 + sixth * g2
        store(3, wide + twelfth * g1)
        store(4, wide - twelfth * g1)
        store(5, g2)
    }

    /// U = G·g·Gᵀ for every (out, in) channel pair, packed as 36 sets of 16-row panels
    /// (`[ξ][panel][in][16]`), vectorised over the 16 output channels of a panel.
    static func winogradWeights<T: KernelScalar>(
        outChannels: Int, inChannels: Int, _ element: (Int, Int, Int, Int) -> T
    ) -> UnsafeMutablePointer<T> {
        let panels = (outChannels + 15) / 16
        let setStride = panels * inChannels * 16
        let packed = allocateScratch(T.self, count: 36 * setStride)
        let lanes = allocateScratch(T.self, count: 16 * 9)
        let columns = allocateScratch(T.Vector.self, count: 18 * (16 / T.Vector.scalarCount))
        defer { lanes.deallocate(); columns.deallocate() }
        let width = T.Vector.scalarCount
        for p in 0..<panels {
            for ci in 0..<inChannels {
                for index in 0..<9 {
                    for r in 0..<16 {
                        let co = p * 16 + r
                        lanes[index * 16 + r] = co < outChannels ? element(co, ci, index / 3, index % 3) : 0
                    }
                }
                let target = packed + (p * inChannels + ci) * 16
                var part = 0
                while part < 16 {
                    func g(_ index: Int) -> T.Vector { loadVector(lanes + index * 16 + part) }
                    for b in 0..<3 {
                        filterTransform1D(g(b), g(3 + b), g(6 + b)) { i, value in columns[i * 3 + b] = value }
                    }
                    for i in 0..<6 {
                        filterTransform1D(columns[i * 3], columns[i * 3 + 1], columns[i * 3 + 2]) { j, value in
                            storeVector(value, target + (i * 6 + j) * setStride + part)
                        }
                    }
                    part += width
                }
            }
        }
        return packed
    }

    /// y = conv3x3(x) with weights already transformed by `winogradWeights`.
    static func winogradConvolve<T: KernelScalar>(
        _ g: ConvGeometry, input: UnsafePointer<T>, transformedWeight: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, threads: Int, relu: Bool = false
    ) {
        let width = T.Vector.scalarCount
        let panels = (g.outChannels + 15) / 16
        let parts = threadsFor(work: g.batch * g.outPlane * g.depth * g.outChannels / 16, threads: threads)
        let sharedInput = SharedPointer(input), sharedOutput = SharedPointer(output)
        let sharedWeight = SharedPointer(transformedWeight)
        parallelRanges(count: g.batch, parts: parts) { _, images in
            let plan = WinogradPlan<T>(g, maximumImages: images.count, relu: relu)
            let nt = plan.paddedTiles
            // One cache line of slack per ξ: with power-of-two strides the 36 rows of a tile transform would
            // all map to the same L1 sets (4 KiB aliasing) and evict each other.
            let inputStride = g.inChannels * nt + 16, productStride = g.outChannels * nt + 16
            let transformed = allocateScratch(T.self, count: 36 * inputStride)
            let products = allocateScratch(T.self, count: 36 * productStride)
            let offsets = allocateScratch(Int.self, count: g.inChannels)
            let staged = allocateScratch(T.Vector.self, count: 16)
            defer {
                plan.deallocate(); transformed.deallocate(); products.deallocate(); offsets.deallocate()
                staged.deallocate()
            }
            for ci in 0..<g.inChannels { offsets[ci] = ci * nt }
            var first = images.lowerBound
            while first < images.upperBound {
                let count = min(plan.imagesPerChunk, images.upperBound - first)
                let valid = count * plan.tilesPerImage
                plan.pad(sharedInput.pointer + first * g.inImage, count: count)
                for ci in 0..<g.inChannels {
                    plan.transformInput(channel: ci, valid: valid, into: transformed + ci * nt, rowStride: inputStride)
                }
                for xi in 0..<36 {
                    for p in 0..<panels {
                        let a = sharedWeight.pointer + (xi * panels + p) * g.inChannels * 16
                        var block = 0
                        while block < nt {
                            rowTile16(depth: g.inChannels, packedA: a,
                                      b: transformed + xi * inputStride + block, offsets: offsets, split: 0,
                                      c: products + xi * productStride + p * 16 * nt + block, ldc: nt,
                                      rows: min(16, g.outChannels - p * 16), lanes: width, accumulate: false)
                            block += width
                        }
                    }
                }
                let out = sharedOutput.pointer + first * g.outImage
                for co in 0..<g.outChannels {
                    var block = 0
                    while block < nt {
                        let source = UnsafePointer(products) + co * nt + block
                        let stride = productStride
                        for j in 0..<6 {
                            outputTransform1D({ loadVector(source + ($0 * 6 + j) * stride) }, { plan.work[$0 * 6 + j] = $1 })
                        }
                        for r in 0..<4 {
                            outputTransform1D({ plan.work[r * 6 + $0] }, { staged[r * 4 + $0] = $1 })
                        }
                        let lanes = min(width, valid - block)
                        if plan.quadPhase && lanes == width {
                            // Undo the two permute rounds: rows 4·k + r of the block's four tile rows.
                            let top = out + plan.outputBase[block] + co * g.outPlane
                            for r in 0..<4 {
                                let v = quadRows(T.self, staged[r * 4], staged[r * 4 + 1], staged[r * 4 + 2], staged[r * 4 + 3])
                                storeVector(v.0, top + r * g.width)
                                storeVector(v.1, top + (4 + r) * g.width)
                                storeVector(v.2, top + (8 + r) * g.width)
                                storeVector(v.3, top + (12 + r) * g.width)
                            }
                        } else if plan.octoPhase && lanes == width {
                            // Eight tile rows (whole images), a half vector each: the same interleaves as four tile rows,
                            // each half vector then being one output row of one tile row.
                            let top = out + co * g.outPlane
                            func row(_ k: Int, _ r: Int) -> UnsafeMutablePointer<T> {
                                top + plan.outputBase[block + k * (g.width / 4)] + r * g.width
                            }
                            for r in 0..<4 {
                                let (v0, v1, v2, v3) = quadRows(T.self, staged[r * 4], staged[r * 4 + 1], staged[r * 4 + 2],
                                                                staged[r * 4 + 3])
                                storeHalf(T.lowHalf(v0), row(0, r)); storeHalf(T.highHalf(v0), row(1, r))
                                storeHalf(T.lowHalf(v1), row(2, r)); storeHalf(T.highHalf(v1), row(3, r))
                                storeHalf(T.lowHalf(v2), row(4, r)); storeHalf(T.highHalf(v2), row(5, r))
                                storeHalf(T.lowHalf(v3), row(6, r)); storeHalf(T.highHalf(v3), row(7, r))
                            }
                        } else if plan.polyphase && lanes == width {
                            // Rows 4·ty + r of the block's two tile rows: interleave the four column phases.
                            let top = out + plan.outputBase[block] + co * g.outPlane
                            for r in 0..<4 {
                                let c0 = staged[r * 4], c1 = staged[r * 4 + 1], c2 = staged[r * 4 + 2], c3 = staged[r * 4 + 3]
                                for half in 0..<2 {
                                    let pick: (T.Vector) -> T.Half = { half == 0 ? T.lowHalf($0) : T.highHalf($0) }
                                    let u = T.interleave(pick(c0), pick(c2)), v = T.interleave(pick(c1), pick(c3))
                                    let row = top + (4 * half + r) * g.width
                                    storeVector(T.interleave(T.lowHalf(u), T.lowHalf(v)), row)
                                    storeVector(T.interleave(T.highHalf(u), T.highHalf(v)), row + width)
                                }
                            }
                        } else if lanes > 0 {
                            let values = UnsafeMutableRawPointer(staged).assumingMemoryBound(to: T.self)
                            for lane in 0..<lanes {
                                let target = out + plan.outputBase[block + lane] + co * g.outPlane
                                for r in 0..<4 {
                                    for c in 0..<4 { target[r * g.width + c] = values[(r * 4 + c) * width + lane] }
                                }
                            }
                        }
                        block += width
                    }
                }
                first += count
            }
        }
    }

    /// Output rows from a block of tiles spanning four tile rows: given the four column phases c0…c3 of one
    /// row within the tiles (lane t = tile t), the vectors of tile rows 0…3 with the phases interleaved.
    @inline(__always)
    static func quadRows<T: KernelScalar>(_: T.Type, _ c0: T.Vector, _ c1: T.Vector, _ c2: T.Vector, _ c3: T.Vector)
        -> (T.Vector, T.Vector, T.Vector, T.Vector) {
        let e01 = T.interleave(T.lowHalf(c0), T.lowHalf(c2)), e23 = T.interleave(T.highHalf(c0), T.highHalf(c2))
        let o01 = T.interleave(T.lowHalf(c1), T.lowHalf(c3)), o23 = T.interleave(T.highHalf(c1), T.highHalf(c3))
        return (T.interleave(T.lowHalf(e01), T.lowHalf(o01)), T.interleave(T.highHalf(e01), T.highHalf(o01)),
                T.interleave(T.lowHalf(e23), T.lowHalf(o23)), T.interleave(T.highHalf(e23), T.highHalf(o23)))
    }

    /// The inverse of `quadRows`: splits the rows a0…a3 of four tile rows into the four column phases, stored
    /// at target, target + stride, target + 2·stride and target + 3·stride.
    @inline(__always)
    static func storeQuadPhases<T: KernelScalar>(_ a0: T.Vector, _ a1: T.Vector, _ a2: T.Vector, _ a3: T.Vector,
                                                 _ target: UnsafeMutablePointer<T>, stride: Int) {
        let e01 = T.evens(a0, a1), o01 = T.odds(a0, a1), e23 = T.evens(a2, a3), o23 = T.odds(a2, a3)
        storeVector(T.evens(e01, e23), target)
        storeVector(T.evens(o01, o23), target + stride)
        storeVector(T.odds(e01, e23), target + 2 * stride)
        storeVector(T.odds(o01, o23), target + 3 * stride)
    }

    /// ∂L/∂w of a 3x3 stride-1 padding-1 convolution by Winograd: Σ over tiles of the transformed output
    /// gradient times the transformed input, one 36-way batched GEMM, then Gᵀ(·)G.
    static func winogradWeightGradient<T: KernelScalar>(
        _ g: ConvGeometry, input: UnsafePointer<T>, gradOutput: UnsafePointer<T>,
        gradWeight: UnsafeMutablePointer<T>, threads: Int, relu: Bool = false
    ) {
        let width = T.Vector.scalarCount
        let (cout, cin) = (g.outChannels, g.inChannels)
        let panels = (cout + 15) / 16
        let cinPadded = (cin + width - 1) / width * width
        let parts = threadsFor(work: g.batch * g.outPlane * g.depth * g.outChannels / 16, threads: threads)
        let partialSize = 36 * panels * 16 * cinPadded
        let partials = allocateScratch(T.self, count: parts * partialSize)
        partials.initialize(repeating: 0, count: parts * partialSize)
        defer { partials.deallocate() }
        let sharedInput = SharedPointer(input), sharedGrad = SharedPointer(gradOutput)
        let sharedPartials = SharedPointer(partials)
        parallelRanges(count: g.batch, parts: parts) { part, images in
            let plan = WinogradPlan<T>(g, maximumImages: images.count, relu: relu)
            let nt = plan.paddedTiles
            // Up to one vector width of channels is transformed into `rowBuffer` ([channel][ξ][t]) and then
            // transposed block by block with in-register permutes into the GEMM layouts.
            let rowBuffer = allocateScratch(T.self, count: max(width, 16) * 36 * nt)
            rowBuffer.initialize(repeating: 0, count: max(width, 16) * 36 * nt)
            let transposeWork = allocateScratch(T.Vector.self, count: 2 * width)
            let inputT = allocateScratch(T.self, count: 36 * nt * cinPadded)
            inputT.initialize(repeating: 0, count: 36 * nt * cinPadded)
            let gradT = allocateScratch(T.self, count: 36 * panels * nt * 16)
            gradT.initialize(repeating: 0, count: 36 * panels * nt * 16)
            let offsets = allocateScratch(Int.self, count: nt)
            let gatheredGrad = allocateScratch(T.self, count: 16 * nt)
            defer {
                plan.deallocate(); rowBuffer.deallocate(); inputT.deallocate(); gradT.deallocate()
                offsets.deallocate(); gatheredGrad.deallocate(); transposeWork.deallocate()
            }
            for t in 0..<nt { offsets[t] = t * cinPadded }
            let accumulator = sharedPartials.pointer + part * partialSize
            var first = images.lowerBound
            while first < images.upperBound {
                let count = min(plan.imagesPerChunk, images.upperBound - first)
                let valid = count * plan.tilesPerImage
                plan.pad(sharedInput.pointer + first * g.inImage, count: count)
                // V transposed: inputT[ξ][t][ci].
                var group = 0
                while group < cin {
                    let members = min(width, cin - group)
                    for member in 0..<width {
                        let rows = rowBuffer + member * 36 * nt
                        if member < members {
                            plan.transformInput(channel: group + member, valid: valid, into: rows, rowStride: nt)
                        } else {
                            rows.update(repeating: 0, count: 36 * nt)
                        }
                    }
                    for xi in 0..<36 {
                        var block = 0
                        while block < nt {
                            transposeSquare(UnsafePointer(rowBuffer) + xi * nt + block, sourceStride: 36 * nt,
                                            inputT + (xi * nt + block) * cinPadded + group, targetStride: cinPadded,
                                            work: transposeWork)
                            block += width
                        }
                    }
                    group += width
                }
                // Z = A ∂Y Aᵀ packed as panels gradT[ξ][panel][t][16].
                let grad = UnsafePointer(sharedGrad.pointer) + first * g.outImage
                for co in 0..<cout {
                    var gatherBlock = 0
                    while gatherBlock < nt {
                        let block = gatherBlock
                        gatherBlock += width
                        let full = block + width <= valid
                        let top = grad + (full ? plan.outputBase[block] : 0) + co * g.outPlane
                        if full && plan.quadPhase {
                            for r in 0..<4 {
                                let row0 = top + r * g.width
                                storeQuadPhases(loadVector(row0), loadVector(row0 + 4 * g.width), loadVector(row0 + 8 * g.width),
                                                loadVector(row0 + 12 * g.width), gatheredGrad + r * 4 * nt + block, stride: nt)
                            }
                        } else if full && plan.octoPhase {
                            // Eight tile rows, a half vector each: pairs of them form the four-tile-row layout.
                            let base = grad + co * g.outPlane
                            func row(_ k: Int, _ r: Int) -> T.Half {
                                loadHalf(base + plan.outputBase[block + k * (g.width / 4)] + r * g.width)
                            }
                            for r in 0..<4 {
                                storeQuadPhases(T.join(row(0, r), row(1, r)), T.join(row(2, r), row(3, r)),
                                                T.join(row(4, r), row(5, r)), T.join(row(6, r), row(7, r)),
                                                gatheredGrad + r * 4 * nt + block, stride: nt)
                            }
                        } else if full && plan.polyphase {
                            for r in 0..<4 {
                                let first = top + r * g.width, second = first + 4 * g.width
                                let a: T.Vector = loadVector(first), b: T.Vector = loadVector(first + width)
                                let c: T.Vector = loadVector(second), d: T.Vector = loadVector(second + width)
                                let e1 = T.evens(a, b), o1 = T.odds(a, b), e2 = T.evens(c, d), o2 = T.odds(c, d)
                                let target = gatheredGrad + r * 4 * nt + block
                                storeVector(T.join(T.evenHalf(e1), T.evenHalf(e2)), target)
                                storeVector(T.join(T.evenHalf(o1), T.evenHalf(o2)), target + nt)
                                storeVector(T.join(T.oddHalf(e1), T.oddHalf(e2)), target + 2 * nt)
                                storeVector(T.join(T.oddHalf(o1), T.oddHalf(o2)), target + 3 * nt)
                            }
                        } else {
                            for t in block..<(block + width) {
                                let base = plan.outputBase[t]
                                if t < valid && base >= 0 {
                                    let source = grad + base + co * g.outPlane
                                    for r in 0..<4 {
                                        for c in 0..<4 { gatheredGrad[(r * 4 + c) * nt + t] = source[r * g.width + c] }
                                    }
                                } else {
                                    for e in 0..<16 { gatheredGrad[e * nt + t] = 0 }
                                }
                            }
                        }
                    }
                    var block = 0
                    while block < nt {
                        let source = UnsafePointer(gatheredGrad) + block
                        for c in 0..<4 {
                            outputTransposeTransform1D({ loadVector(source + ($0 * 4 + c) * nt) }, { plan.work[$0 * 4 + c] = $1 })
                        }
                        let rows = rowBuffer + (co % 16) * 36 * nt + block
                        for i in 0..<6 {
                            outputTransposeTransform1D({ plan.work[i * 4 + $0] }, { j, value in
                                storeVector(value, rows + (i * 6 + j) * nt)
                            })
                        }
                        block += width
                    }
                    // After the last channel of a panel, transpose its [co][ξ][t] rows into [ξ][panel][t][16].
                    if co % 16 == 15 || co == cout - 1 {
                        let panel = co / 16
                        for member in (co % 16 + 1)..<16 {
                            (rowBuffer + member * 36 * nt).update(repeating: 0, count: 36 * nt)
                        }
                        for xi in 0..<36 {
                            var part = 0
                            while part < 16 {
                                var block = 0
                                while block < nt {
                                    transposeSquare(UnsafePointer(rowBuffer) + part * 36 * nt + xi * nt + block,
                                                    sourceStride: 36 * nt,
                                                    gradT + ((xi * panels + panel) * nt + block) * 16 + part,
                                                    targetStride: 16, work: transposeWork)
                                    block += width
                                }
                                part += width
                            }
                        }
                    }
                }
                // Ugrad[ξ][co][ci] += Σ_t Z[ξ][co][t] · V[ξ][t][ci].
                for xi in 0..<36 {
                    for p in 0..<panels {
                        var column = 0
                        while column < cinPadded {
                            rowTile16(depth: nt, packedA: gradT + (xi * panels + p) * nt * 16,
                                      b: inputT + xi * nt * cinPadded + column, offsets: offsets, split: 0,
                                      c: accumulator + (xi * panels + p) * 16 * cinPadded + column, ldc: cinPadded,
                                      rows: 16, lanes: width, accumulate: true)
                            column += width
                        }
                    }
                }
                first += count
            }
        }
        // Sum the threads' parts, then ∂g = Gᵀ·Ugrad·G per channel pair (in Double), output channels in parallel.
        let usedParts = max(1, min(parts, g.batch))
        let sharedGradWeight = SharedPointer(gradWeight)
        parallelRanges(count: cout, parts: threadsFor(work: cout * cin * 36 * 8, threads: threads)) { _, range in
            let u = allocateScratch(Double.self, count: 36), rows = allocateScratch(Double.self, count: 18)
            defer { u.deallocate(); rows.deallocate() }
            let partials = UnsafePointer(sharedPartials.pointer)
            for co in range {
                for ci in 0..<cin {
                    let offset = ((co / 16) * 16 + co % 16) * cinPadded + ci
                    for xi in 0..<36 {
                        var sum = 0.0
                        for part in 0..<usedParts {
                            sum += Double(partials[part * partialSize + xi * panels * 16 * cinPadded + offset])
                        }
                        u[xi] = sum
                    }
                    for j in 0..<6 {
                        filterTransposeTransform1D({ u[$0 * 6 + j] }) { a, value in rows[a * 6 + j] = value }
                    }
                    for a in 0..<3 {
                        filterTransposeTransform1D({ rows[a * 6 + $0] }) { b, value in
                            sharedGradWeight.pointer[((co * cin + ci) * 3 + a) * 3 + b] = T(value)
                        }
                    }
                }
            }
        }
    }
}
