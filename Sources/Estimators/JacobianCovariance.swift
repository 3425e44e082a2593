import Foundation
import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// `jacob_cov`: how decorrelated the input Jacobians of the samples of one batch are at initialisation.
///
/// Mellor, Turner, Storkey & Crowley, "Neural Architecture Search without Training" (first version,
/// arXiv:2006.04647v1), as implemented by Abdelfattah, Mehrotra, Dudziak & Lane, "Zero-Cost Proxies for
/// Lightweight NAS", ICLR 2021 (zero-cost-nas `jacob_cov`). J = ∂(Σ logits)/∂x per sample, flattened to B×D;
/// C = the correlation matrix of J's rows (numpy's `corrcoef`, clipped to [−1, 1]); with its eigenvalues λ,
/// score = −Σ_i [log(λ_i + k) + 1/(λ_i + k)], k = 1e-5. Batch statistics in batch norm. A row of J with zero
/// variance (the logits do not depend on that image) or an eigenvalue ≤ −k makes the score undefined: a failure.
public struct JacobianCovariance: NetworkBatchEstimator {
    /// Which output is differentiated.
    public enum Output: String, Sendable, CaseIterable {
        /// Σ over every logit of each sample (zero-cost-nas, NASWOT v1, NASLib): backward seeded with ones.
        case summedLogits = "summed"
        /// Each sample's logit of its own label.
        case labelLogit = "label"
    }

    /// The constant k added to every eigenvalue.
    public static let eigenvalueOffset = 1e-5

    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `jacob_cov`.
    public var id: String { "jacob_cov" }

    /// Batch, batches, seed, network shape, initialisation, data, and the differentiated output.
    public var settings: EstimatorSettings {
        EstimatorSettings(options.commonSettings.merging(["output": .text(options.jacobianOutput.rawValue)]) { $1 })
    }

    /// The score of `network` on one batch.
    public func score(network: NB201Network, images: Tensor, labels: [Int]) throws -> Double {
        try Self.score(jacobian: jacobian(network: network, images: images, labels: labels))
    }

    /// J [B, C, H, W]: the gradient of the chosen output with respect to each input image (zeros when the
    /// output does not depend on the input).
    public func jacobian(network: NB201Network, images: Tensor, labels: [Int]) -> Tensor {
        let tape = Tape()
        let input = tape.input(images, requiresGradient: true)
        let logits = network(input, training: true)
        var seed = Tensor.ones(logits.shape, dtype: logits.dtype)
        if options.jacobianOutput == .labelLogit {
            seed = Tensor.zeros(logits.shape, dtype: logits.dtype)
            for (row, label) in labels.enumerated() { seed[row, label] = 1 }
        }
        tape.backward(logits, gradient: seed)
        return input.gradient ?? images.zerosLike()
    }

    /// −Σ [log(λ + k) + 1/(λ + k)] over the eigenvalues λ of the correlation matrix of J's rows.
    public static func score(jacobian: Tensor) throws -> Double {
        let correlation = try correlationMatrix(jacobian)
        guard let eigenvalues = correlation.symmetricEigenvalues() else {
            throw EstimatorFailure("jacob_cov: the eigenvalue iteration did not converge")
        }
        var total = 0.0
        for lambda in eigenvalues {
            let shifted = lambda + eigenvalueOffset
            guard shifted > 0 else {
                throw EstimatorFailure("jacob_cov: eigenvalue \(lambda) ≤ −\(eigenvalueOffset), log undefined")
            }
            total += Foundation.log(shifted) + 1 / shifted
        }
        return -total
    }

    /// The correlation matrix of the rows of `jacobian` [B, …] (numpy's `corrcoef`, clipped to [−1, 1]).
    public static func correlationMatrix(_ jacobian: Tensor) throws -> SquareMatrix {
        let rows = jacobian.shape[0], length = jacobian.count / max(rows, 1)
        var values = jacobian.doubleScalars
        for row in 0..<rows {
            let base = row * length
            var mean = 0.0
            for k in 0..<length { mean += values[base + k] }
            mean /= Double(length)
            for k in 0..<length { values[base + k] -= mean }
        }
        let centred = Tensor(shape: [rows, length], doubleScalars: values)
        let gram = Tensor.matmul(centred, centred, transposeB: true).doubleScalars
        var scale = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            guard gram[row * rows + row] > 0 else {
                throw EstimatorFailure("jacob_cov: the Jacobian of sample \(row) is constant, its correlation is undefined")
            }
            scale[row] = 1 / gram[row * rows + row].squareRoot()
        }
        var entries = [Double](repeating: 0, count: rows * rows)
        for i in 0..<rows {
            for j in 0..<rows {
                entries[i * rows + j] = min(1, max(-1, gram[i * rows + j] * scale[i] * scale[j]))
            }
        }
        return SquareMatrix(order: rows, entries: entries)
    }
}
